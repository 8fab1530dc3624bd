#pragma once
// extract_mastodon: one Mastodon streaming event to a Record.
//
// io/sse_source writes each SSE event as one line: the event name, a TAB, then the data with any
// '\n' replaced by ' ' — "update\t{…Status…}", "delete\t109348677773283527". Mapping:
//   update         -> kTweet: text = plain text of `content` (HTML, see core/html_text.h), with
//                     `spoiler_text` (the content warning) in front when set; for a boost
//                     (`reblog` not null) the boosted status's text, is_retweet = true;
//                     lang = `language`, event_time_ms = `created_at`, id = `id`
//   delete         -> kDelete (id = the data)
//   status.update  -> kOther (an edit; the original was counted already)
//   other events   -> kOther; blank line -> kKeepAlive; no TAB or bad JSON -> kMalformed
//
// Because the text is converted, it lives in `text_scratch` (one per worker), and out.text views
// it; other views point into `line` or the parser's string buffer. All are valid until the next
// call with the same parser and scratch.
//
// Threading: not thread-safe per parser/scratch; distinct pairs may run concurrently.

#include <cstddef>
#include <string>

#include "core/record.h"
#include "simdjson.h"

namespace firecount {

// `line` holds `len` bytes and stays readable to `padded_capacity` >= len + SIMDJSON_PADDING.
// Returns out.kind.
MessageKind extract_mastodon(simdjson::ondemand::parser& parser, const char* line, size_t len,
                             size_t padded_capacity, Record& out, std::string& text_scratch);

}  // namespace firecount
