#pragma once
// html_to_text: Mastodon's status `content` (sanitized HTML: <p>, <br>, <a>, <span>, a few inline
// tags) to the plain text the tokenizer counts.
//
//   - Tags are removed. Block-level tags (<p>, </p>, <br>, <div>, <li>, headings, <blockquote>,
//     <pre>) separate words: they become one space, and runs of such separators collapse; leading
//     and trailing separators are dropped. Inline tags (<a>, <span>, <b>, …) vanish without a
//     space, so "@<span>bob</span>" stays "@bob".
//   - <script> and <style> contents and <!-- comments --> are dropped.
//   - Character references are decoded: &amp; &lt; &gt; &quot; &apos; &#39; &#NNN; &#xHHH; and a
//     small table of common names; &nbsp; becomes a plain space. A malformed or unknown reference
//     is kept verbatim. Invalid code points become U+FFFD.
//   - Text bytes are copied as they are (no UTF-8 decoding), so non-ASCII text passes through.
//
// Pure logic; called by extract_mastodon on parse workers.
//
// Threading: stateless; thread-safe.

#include <string>
#include <string_view>

namespace firecount {

// Replaces `out` with the plain text of `html`.
void html_to_text(std::string_view html, std::string& out);

// Appends the UTF-8 encoding of `code_point` (U+FFFD for surrogates and values past U+10FFFF).
void append_utf8(char32_t code_point, std::string& out);

}  // namespace firecount
