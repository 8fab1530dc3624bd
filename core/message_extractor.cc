#include "core/message_extractor.h"

#include <cstring>

#include "core/jetstream_extractor.h"
#include "core/json_line.h"
#include "core/mastodon_extractor.h"
#include "core/x_v2_extractor.h"
#include "simdjson.h"

namespace firecount {

bool is_blank_line(std::string_view line) {
  return internal::is_blank_line(line.data(), line.size());
}

MessageExtractor::MessageExtractor(MessageFormat format)
    : format_(format), v1_(make_v1_extractor()) {}

MessageKind MessageExtractor::extract_next(const char* begin, const char* end, size_t readable,
                                           Record& out, const char*& line_end) {
  line_end = nullptr;
  bool declined = false;
  if (format_ == MessageFormat::kTwitterV1 && begin < end && *begin == '{') {
    out = Record{};
    if (v1_->try_stream_status(begin, end, out, line_end)) return out.kind = MessageKind::kTweet;
    declined = true;
  }
  if (line_end == nullptr) {
    const void* nl = std::memchr(begin, '\n', static_cast<size_t>(end - begin));
    line_end = nl != nullptr ? static_cast<const char*>(nl) : end;
  }
  return extract(std::string_view(begin, static_cast<size_t>(line_end - begin)), readable, out,
                 declined);
}

MessageKind MessageExtractor::extract(std::string_view line, size_t readable, Record& out) {
  return extract(line, readable, out, false);
}

MessageKind MessageExtractor::extract(std::string_view line, size_t readable, Record& out,
                                      bool shortcut_declined) {
  out = Record{};
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  if (is_blank_line(line)) return out.kind = MessageKind::kKeepAlive;
  switch (format_) {
    case MessageFormat::kTwitterV1:
      return out.kind = shortcut_declined ? v1_->extract_declined(line, readable, out)
                                          : v1_->extract(line, readable, out);
    case MessageFormat::kText:
      if (!simdjson::validate_utf8(line.data(), line.size())) {
        return out.kind = MessageKind::kInvalidUtf8;
      }
      out.text = line;
      return out.kind = MessageKind::kTweet;
    case MessageFormat::kXV2:
    case MessageFormat::kJetstream:
    case MessageFormat::kMastodon:
      break;
  }
  if (!live_parser_) live_parser_ = std::make_unique<simdjson::ondemand::parser>();
  MessageKind kind;
  if (format_ == MessageFormat::kXV2) {
    kind = extract_x_v2(*live_parser_, line.data(), line.size(), readable, out);
  } else if (format_ == MessageFormat::kJetstream) {
    kind = extract_jetstream(*live_parser_, line.data(), line.size(), readable, out);
  } else {
    kind = extract_mastodon(*live_parser_, line.data(), line.size(), readable, out, scratch_);
  }
  return out.kind = kind;
}

}  // namespace firecount
