#include "core/sse_parser.h"

#include "core/ascii.h"

namespace firecount {

FramerStatus SseParser::feed(std::string_view bytes,
                             absl::FunctionRef<void(const SseEvent&)> on_event,
                             absl::FunctionRef<void(std::string_view)> on_comment) {
  while (!bytes.empty()) {
    if (skip_lf_) {
      skip_lf_ = false;
      if (bytes.front() == '\n') {
        bytes.remove_prefix(1);
        continue;
      }
    }
    size_t end = bytes.find_first_of("\r\n");
    if (end == std::string_view::npos) {
      line_.append(bytes.data(), bytes.size());
      break;
    }
    line_.append(bytes.data(), end);
    skip_lf_ = bytes[end] == '\r';
    bytes.remove_prefix(end + 1);
    process_line(line_, on_event, on_comment);
    line_.clear();
  }
  if (line_.size() + data_.size() > max_event_bytes_) return FramerStatus::kMessageTooLarge;
  return FramerStatus::kOk;
}

void SseParser::process_line(std::string_view line,
                             absl::FunctionRef<void(const SseEvent&)> on_event,
                             absl::FunctionRef<void(std::string_view)> on_comment) {
  if (line.empty()) {
    if (has_data_) {
      SseEvent event;
      event.type = type_.empty() ? std::string_view("message") : std::string_view(type_);
      event.data = data_;
      event.id = last_id_;
      on_event(event);
    }
    type_.clear();
    data_.clear();
    has_data_ = false;
    return;
  }
  if (line.front() == ':') {
    on_comment(line.substr(1));
    return;
  }
  size_t colon = line.find(':');
  std::string_view field = line.substr(0, colon);
  std::string_view value;
  if (colon != std::string_view::npos) {
    value = line.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  }
  if (field == "event") {
    type_.assign(value);
  } else if (field == "data") {
    if (has_data_) data_.push_back('\n');
    data_.append(value);
    has_data_ = true;
  } else if (field == "id") {
    if (value.find('\0') == std::string_view::npos) last_id_.assign(value);
  } else if (field == "retry") {
    int64_t ms = 0;
    if (!value.empty() && internal::is_ascii_digit(value[0]) &&
        internal::parse_decimal(value, ms)) {
      retry_ms_ = ms;
    }
  }
}

void SseParser::reset() {
  line_.clear();
  skip_lf_ = false;
  type_.clear();
  data_.clear();
  has_data_ = false;
}

}  // namespace firecount
