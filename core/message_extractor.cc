#include "core/message_extractor.h"

#include "simdjson.h"

namespace firecount {

bool is_blank_line(std::string_view line) {
  for (const char c : line) {
    if (c != ' ' && c != '\t' && c != '\r') return false;
  }
  return true;
}

MessageExtractor::MessageExtractor(MessageFormat format)
    : format_(format), v1_(make_v1_extractor()) {}

MessageKind MessageExtractor::extract(std::string_view line, size_t readable, Record& out) {
  out = Record{};
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (is_blank_line(line)) return out.kind = MessageKind::kKeepAlive;
  if (format_ == MessageFormat::kText) {
    if (!simdjson::validate_utf8(line.data(), line.size())) {
      return out.kind = MessageKind::kInvalidUtf8;
    }
    out.text = line;
    return out.kind = MessageKind::kTweet;
  }
  return out.kind = v1_->extract(line, readable, out);
}

}  // namespace firecount
