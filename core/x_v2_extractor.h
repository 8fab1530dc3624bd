#pragma once
// extract_x_v2: one line of an X API v2 filtered or sample stream to a Record.
//
//   {"data":{"id","text","created_at","lang","note_tweet":{"text"},"referenced_tweets":[…]},
//    "includes":{…},"matching_rules":[…]}          -> kTweet (note_tweet.text over text)
//   {"errors":[{"title":"operational-disconnect" | "ConnectionException",
//               "type":".../operational-disconnect" | ".../streaming-connection"}]}
//                                                   -> kDisconnect
//   {"errors":[…other problems…]}                   -> kOther (a partial error next to "data"
//                                                      still yields kTweet)
//   blank line                                      -> kKeepAlive
// Fields may come in any order; unknown fields are skipped. `lang` and `created_at` are present
// when the stream was opened with tweet.fields=created_at,lang (io/ does that). is_retweet is set
// when referenced_tweets holds a "retweeted" entry.
//
// Called by the parse workers, one parser per worker. Record views point into `line` or the
// parser's string buffer and are valid until the parser's next document.
//
// Threading: not thread-safe per parser; distinct parsers may run concurrently.

#include <cstddef>

#include "core/record.h"
#include "simdjson.h"

namespace firecount {

// `line` holds `len` bytes and stays readable to `padded_capacity` >= len + SIMDJSON_PADDING.
// Returns out.kind.
MessageKind extract_x_v2(simdjson::ondemand::parser& parser, const char* line, size_t len,
                         size_t padded_capacity, Record& out);

}  // namespace firecount
