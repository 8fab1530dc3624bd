#pragma once
// MessageExtractor: classifies one framed line and extracts the Record a tokenizer needs.
//
// For v1.1 JSON it runs simdjson On-Demand over the line in place (no copy: the line lives in a
// padded buffer) and visits each top-level field once, pulling only the text
// (`extended_tweet.full_text` > `full_text` > `text`), `id_str`, `created_at` / `timestamp_ms`,
// `lang` and whether a `retweeted_status` object is present. Notices of the v1.1 stream
// (`delete`, `scrub_geo`, `limit`, `status_withheld`, `user_withheld`, `disconnect`, `warning`)
// are classified by their first key; blank lines are keep-alives; anything that is not one valid
// JSON object is malformed (invalid UTF-8 is its own kind). A record is only produced from a
// line that parsed completely: a truncated tweet never contributes half its fields.
//
// For text lines (`--input-format text`) the whole line is the text, once it is valid UTF-8.
// The live formats dispatch to core/x_v2_extractor.h, core/jetstream_extractor.h and
// core/mastodon_extractor.h.
//
// Threading: not thread-safe (owns a simdjson parser); one per worker. The Record's views are
// valid until the next extract() call or until the line's buffer is reused.

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "core/message_format.h"
#include "core/record.h"
#include "core/v1_extractor.h"
#include "simdjson.h"

namespace firecount {

class MessageExtractor {
 public:
  explicit MessageExtractor(MessageFormat format);

  // Classifies `line` (no trailing "\n"; a trailing "\r" is allowed and ignored) and fills `out`.
  // `readable` is how many bytes from line.data() may be read: at least
  // line.size() + simdjson::SIMDJSON_PADDING. Returns out.kind; never throws.
  MessageKind extract(std::string_view line, size_t readable, Record& out);

  // The same for the line that starts at `begin` in a buffer of lines ending at `end`: the line
  // runs to its first "\n" (else to `end`), where `line_end` is set. `readable` counts from
  // `begin`, at least (end - begin) + simdjson::SIMDJSON_PADDING. A v1.1 stream status is found
  // and checked in one pass with its end (V1Extractor::try_stream_status); anything else is
  // extract()ed once its end is found.
  MessageKind extract_next(const char* begin, const char* end, size_t readable, Record& out,
                           const char*& line_end);

 private:
  // extract(), told whether V1Extractor::try_stream_status already declined the line.
  MessageKind extract(std::string_view line, size_t readable, Record& out, bool shortcut_declined);

  MessageFormat format_;
  std::unique_ptr<V1Extractor> v1_;
  // The live formats (X v2, Jetstream, Mastodon): simdjson's built-in kernel, created on first
  // use; their rates are bounded by the network, not the parser.
  std::unique_ptr<simdjson::ondemand::parser> live_parser_;
  std::string scratch_;
};

// True when the line holds only spaces, tabs and "\r" (a keep-alive).
bool is_blank_line(std::string_view line);

}  // namespace firecount
