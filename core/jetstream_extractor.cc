#include "core/jetstream_extractor.h"

#include <string_view>
#include <utility>

#include "core/iso8601.h"
#include "core/json_line.h"

namespace firecount {
namespace {

using simdjson::ondemand::array;
using simdjson::ondemand::field;
using simdjson::ondemand::object;

struct Commit {
  std::string_view rev, operation, collection, rkey;
  bool has_record = false;
  bool has_text = false;
  std::string_view text, created_at, lang;
};

// Reads the commit object; false when it is malformed.
bool read_commit(object commit, Commit& out, bool with_record) {
  for (auto field_result : commit) {
    field f;
    std::string_view key;
    if (std::move(field_result).get(f) || f.unescaped_key().get(key)) return false;
    if (key == "rev") {
      if (f.value().get_string().get(out.rev)) out.rev = {};
    } else if (key == "operation") {
      if (f.value().get_string().get(out.operation)) out.operation = {};
    } else if (key == "collection") {
      if (f.value().get_string().get(out.collection)) out.collection = {};
    } else if (key == "rkey") {
      if (f.value().get_string().get(out.rkey)) out.rkey = {};
    } else if (key == "record" && with_record) {
      object record;
      if (f.value().get_object().get(record)) continue;
      out.has_record = true;
      for (auto record_field : record) {
        field rf;
        std::string_view rk;
        if (std::move(record_field).get(rf) || rf.unescaped_key().get(rk)) return false;
        if (rk == "text") {
          out.has_text = !rf.value().get_string().get(out.text);
        } else if (rk == "createdAt") {
          if (rf.value().get_string().get(out.created_at)) out.created_at = {};
        } else if (rk == "langs") {
          array langs;
          if (rf.value().get_array().get(langs)) continue;
          for (auto lang : langs) {
            std::string_view tag;
            if (out.lang.empty() && !lang.get_string().get(tag)) out.lang = tag;
          }
        }
      }
    }
  }
  return true;
}

}  // namespace

MessageKind extract_jetstream(simdjson::ondemand::parser& parser, const char* line, size_t len,
                              size_t padded_capacity, Record& out) {
  out = Record{};
  if (internal::is_blank_line(line, len)) return out.kind = MessageKind::kKeepAlive;
  simdjson::ondemand::document doc;
  object root;
  if (auto error = internal::open_root_object(parser, line, len, padded_capacity, doc, root)) {
    return out.kind = internal::kind_for_error(error);
  }
  std::string_view kind;
  int64_t time_us = 0;
  bool has_time = false;
  Commit commit;
  for (auto field_result : root) {
    field f;
    std::string_view key;
    if (auto error = std::move(field_result).get(f))
      return out.kind = internal::kind_for_error(error);
    if (f.unescaped_key().get(key)) return out.kind = MessageKind::kMalformed;
    if (key == "kind") {
      if (f.value().get_string().get(kind)) kind = {};
    } else if (key == "time_us") {
      has_time = !f.value().get_int64().get(time_us);
    } else if (key == "commit") {
      object c;
      if (f.value().get_object().get(c) || !read_commit(c, commit, true)) {
        return out.kind = MessageKind::kMalformed;
      }
    }
  }
  if (kind != "commit" || commit.collection != "app.bsky.feed.post") {
    return out.kind = MessageKind::kOther;
  }
  if (commit.operation == "delete") {
    out.id = commit.rkey;
    return out.kind = MessageKind::kDelete;
  }
  if (commit.operation != "create") return out.kind = MessageKind::kOther;
  if (!commit.has_text) return out.kind = MessageKind::kMalformed;
  out.text = commit.text;
  out.lang = commit.lang;
  out.id = commit.rkey;
  if (auto ms = parse_iso8601_ms(commit.created_at)) {
    out.event_time_ms = *ms;
  } else if (has_time) {
    out.event_time_ms = time_us / 1000;
  }
  return out.kind = MessageKind::kTweet;
}

bool read_jetstream_event_id(simdjson::ondemand::parser& parser, const char* line, size_t len,
                             size_t padded_capacity, JetstreamEventId& out) {
  out = JetstreamEventId{};
  simdjson::ondemand::document doc;
  object root;
  if (internal::open_root_object(parser, line, len, padded_capacity, doc, root)) return false;
  std::string_view did, kind;
  bool has_time = false;
  Commit commit;
  for (auto field_result : root) {
    field f;
    std::string_view key;
    if (std::move(field_result).get(f) || f.unescaped_key().get(key)) return false;
    if (key == "did") {
      if (f.value().get_string().get(did)) did = {};
    } else if (key == "kind") {
      if (f.value().get_string().get(kind)) kind = {};
    } else if (key == "time_us") {
      has_time = !f.value().get_int64().get(out.time_us);
    } else if (key == "commit") {
      object c;
      if (f.value().get_object().get(c) || !read_commit(c, commit, false)) return false;
    }
  }
  if (!has_time) return false;
  if (kind == "commit") {
    out.key.append(did).append("/").append(commit.collection).append("/").append(commit.rkey);
    out.key.append("@").append(commit.rev).append(":").append(commit.operation);
  } else {
    out.key.append(did).append("#").append(kind).append("@").append(std::to_string(out.time_us));
  }
  return true;
}

}  // namespace firecount
