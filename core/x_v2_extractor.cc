#include "core/x_v2_extractor.h"

#include <string_view>
#include <utility>

#include "core/iso8601.h"
#include "core/json_line.h"

namespace firecount {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::object;

// Fills `out` from the Post object; false when it has no text string or is malformed.
bool read_post(object post, Record& out) {
  std::string_view text, note_text;
  bool has_text = false, has_note = false;
  for (auto field_result : post) {
    simdjson::ondemand::field field;
    std::string_view key;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return false;
    if (key == "text") {
      if (field.value().get_string().get(text)) return false;
      has_text = true;
    } else if (key == "id") {
      if (field.value().get_string().get(out.id)) out.id = {};
    } else if (key == "lang") {
      if (field.value().get_string().get(out.lang)) out.lang = {};
    } else if (key == "created_at") {
      std::string_view created;
      if (!field.value().get_string().get(created)) {
        if (auto ms = parse_iso8601_ms(created)) out.event_time_ms = *ms;
      }
    } else if (key == "note_tweet") {
      object note;
      if (field.value().get_object().get(note)) continue;
      for (auto note_field : note) {
        simdjson::ondemand::field nf;
        std::string_view nk;
        if (std::move(note_field).get(nf) || nf.unescaped_key().get(nk)) return false;
        if (nk == "text" && !nf.value().get_string().get(note_text)) has_note = true;
      }
    } else if (key == "referenced_tweets") {
      array refs;
      if (field.value().get_array().get(refs)) continue;
      for (auto ref_result : refs) {
        object ref;
        if (ref_result.get_object().get(ref)) return false;
        std::string_view type;
        if (!ref.find_field_unordered("type").get_string().get(type) && type == "retweeted") {
          out.is_retweet = true;
        }
      }
    }
  }
  if (!has_text && !has_note) return false;
  out.text = has_note ? note_text : text;
  return true;
}

bool is_disconnect_problem(object problem) {
  for (auto field_result : problem) {
    simdjson::ondemand::field field;
    std::string_view key, value;
    if (std::move(field_result).get(field) || field.unescaped_key().get(key)) return false;
    if ((key == "type" || key == "title") && !field.value().get_string().get(value)) {
      if (value.find("operational-disconnect") != std::string_view::npos ||
          value.find("streaming-connection") != std::string_view::npos ||
          value == "ConnectionException") {
        return true;
      }
    }
  }
  return false;
}

}  // namespace

MessageKind extract_x_v2(simdjson::ondemand::parser& parser, const char* line, size_t len,
                         size_t padded_capacity, Record& out) {
  out = Record{};
  if (internal::is_blank_line(line, len)) return out.kind = MessageKind::kKeepAlive;
  simdjson::ondemand::document doc;
  object root;
  if (auto error = internal::open_root_object(parser, line, len, padded_capacity, doc, root)) {
    return out.kind = internal::kind_for_error(error);
  }
  bool has_data = false, disconnect = false;
  for (auto field_result : root) {
    simdjson::ondemand::field field;
    std::string_view key;
    if (auto error = std::move(field_result).get(field))
      return out.kind = internal::kind_for_error(error);
    if (field.unescaped_key().get(key)) return out.kind = MessageKind::kMalformed;
    if (key == "data") {
      object post;
      if (field.value().get_object().get(post) || !read_post(post, out)) {
        out = Record{};
        return out.kind = MessageKind::kMalformed;
      }
      has_data = true;
    } else if (key == "errors") {
      array problems;
      if (field.value().get_array().get(problems)) continue;
      for (auto problem_result : problems) {
        object problem;
        if (!problem_result.get_object().get(problem) && is_disconnect_problem(problem)) {
          disconnect = true;
        }
      }
    }
  }
  if (has_data) return out.kind = MessageKind::kTweet;
  out = Record{};
  if (disconnect) return out.kind = MessageKind::kDisconnect;
  return out.kind = MessageKind::kOther;
}

}  // namespace firecount
