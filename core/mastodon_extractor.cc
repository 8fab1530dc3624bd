#include "core/mastodon_extractor.h"

#include <string_view>
#include <utility>

#include "core/ascii.h"
#include "core/html_text.h"
#include "core/iso8601.h"
#include "core/json_line.h"

namespace firecount {
namespace {

using simdjson::ondemand::field;
using simdjson::ondemand::object;

struct Status {
  std::string_view id, content, spoiler, language, created_at;
  bool has_content = false;
};

// Reads one Status object; `reblog` receives the boosted status when present and not null.
bool read_status(object status, Status& out, Status* reblog, bool& has_reblog) {
  for (auto field_result : status) {
    field f;
    std::string_view key;
    if (std::move(field_result).get(f) || f.unescaped_key().get(key)) return false;
    if (key == "id") {
      if (f.value().get_string().get(out.id)) out.id = {};
    } else if (key == "content") {
      out.has_content = !f.value().get_string().get(out.content);
    } else if (key == "spoiler_text") {
      if (f.value().get_string().get(out.spoiler)) out.spoiler = {};
    } else if (key == "language") {
      if (f.value().get_string().get(out.language)) out.language = {};
    } else if (key == "created_at") {
      if (f.value().get_string().get(out.created_at)) out.created_at = {};
    } else if (key == "reblog" && reblog != nullptr) {
      object boosted;
      if (f.value().get_object().get(boosted)) continue;  // null
      bool nested = false;
      if (!read_status(boosted, *reblog, nullptr, nested)) return false;
      has_reblog = true;
    }
  }
  return true;
}

}  // namespace

MessageKind extract_mastodon(simdjson::ondemand::parser& parser, const char* line, size_t len,
                             size_t padded_capacity, Record& out, std::string& text_scratch) {
  out = Record{};
  if (internal::is_blank_line(line, len)) return out.kind = MessageKind::kKeepAlive;
  std::string_view whole(line, len);
  size_t tab = whole.find('\t');
  if (tab == std::string_view::npos) return out.kind = MessageKind::kMalformed;
  std::string_view event = whole.substr(0, tab);
  std::string_view data = whole.substr(tab + 1);
  if (event == "delete") {
    out.id = internal::strip_ascii_space(data);
    return out.kind = MessageKind::kDelete;
  }
  if (event != "update") return out.kind = MessageKind::kOther;

  simdjson::ondemand::document doc;
  if (auto error = parser.iterate(data.data(), data.size(), padded_capacity - tab - 1).get(doc)) {
    return out.kind = internal::kind_for_error(error);
  }
  object root;
  if (auto error = doc.get_object().get(root)) return out.kind = internal::kind_for_error(error);
  Status status, boosted;
  bool has_reblog = false;
  if (!read_status(root, status, &boosted, has_reblog)) return out.kind = MessageKind::kMalformed;
  const Status& source = has_reblog ? boosted : status;
  if (!source.has_content) return out.kind = MessageKind::kMalformed;
  html_to_text(source.content, text_scratch);
  if (!source.spoiler.empty()) {
    std::string spoiler;
    html_to_text(source.spoiler, spoiler);  // plain text, but entities may still be escaped
    if (!spoiler.empty()) text_scratch = spoiler + (text_scratch.empty() ? "" : " ") + text_scratch;
  }
  out.text = text_scratch;
  out.id = status.id;
  out.lang = source.language;
  out.is_retweet = has_reblog;
  if (auto ms = parse_iso8601_ms(status.created_at)) out.event_time_ms = *ms;
  return out.kind = MessageKind::kTweet;
}

}  // namespace firecount
