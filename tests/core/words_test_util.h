#pragma once
// Helpers shared by the words tokenizer tests: run a tokenizer and copy its tokens out.

#include <simdjson.h>

#include <array>
#include <cstdint>
#include <memory>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/token_list.h"
#include "core/words_tokenizer.h"

namespace firecount::testing {

using Tokens = std::vector<std::string>;

inline std::unique_ptr<WordsTokenizer> new_words_tokenizer(
    std::shared_ptr<const StopwordSet> stopwords = nullptr) {
  auto made = WordsTokenizer::create(std::move(stopwords));
  if (!made.ok()) return nullptr;
  return *std::move(made);
}

// One code point as UTF-8 (no checks: tests pass valid scalar values).
inline std::string utf8(char32_t c) {
  std::string out;
  if (c < 0x80) {
    out += static_cast<char>(c);
  } else if (c < 0x800) {
    out += static_cast<char>(0xC0 | (c >> 6));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    out += static_cast<char>(0xE0 | (c >> 12));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (c >> 18));
    out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

inline Tokens copy_tokens(TokenList& list) {
  Tokens out;
  for (std::string_view t : list.tokens()) out.emplace_back(t);
  return out;
}

// Tokens of tokenize() (which takes the fast path for ASCII text).
inline Tokens words_of(WordsTokenizer& tokenizer, std::string_view text) {
  TokenList list;
  tokenizer.tokenize(text, list);
  return copy_tokens(list);
}

// Tokens of the ICU path, even for ASCII text.
inline Tokens icu_words_of(WordsTokenizer& tokenizer, std::string_view text) {
  TokenList list;
  tokenizer.tokenize_with_icu(text, list);
  return copy_tokens(list);
}

// The text of every status in the v1.1 search fixture (FIRECOUNT_FIXTURE); empty if unreadable.
inline std::vector<std::string> fixture_texts() {
  std::vector<std::string> texts;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.load(FIRECOUNT_FIXTURE).get(doc) != simdjson::SUCCESS) return texts;
  simdjson::dom::array statuses;
  if (doc["statuses"].get(statuses) != simdjson::SUCCESS) return texts;
  for (simdjson::dom::element status : statuses) {
    std::string_view text;
    if (status["text"].get(text) == simdjson::SUCCESS) texts.emplace_back(text);
  }
  return texts;
}

// Seeded random ASCII strings over pieces rich in what UAX #29, the hashtag rule and the URL rule
// care about, plus any ASCII byte now and then.
inline std::vector<std::string> random_ascii_texts(uint64_t seed, size_t count) {
  static constexpr std::array<std::string_view, 40> kPieces = {
      "a",     "b",     "Z",    "e",    "g",     "U",       "S",        "0",    "1",   "9",
      "_",     ".",     ",",    ";",    ":",     "'",       "\"",       "#",    "@",   " ",
      " ",     "\t",    "\r",   "\n",   "\r\n",  "-",       "!",        "/",    "(",   ")",
      "&amp;", "can't", "3.14", "e.g.", "1,000", "http://", "HTTPS://", "http", "s:/", "rt"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    const size_t pieces = rng() % 24;
    for (size_t p = 0; p < pieces; ++p) {
      if (rng() % 16 == 0) {
        text.push_back(static_cast<char>(rng() % 128));
      } else {
        text.append(kPieces[rng() % kPieces.size()]);
      }
    }
    texts.push_back(std::move(text));
  }
  return texts;
}

// Seeded random UTF-8 strings mixing the ASCII pieces with normalization, segmentation, emoji,
// flag, White_Space and surrogate-pair cases.
inline std::vector<std::string> random_unicode_texts(uint64_t seed, size_t count) {
  static constexpr std::array<std::string_view, 56> kPieces = {
      "a",          "B",          "1",          "_",          ".",          ",",
      "'",          "#",          "@",          " ",          "\n",         "http://",
      "https://x ", "\u00DF",     "\uFB01",     "\uFF21",     "\uFF11",     "\uFF0C",
      "\uFF03",     "\uFF20",     "\u00E9",     "\u0301",     "\u200D",     "\uFE0F",
      "\u00AD",     "\u3000",     "\u00A0",     "\u2019",     "\u2122",     "\u00A9",
      "\u4ECA",     "\u65E5",     "\u306F",     "\u30AB",     "\u30C4",     "\u30FC",
      "\u30FB",     "\uFF08",     "\u0E01",     "\u0E23",     "\uD55C",     "\u0627",
      "\u05D0",     "\u05F3",     "\U0001F602", "\U0001F44D", "\U0001F3FD", "\U0001F468",
      "\U0001F1EB", "\U0001F1F7", "\U0001F1EF", "\U0001D407", "\U00020BB7", "\u20E3",
      "\u2764",     "\u0085"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    const size_t pieces = rng() % 20;
    for (size_t p = 0; p < pieces; ++p) text.append(kPieces[rng() % kPieces.size()]);
    texts.push_back(std::move(text));
  }
  return texts;
}

// Seeded random UTF-8 strings for the normalization shortcuts (core/nfkc_table.h): code points
// NFKC_Casefold keeps, maps alone or changes with their neighbours (half-width katakana and their
// sound marks, composing jamo and accents, full-width and compatibility forms, default
// ignorables, long mappings, code points past the table), next to each other and to the
// White_Space that cuts islands.
inline std::vector<std::string> random_normalization_texts(uint64_t seed, size_t count) {
  static constexpr std::array<std::string_view, 64> kPieces = {
      "a",      "Q",          "e",          "\u0301",     "\u0308",     "\u0344",     "\u0F73",
      "\u093C", "\u0915",     "\u00C5",     "\u212B",     "\u0130",     "\u03A3",     "\u03C2",
      "\u00DF", "\u1E9E",     "\uFB01",     "\u2126",     "\uFF21",     "\uFF41",     "\uFF01",
      "\uFF08", "\uFF65",     "\uFF76",     "\uFF9E",     "\uFF9F",     "\uFF70",     "\u304B",
      "\u3099", "\u309A",     "\u304C",     "\u30AB",     "\u30FC",     "\u4E00",     "\u2026",
      "\u2122", "\u2460",     "\u337B",     "\uFDFA",     "\u3000",     "\u00A0",     "\u00AD",
      "\u200D", "\uFE0F",     "\u1100",     "\u1161",     "\u11A8",     "\uAC00",     "\u0627",
      "\u0653", "\U0001F600", "\U0001D400", "\U0002F800", "\U00020BB7", "\U0001F1EF", "#",
      "@",      ".",          " ",          " ",          "\t",         "\n",         "x ",
      "\u0085"};
  std::mt19937_64 rng(seed);
  std::vector<std::string> texts;
  for (size_t i = 0; i < count; ++i) {
    std::string text;
    const size_t pieces = rng() % 24;
    for (size_t p = 0; p < pieces; ++p) text.append(kPieces[rng() % kPieces.size()]);
    texts.push_back(std::move(text));
  }
  return texts;
}

}  // namespace firecount::testing
