#pragma once
// Bluesky Jetstream events (one JSON object per WebSocket text message, re-framed as one line):
//
//   extract_jetstream — the parse workers' view of an event:
//     kind "commit", collection "app.bsky.feed.post", operation "create"
//                           -> kTweet: text = commit.record.text (may be ""), lang = first of
//                              commit.record.langs, event_time_ms = commit.record.createdAt
//                              (client-declared; falls back to time_us), id = commit.rkey
//     same, operation "delete"            -> kDelete
//     same, operation "update" (an edit)  -> kOther (not counted twice)
//     other collections, "identity", "account" -> kOther
//     blank line -> kKeepAlive; a post create without a text string -> kMalformed
//
//   read_jetstream_event_id — the source's view, for the resume cursor and replay dedupe: the
//     envelope's time_us and an identity key (did + collection + rkey + rev for commits, did +
//     kind + time_us otherwise).
//
// Threading: not thread-safe per parser; distinct parsers may run concurrently.

#include <cstddef>
#include <cstdint>
#include <string>

#include "core/record.h"
#include "simdjson.h"

namespace firecount {

// `line` holds `len` bytes and stays readable to `padded_capacity` >= len + SIMDJSON_PADDING.
// Returns out.kind. Record views are valid until the parser's next document.
MessageKind extract_jetstream(simdjson::ondemand::parser& parser, const char* line, size_t len,
                              size_t padded_capacity, Record& out);

struct JetstreamEventId {
  int64_t time_us = 0;
  std::string key;
};

// Reads time_us and the identity key. Returns false when the line is not a JSON object with an
// integer time_us (such lines are delivered as they are and never deduplicated).
bool read_jetstream_event_id(simdjson::ondemand::parser& parser, const char* line, size_t len,
                             size_t padded_capacity, JetstreamEventId& out);

}  // namespace firecount
