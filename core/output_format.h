#pragma once
// Console renderings of a batch, byte for byte like the Spark jobs firecount replaces:
//
// - pprint: DStream.pprint(N) of (word, count) tuples, Python's repr for the words
//     -------------------------------------------
//     Time: 2018-10-10 20:19:24
//     -------------------------------------------
//     ('the', 12)
//     ...                        <- only when more words exist than are shown
//     (blank line)
// - table: Structured Streaming's console sink (Dataset.showString with truncate = 20): a
//   "Batch: N" header, a +----+---+ table with columns `word` and `cnt`, cells right-aligned and
//   cut to 17 characters + "..." past 20, East Asian wide characters counted twice, and
//   "only showing top N rows" when more rows exist.
// - json: one object per batch: {"batch":N,"time":"ISO-8601","tweets":N,"tokens":N,
//   "distinct":N,"top":[["word",count],...]} (tweets, tokens and distinct are running totals).
//
// Pure string building; the io layer writes the strings. Thread-safe.

#include <string>
#include <string_view>

#include "core/batch_result.h"

namespace firecount {

enum class OutputKind { kPprint, kTable, kJson };

// Renders `result` showing at most `rows` words (the ranking may hold more or fewer).
std::string format_batch(OutputKind kind, const BatchResult& result, size_t rows);

// Python 3 repr() of a str given as UTF-8: 'it''s' -> "it's", escapes \\ \n \r \t, other
// non-printable characters as \xNN / \uNNNN / \UNNNNNNNN.
std::string python_repr(std::string_view utf8);

// Appends `s` as a JSON string literal (quotes included), escaping what RFC 8259 requires.
void append_json_string(std::string& out, std::string_view s);

// Width of `utf8` as Spark's Utils.stringHalfWidth counts it: UTF-16 code units, plus one more
// for each full-width character.
size_t spark_display_width(std::string_view utf8);

}  // namespace firecount
