#include "core/line_framer.h"

#include <algorithm>
#include <cstring>

#include "core/ascii.h"

namespace firecount {
namespace {

// Raw CR / LF inside a message can only be JSON whitespace; make it a space so the message stays
// one line downstream.
void blank_line_breaks(std::string& s) {
  for (char& c : s) {
    if (c == '\n' || c == '\r') c = ' ';
  }
}

}  // namespace

std::string_view framer_status_name(FramerStatus status) {
  switch (status) {
    case FramerStatus::kOk:
      return "ok";
    case FramerStatus::kMessageTooLarge:
      return "message too large";
    case FramerStatus::kBadLength:
      return "bad length prefix";
  }
  return "unknown";
}

FramerStatus LineFramer::feed(std::string_view bytes, MessageSink sink) {
  // Resume the search one byte back: a "\r" may end the previous feed and its "\n" start this one.
  size_t search_from = pending_.empty() ? 0 : pending_.size() - 1;
  pending_.append(bytes.data(), bytes.size());
  size_t start = 0;
  for (;;) {
    const char* base = pending_.data();
    const void* hit = std::memchr(base + search_from, '\n', pending_.size() - search_from);
    if (hit == nullptr) break;
    size_t nl = static_cast<size_t>(static_cast<const char*>(hit) - base);
    bool crlf = nl > start && pending_[nl - 1] == '\r';
    if (mode_ == Mode::kCrlf && !crlf) {
      pending_[nl] = ' ';  // a lone LF inside a message
      search_from = nl + 1;
      continue;
    }
    size_t end = crlf ? nl - 1 : nl;
    std::string_view message(base + start, end - start);
    if (message.find('\r') != std::string_view::npos) {
      std::string copy(message);
      blank_line_breaks(copy);
      sink(copy);
    } else {
      sink(message);
    }
    start = nl + 1;
    search_from = start;
  }
  pending_.erase(0, start);
  if (pending_.size() > max_message_bytes_) return FramerStatus::kMessageTooLarge;
  return FramerStatus::kOk;
}

FramerStatus LengthFramer::feed(std::string_view bytes, MessageSink sink) {
  while (!bytes.empty()) {
    if (in_body_) {
      size_t take = std::min(bytes.size(), body_length_ - pending_.size());
      pending_.append(bytes.data(), take);
      bytes.remove_prefix(take);
      if (pending_.size() < body_length_) break;
      // The length counts the JSON plus its trailing "\r\n"; strip the terminator only.
      while (!pending_.empty() && (pending_.back() == '\n' || pending_.back() == '\r')) {
        pending_.pop_back();
      }
      blank_line_breaks(pending_);
      sink(pending_);
      pending_.clear();
      in_body_ = false;
      continue;
    }
    size_t nl = bytes.find('\n');
    if (nl == std::string_view::npos) {
      pending_.append(bytes.data(), bytes.size());
      if (pending_.size() > 32) return FramerStatus::kBadLength;
      break;
    }
    pending_.append(bytes.data(), nl);
    bytes.remove_prefix(nl + 1);
    std::string_view line = internal::strip_ascii_space(pending_);
    if (line.empty()) {
      sink(std::string_view());  // keep-alive before a length
      pending_.clear();
      continue;
    }
    uint64_t length = 0;
    if (!internal::parse_decimal(line, length)) {
      return FramerStatus::kBadLength;
    }
    if (length > max_message_bytes_) return FramerStatus::kMessageTooLarge;
    pending_.clear();
    if (length == 0) continue;
    in_body_ = true;
    body_length_ = static_cast<size_t>(length);
    pending_.reserve(body_length_);
  }
  return FramerStatus::kOk;
}

void LengthFramer::reset() {
  in_body_ = false;
  body_length_ = 0;
  pending_.clear();
}

}  // namespace firecount
