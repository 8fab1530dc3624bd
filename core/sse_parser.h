#pragma once
// SseParser: an incremental Server-Sent Events parser (WHATWG HTML "event stream interpretation"),
// for the Mastodon streaming API's `text/event-stream` bodies.
//
// Lines end with "\r\n", "\n" or "\r" (a "\r\n" split across reads is one line end). Lines that
// start with ':' are comments (Mastodon's ":)" greeting and ":thump" heartbeat). `event:` sets the
// type, `data:` lines are joined with '\n', `id:` and `retry:` are remembered, unknown fields are
// ignored, and a blank line dispatches the event if it has data. Byte-oriented: UTF-8 split across
// reads is reassembled for free.
//
// Pure logic; called by io/sse_source on its network thread.
//
// Threading: not thread-safe; one parser per connection.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"
#include "core/line_framer.h"

namespace firecount {

struct SseEvent {
  std::string_view type;  // "message" when no event: field was given
  std::string_view data;  // data: lines joined with '\n'
  std::string_view id;    // last id: seen on the stream (empty if none)
};

class SseParser {
 public:
  explicit SseParser(size_t max_event_bytes = size_t{16} << 20)
      : max_event_bytes_(max_event_bytes) {}

  // Feeds the next body bytes; calls `on_event` per dispatched event and `on_comment` per comment
  // line (heartbeats). Returns kMessageTooLarge when one event or line exceeds the limit.
  [[nodiscard]] FramerStatus feed(std::string_view bytes,
                                  absl::FunctionRef<void(const SseEvent&)> on_event,
                                  absl::FunctionRef<void(std::string_view)> on_comment);

  void reset();

  // The reconnection time the server asked for with `retry:` (ms), or -1.
  int64_t retry_ms() const { return retry_ms_; }

 private:
  void process_line(std::string_view line, absl::FunctionRef<void(const SseEvent&)> on_event,
                    absl::FunctionRef<void(std::string_view)> on_comment);

  size_t max_event_bytes_;
  std::string line_;
  bool skip_lf_ = false;  // the previous byte was a '\r' that ended a line
  std::string type_;
  std::string data_;
  bool has_data_ = false;
  std::string last_id_;
  int64_t retry_ms_ = -1;
};

}  // namespace firecount
