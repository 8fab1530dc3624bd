#include "core/html_text.h"

#include <array>
#include <utility>

#include "core/ascii.h"

namespace firecount {
namespace {

constexpr std::array<std::pair<std::string_view, char32_t>, 22> kNamedEntities = {{
    {"amp", U'&'},        {"lt", U'<'},         {"gt", U'>'},          {"quot", U'"'},
    {"apos", U'\''},      {"nbsp", U' '},       {"hellip", U'\u2026'}, {"mdash", U'\u2014'},
    {"ndash", U'\u2013'}, {"lsquo", U'\u2018'}, {"rsquo", U'\u2019'},  {"ldquo", U'\u201C'},
    {"rdquo", U'\u201D'}, {"copy", U'\u00A9'},  {"reg", U'\u00AE'},    {"trade", U'\u2122'},
    {"euro", U'\u20AC'},  {"laquo", U'\u00AB'}, {"raquo", U'\u00BB'},  {"middot", U'\u00B7'},
    {"bull", U'\u2022'},  {"shy", U'\u00AD'},
}};

bool is_block_tag(std::string_view name) {
  static constexpr std::array<std::string_view, 17> kBlock = {
      "p",  "br", "div", "li", "ul", "ol", "blockquote", "pre", "h1",
      "h2", "h3", "h4",  "h5", "h6", "hr", "tr",         "td"};
  for (std::string_view b : kBlock) {
    if (internal::equals_ignore_case(name, b)) return true;
  }
  return false;
}

// Decodes the reference starting at html[pos] == '&'. On success appends the text and returns the
// index after ';'; otherwise returns pos (the caller copies '&' verbatim).
size_t decode_reference(std::string_view html, size_t pos, std::string& out) {
  size_t semi = html.find(';', pos + 1);
  if (semi == std::string_view::npos || semi - pos > 32) return pos;
  std::string_view ref = html.substr(pos + 1, semi - pos - 1);
  if (ref.empty()) return pos;
  if (ref.front() == '#') {
    ref.remove_prefix(1);
    int base = 10;
    if (!ref.empty() && (ref.front() == 'x' || ref.front() == 'X')) {
      base = 16;
      ref.remove_prefix(1);
    }
    if (ref.empty()) return pos;
    uint32_t cp = 0;
    for (char c : ref) {
      int d = -1;
      if (c >= '0' && c <= '9')
        d = c - '0';
      else if (base == 16 && c >= 'a' && c <= 'f')
        d = c - 'a' + 10;
      else if (base == 16 && c >= 'A' && c <= 'F')
        d = c - 'A' + 10;
      if (d < 0) return pos;
      cp = cp * static_cast<uint32_t>(base) + static_cast<uint32_t>(d);
      if (cp > 0x10FFFF) cp = 0x110000;  // saturate; becomes U+FFFD
    }
    append_utf8(cp == 0 ? U'\uFFFD' : static_cast<char32_t>(cp), out);
    return semi + 1;
  }
  for (const auto& [name, cp] : kNamedEntities) {
    if (ref == name) {
      append_utf8(cp, out);
      return semi + 1;
    }
  }
  return pos;
}

}  // namespace

void append_utf8(char32_t cp, std::string& out) {
  if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) cp = 0xFFFD;
  if (cp < 0x80) {
    out.push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void html_to_text(std::string_view html, std::string& out) {
  out.clear();
  out.reserve(html.size());
  bool pending_space = false;  // a block tag separated words since the last text byte
  auto before_text = [&] {
    if (pending_space && !out.empty() && out.back() != ' ') out.push_back(' ');
    pending_space = false;
  };
  size_t i = 0;
  while (i < html.size()) {
    char c = html[i];
    if (c == '<') {
      if (html.substr(i, 4) == "<!--") {
        size_t end = html.find("-->", i + 4);
        i = end == std::string_view::npos ? html.size() : end + 3;
        continue;
      }
      // Find the closing '>' outside quoted attribute values.
      size_t j = i + 1;
      char quote = 0;
      for (; j < html.size(); ++j) {
        if (quote != 0) {
          if (html[j] == quote) quote = 0;
        } else if (html[j] == '"' || html[j] == '\'') {
          quote = html[j];
        } else if (html[j] == '>') {
          break;
        }
      }
      size_t name_start = i + 1;
      bool closing = name_start < html.size() && html[name_start] == '/';
      if (closing) ++name_start;
      size_t name_end = name_start;
      while (name_end < j && internal::is_ascii_alnum(html[name_end])) {
        ++name_end;
      }
      if (name_end == name_start) {  // "<" not starting a tag ("a < b"): literal text
        before_text();
        out.push_back('<');
        ++i;
        continue;
      }
      std::string_view name = html.substr(name_start, name_end - name_start);
      i = j < html.size() ? j + 1 : html.size();
      if (!closing && (internal::equals_ignore_case(name, "script") ||
                       internal::equals_ignore_case(name, "style"))) {
        std::string close = "</" + internal::ascii_to_lower(name);
        size_t k = i;
        while (k < html.size() && !internal::starts_with_ignore_case(html.substr(k), close)) ++k;
        size_t gt = html.find('>', k);
        i = gt == std::string_view::npos ? html.size() : gt + 1;
        continue;
      }
      if (is_block_tag(name)) pending_space = true;
      continue;
    }
    before_text();
    if (c == '&') {
      size_t next = decode_reference(html, i, out);
      if (next != i) {
        i = next;
        continue;
      }
    }
    out.push_back(c);
    ++i;
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
}

}  // namespace firecount
