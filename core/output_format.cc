#include "core/output_format.h"

#include <unicode/uchar.h>

#include <cstdio>

#include "core/tweet_time.h"

namespace firecount {
namespace {

constexpr std::string_view kDashes = "-------------------------------------------\n";
constexpr size_t kSparkTruncate = 20;

// Decodes one code point of valid UTF-8 at s[i], advancing i. Invalid bytes decode as themselves
// (U+0080..U+00FF) so that formatting never fails.
char32_t next_code_point(std::string_view s, size_t& i) {
  const auto b0 = static_cast<unsigned char>(s[i]);
  auto cont = [&](size_t k) { return static_cast<unsigned char>(s[i + k]) & 0x3Fu; };
  if (b0 < 0x80) {
    i += 1;
    return b0;
  }
  if (b0 >= 0xC0 && b0 < 0xE0 && i + 1 < s.size()) {
    const char32_t c = ((b0 & 0x1Fu) << 6) | cont(1);
    i += 2;
    return c;
  }
  if (b0 >= 0xE0 && b0 < 0xF0 && i + 2 < s.size()) {
    const char32_t c = ((b0 & 0x0Fu) << 12) | (cont(1) << 6) | cont(2);
    i += 3;
    return c;
  }
  if (b0 >= 0xF0 && i + 3 < s.size()) {
    const char32_t c = ((b0 & 0x07u) << 18) | (cont(1) << 12) | (cont(2) << 6) | cont(3);
    i += 4;
    return c;
  }
  i += 1;
  return b0;
}

// Python's str.isprintable() for one character: not Cc, Cf, Cs, Co, Cn, Zl, Zp, Zs (but ' ').
bool python_printable(char32_t c) {
  if (c == ' ') return true;
  if (c < 0x20 || c == 0x7F) return false;
  if (c < 0x7F) return true;
  switch (u_charType(static_cast<UChar32>(c))) {
    case U_CONTROL_CHAR:
    case U_FORMAT_CHAR:
    case U_SURROGATE:
    case U_PRIVATE_USE_CHAR:
    case U_UNASSIGNED:
    case U_LINE_SEPARATOR:
    case U_PARAGRAPH_SEPARATOR:
    case U_SPACE_SEPARATOR:
      return false;
    default:
      return true;
  }
}

bool is_full_width(char32_t c) {
  return (c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0xA4CF) ||
         (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
         (c >= 0xFE10 && c <= 0xFE19) || (c >= 0xFE30 && c <= 0xFE6F) ||
         (c >= 0xFF00 && c <= 0xFF60) || (c >= 0xFFE0 && c <= 0xFFE6);
}

size_t utf16_units(char32_t c) { return c >= 0x10000 ? 2 : 1; }

// Spark's cell truncation: more than 20 UTF-16 units -> the first 17 + "...".
std::string spark_cell(std::string_view utf8) {
  size_t units = 0;
  for (size_t i = 0; i < utf8.size();) units += utf16_units(next_code_point(utf8, i));
  if (units <= kSparkTruncate) return std::string(utf8);
  size_t kept = 0, i = 0;
  while (i < utf8.size()) {
    size_t next = i;
    const size_t u = utf16_units(next_code_point(utf8, next));
    if (kept + u > kSparkTruncate - 3) break;
    kept += u;
    i = next;
  }
  return std::string(utf8.substr(0, i)) + "...";
}

void append_padded(std::string& out, const std::string& cell, size_t width) {
  const size_t w = spark_display_width(cell);
  if (w < width) out.append(width - w, ' ');
  out += cell;
}

std::string format_pprint(const BatchResult& r, size_t rows) {
  std::string out;
  out += kDashes;
  out += "Time: ";
  out += format_pprint_time(r.time_ms);
  out += '\n';
  out += kDashes;
  const Ranking& ranking = *r.ranking;
  const size_t shown = std::min(rows, ranking.size());
  for (size_t i = 0; i < shown; ++i) {
    out += '(';
    out += python_repr(ranking[i].first);
    out += ", ";
    out += std::to_string(ranking[i].second);
    out += ")\n";
  }
  if (r.distinct > shown) out += "...\n";
  out += '\n';
  return out;
}

std::string format_table(const BatchResult& r, size_t rows) {
  const Ranking& ranking = *r.ranking;
  const size_t shown = std::min(rows, ranking.size());
  std::vector<std::pair<std::string, std::string>> cells;
  cells.reserve(shown + 1);
  cells.emplace_back("word", "cnt");
  for (size_t i = 0; i < shown; ++i) {
    cells.emplace_back(spark_cell(ranking[i].first), std::to_string(ranking[i].second));
  }
  size_t w1 = 3, w2 = 3;
  for (const auto& [a, b] : cells) {
    w1 = std::max(w1, spark_display_width(a));
    w2 = std::max(w2, spark_display_width(b));
  }
  std::string sep = "+" + std::string(w1, '-') + "+" + std::string(w2, '-') + "+\n";
  std::string out;
  out += kDashes;
  out += "Batch: " + std::to_string(r.batch) + "\n";
  out += kDashes;
  out += sep;
  for (size_t i = 0; i < cells.size(); ++i) {
    out += '|';
    append_padded(out, cells[i].first, w1);
    out += '|';
    append_padded(out, cells[i].second, w2);
    out += "|\n";
    if (i == 0) out += sep;
  }
  out += sep;
  if (r.distinct > shown) {
    out += "only showing top " + std::to_string(rows) + (rows == 1 ? " row\n" : " rows\n");
  }
  out += '\n';
  return out;
}

std::string format_json(const BatchResult& r, size_t rows) {
  std::string out;
  out += "{\"batch\":" + std::to_string(r.batch);
  out += ",\"time\":\"" + format_iso8601(r.time_ms) + "\"";
  out += ",\"tweets\":" + std::to_string(r.totals->tweets);
  out += ",\"tokens\":" + std::to_string(r.totals->tokens);
  out += ",\"distinct\":" + std::to_string(r.distinct);
  out += ",\"top\":[";
  const Ranking& ranking = *r.ranking;
  const size_t shown = std::min(rows, ranking.size());
  for (size_t i = 0; i < shown; ++i) {
    if (i) out += ',';
    out += '[';
    append_json_string(out, ranking[i].first);
    out += ',';
    out += std::to_string(ranking[i].second);
    out += ']';
  }
  out += "]}\n";
  return out;
}

}  // namespace

size_t spark_display_width(std::string_view utf8) {
  size_t width = 0;
  for (size_t i = 0; i < utf8.size();) {
    const char32_t c = next_code_point(utf8, i);
    width += utf16_units(c) + (is_full_width(c) ? 1 : 0);
  }
  return width;
}

std::string python_repr(std::string_view utf8) {
  const bool has_single = utf8.find('\'') != std::string_view::npos;
  const bool has_double = utf8.find('"') != std::string_view::npos;
  const char quote = has_single && !has_double ? '"' : '\'';
  std::string out;
  out.reserve(utf8.size() + 2);
  out += quote;
  for (size_t i = 0; i < utf8.size();) {
    const size_t start = i;
    const char32_t c = next_code_point(utf8, i);
    if (c == static_cast<char32_t>(quote) || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c == '\t') {
      out += "\\t";
    } else if (c == '\n') {
      out += "\\n";
    } else if (c == '\r') {
      out += "\\r";
    } else if (python_printable(c)) {
      out.append(utf8.substr(start, i - start));
    } else {
      char buf[16];
      if (c < 0x100) {
        std::snprintf(buf, sizeof buf, "\\x%02x", static_cast<unsigned>(c));
      } else if (c < 0x10000) {
        std::snprintf(buf, sizeof buf, "\\u%04x", static_cast<unsigned>(c));
      } else {
        std::snprintf(buf, sizeof buf, "\\U%08x", static_cast<unsigned>(c));
      }
      out += buf;
    }
  }
  out += quote;
  return out;
}

void append_json_string(std::string& out, std::string_view s) {
  static constexpr char kHex[] = "0123456789abcdef";
  out += '"';
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\b':
        out += "\\b";
        break;
      case '\f':
        out += "\\f";
        break;
      default:
        if (c < 0x20) {
          out += "\\u00";
          out += kHex[c >> 4];
          out += kHex[c & 0xF];
        } else {
          out += ch;
        }
    }
  }
  out += '"';
}

std::string format_batch(OutputKind kind, const BatchResult& result, size_t rows) {
  switch (kind) {
    case OutputKind::kPprint:
      return format_pprint(result, rows);
    case OutputKind::kTable:
      return format_table(result, rows);
    case OutputKind::kJson:
      return format_json(result, rows);
  }
  return {};
}

}  // namespace firecount
