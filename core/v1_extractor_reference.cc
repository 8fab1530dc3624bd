// The reference v1.1 extraction (internal::make_v1_extractor_reference, core/v1_extractor.h):
// walks every top-level field to the end of the object, unescaping every key. It is what the
// engine ran before the fast path of core/v1_extractor.inl, kept unchanged as the oracle of the
// differential tests (tests/core/v1_extractor_differential_test.cc). Compiled for the build's
// baseline ISA only: simdjson's portable kernel, slower, with the same results.

#include <string_view>

#include "core/json_line.h"
#include "core/tweet_time.h"
#include "core/v1_extractor.h"
#include "simdjson.h"

namespace firecount {
namespace {
namespace ondemand = simdjson::ondemand;

using json_type = ondemand::json_type;

// Maps the first key of a v1.1 message to its notice kind; kTweet when it is no notice.
MessageKind notice_kind(std::string_view key) {
  if (key.empty()) return MessageKind::kTweet;
  switch (key[0]) {
    case 'd':
      if (key == "delete") return MessageKind::kDelete;
      if (key == "disconnect") return MessageKind::kDisconnect;
      break;
    case 's':
      if (key == "scrub_geo") return MessageKind::kScrubGeo;
      if (key == "status_withheld") return MessageKind::kStatusWithheld;
      break;
    case 'l':
      if (key == "limit") return MessageKind::kLimit;
      break;
    case 'u':
      if (key == "user_withheld") return MessageKind::kUserWithheld;
      break;
    case 'w':
      if (key == "warning") return MessageKind::kWarning;
      break;
    default:
      break;
  }
  return MessageKind::kTweet;
}

// Reads a string-or-null value; false on any other type or a parse error.
bool get_optional_string(simdjson::ondemand::value value, std::string_view& out, bool& is_null) {
  json_type type;
  if (value.type().get(type)) return false;
  if (type == json_type::null) {
    is_null = true;
    return true;
  }
  is_null = false;
  return type == json_type::string && !value.get_string().get(out);
}

class V1ReferenceExtractor final : public V1Extractor {
 public:
  MessageKind extract(std::string_view line, size_t readable, Record& out) override;

 private:
  ondemand::parser parser_;
};

MessageKind V1ReferenceExtractor::extract(std::string_view line, size_t readable, Record& out) {
  ondemand::document doc;
  if (auto error = parser_.iterate(line.data(), line.size(), readable).get(doc)) {
    return internal::kind_for_error(error);
  }
  ondemand::object object;
  if (auto error = doc.get_object().get(object)) return internal::kind_for_error(error);

  std::string_view text, full_text, extended_text, created_at, timestamp_ms;
  bool has_text = false, has_full_text = false, has_extended_text = false;
  bool first = true;
  MessageKind kind = MessageKind::kTweet;
  for (auto field_result : object) {
    ondemand::field field;
    if (auto error = std::move(field_result).get(field)) return internal::kind_for_error(error);
    std::string_view key;
    if (auto error = field.unescaped_key().get(key)) return internal::kind_for_error(error);
    if (first) {
      kind = notice_kind(key);
      first = false;
    }
    if (kind != MessageKind::kTweet) continue;  // a notice: the rest is only validated

    bool is_null = false;
    if (key == "text") {
      if (!get_optional_string(field.value(), text, is_null)) return MessageKind::kMalformed;
      has_text = !is_null;
    } else if (key == "full_text") {
      if (!get_optional_string(field.value(), full_text, is_null)) return MessageKind::kMalformed;
      has_full_text = !is_null;
    } else if (key == "extended_tweet") {
      json_type type;
      if (field.value().type().get(type)) return MessageKind::kMalformed;
      if (type != json_type::object) continue;
      ondemand::object extended;
      if (field.value().get_object().get(extended)) return MessageKind::kMalformed;
      for (auto inner_result : extended) {
        ondemand::field inner;
        if (std::move(inner_result).get(inner)) return MessageKind::kMalformed;
        std::string_view inner_key;
        if (inner.unescaped_key().get(inner_key)) return MessageKind::kMalformed;
        if (inner_key == "full_text") {
          if (!get_optional_string(inner.value(), extended_text, is_null)) {
            return MessageKind::kMalformed;
          }
          has_extended_text = !is_null;
        }
      }
    } else if (key == "id_str") {
      if (!get_optional_string(field.value(), out.id, is_null)) return MessageKind::kMalformed;
    } else if (key == "lang") {
      if (!get_optional_string(field.value(), out.lang, is_null)) return MessageKind::kMalformed;
    } else if (key == "created_at") {
      if (!get_optional_string(field.value(), created_at, is_null)) return MessageKind::kMalformed;
    } else if (key == "timestamp_ms") {
      if (!get_optional_string(field.value(), timestamp_ms, is_null)) {
        return MessageKind::kMalformed;
      }
    } else if (key == "retweeted_status") {
      json_type type;
      if (field.value().type().get(type)) return MessageKind::kMalformed;
      out.is_retweet = type == json_type::object;
    }
  }
  if (first) return MessageKind::kOther;  // {}
  // Trailing bytes after the object ("{...} x"): current_location() is in bounds.
  if (!doc.current_location().error()) return MessageKind::kMalformed;
  if (kind != MessageKind::kTweet) return kind;
  if (!has_text && !has_full_text && !has_extended_text) return MessageKind::kOther;

  out.text = has_extended_text ? extended_text : has_full_text ? full_text : text;
  if (auto ms = parse_timestamp_ms(timestamp_ms)) {
    out.event_time_ms = *ms;
  } else if (auto ca = parse_created_at(created_at)) {
    out.event_time_ms = *ca;
  }
  return MessageKind::kTweet;
}

}  // namespace

std::unique_ptr<V1Extractor> internal::make_v1_extractor_reference() {
  return std::make_unique<V1ReferenceExtractor>();
}

}  // namespace firecount
