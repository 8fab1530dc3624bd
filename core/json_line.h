#pragma once
// Small helpers shared by the per-format extractors (x_v2, jetstream, mastodon): recognising a
// blank keep-alive line, opening a line's root object and mapping simdjson errors to
// MessageKind. Pure logic.
//
// Threading: stateless; thread-safe.

#include <cstddef>

#include "core/record.h"
#include "simdjson.h"

namespace firecount::internal {

// True for an empty line or one of only JSON whitespace (a keep-alive).
inline bool is_blank_line(const char* line, size_t len) {
  for (size_t i = 0; i < len; ++i) {
    char c = line[i];
    if (c != ' ' && c != '\t' && c != '\r' && c != '\n') return false;
  }
  return true;
}

inline MessageKind kind_for_error(simdjson::error_code error) {
  return error == simdjson::UTF8_ERROR ? MessageKind::kInvalidUtf8 : MessageKind::kMalformed;
}

// Iterates `line` (readable to `padded_capacity`) as one document and opens its root object.
inline simdjson::error_code open_root_object(simdjson::ondemand::parser& parser, const char* line,
                                             size_t len, size_t padded_capacity,
                                             simdjson::ondemand::document& doc,
                                             simdjson::ondemand::object& root) {
  if (auto error = parser.iterate(line, len, padded_capacity).get(doc)) return error;
  return doc.get_object().get(root);
}

}  // namespace firecount::internal
