#pragma once
// LineFramer and LengthFramer: turn the body bytes of a live HTTP stream, cut at arbitrary chunk
// and read boundaries, into whole messages — the framing half of the live sources' contract "one
// message per '\n'-terminated line".
//
//   LineFramer   — Twitter v1.1 and X v2 bodies: messages end with "\r\n"; a blank line is a
//                  keep-alive. In kCrlf mode (the documented framing) a lone '\n' does not end a
//                  message (v1.1 text may contain one) and is replaced by a space, which is
//                  equivalent JSON whitespace, so the re-framed line holds no raw '\n'.
//   LengthFramer — v1.1 `delimited=length`: optional blank keep-alive lines, a decimal length, a
//                  line end, then exactly that many bytes (the JSON plus its trailing "\r\n").
//
// Both are byte-oriented and never decode text, so a UTF-8 character split across reads is
// reassembled for free. Messages are handed to a callback without their terminator; an empty
// message is a keep-alive. Pure logic; called by io/http_stream_source on its network thread.
//
// Threading: not thread-safe; one framer per connection.

#include <cstddef>
#include <string>
#include <string_view>

#include "absl/functional/function_ref.h"

namespace firecount {

enum class FramerStatus {
  kOk = 0,
  kMessageTooLarge,  // a message (or a length prefix) exceeds max_message_bytes
  kBadLength,        // delimited=length: a length line that is not a decimal number
};

std::string_view framer_status_name(FramerStatus status);

using MessageSink = absl::FunctionRef<void(std::string_view message)>;

class LineFramer {
 public:
  enum class Mode {
    kCrlf,  // split on "\r\n" only (Twitter v1.1, X v2)
    kLf,    // split on '\n', dropping one '\r' before it
  };
  explicit LineFramer(Mode mode, size_t max_message_bytes = size_t{16} << 20)
      : mode_(mode), max_message_bytes_(max_message_bytes) {}

  // Feeds the next bytes; calls `sink` once per complete message (keep-alives as ""). After an
  // error the framer must be reset() before further use.
  [[nodiscard]] FramerStatus feed(std::string_view bytes, MessageSink sink);

  // Forgets a partial message (after a reconnect).
  void reset() { pending_.clear(); }

  // Bytes of an incomplete message held back.
  size_t pending_bytes() const { return pending_.size(); }

 private:
  Mode mode_;
  size_t max_message_bytes_;
  std::string pending_;
};

class LengthFramer {
 public:
  explicit LengthFramer(size_t max_message_bytes = size_t{16} << 20)
      : max_message_bytes_(max_message_bytes) {}

  [[nodiscard]] FramerStatus feed(std::string_view bytes, MessageSink sink);
  void reset();
  size_t pending_bytes() const { return pending_.size(); }

 private:
  size_t max_message_bytes_;
  bool in_body_ = false;
  size_t body_length_ = 0;
  std::string pending_;  // the length line so far, or the body so far
};

}  // namespace firecount
