#include "core/simple_words.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/utf8.h>

#include <cstring>

#include "core/ascii_word_break.h"
#include "core/text_islands.h"
#include "core/url_runs.h"

namespace firecount {
namespace {

// Code point classes: ICU 72's root word break classes in ASCII (ascii_word_break.h), extended to
// the simple letters this path covers.
enum Flag : uint8_t {
  kIsLetter = internal::kWbLetter,  // ALetter: A-Z a-z '@' and simple letters
  kIsDigit = internal::kWbDigit,    // 0-9
  kIsUnderscore = internal::kWbUnderscore,
  kIsWordChar = kIsLetter | kIsDigit | kIsUnderscore,
  kIsChanged = internal::kWbUpper,  // the token needs its folded form (A-Z, or a simple letter)
  kIsMidLetter = internal::kWbMidLetter,
  kIsMidNum = internal::kWbMidNum,
  kIsHangul = 64,  // a Hangul syllable
};
constexpr const std::array<uint8_t, 256>& kAsciiFlags = internal::kAsciiWordBreakFlags;

constexpr int32_t kFirstHangulSyllable = 0xAC00;
constexpr int32_t kLastHangulSyllable = 0xD7A3;

// Word_Break ALetter and, in ICU's root rules, a plain $ALetterPlus (not left to a dictionary).
bool is_plain_letter(UChar32 d) {
  if (u_getIntPropertyValue(d, UCHAR_WORD_BREAK) != U_WB_ALETTER) return false;
  if (u_getIntPropertyValue(d, UCHAR_LINE_BREAK) == U_LB_COMPLEX_CONTEXT) return false;
  if (d >= kFirstHangulSyllable && d <= kLastHangulSyllable) return false;
  UErrorCode status = U_ZERO_ERROR;
  const UScriptCode script = uscript_getScript(d, &status);
  return U_SUCCESS(status) && script != USCRIPT_HAN && script != USCRIPT_HIRAGANA &&
         script != USCRIPT_KATAKANA;
}

// True if `folded` (an NFKC_Casefold) is ASCII punctuation or symbols that can never be part of a
// token or join what is around it (see simple_words.h).
bool is_separator(const icu::UnicodeString& folded) {
  const int32_t n = folded.length();
  if (n == 0) return false;
  for (int32_t i = 0; i < n; ++i) {
    const char16_t u = folded.charAt(i);
    if (u <= 0x20 || u >= 0x7F) return false;  // not ASCII, or a control or White_Space
    if (kAsciiFlags[u] & (kIsWordChar | kIsMidLetter | kIsMidNum)) {
      if ((kAsciiFlags[u] & kIsWordChar) || n == 1) return false;
    }
    if (u == '#') return false;  // starts a hashtag
  }
  return true;
}

}  // namespace

void SimpleWords::fill(Block& block, int32_t first) {
  for (int32_t k = 0; k < 256; ++k) {
    const UChar32 c = first + k;
    Entry& e = block[static_cast<size_t>(k)];
    if (c < 0x80 || U_IS_SURROGATE(c) || !normalizer_->hasBoundaryBefore(c)) continue;
    // An inert code point (most of them) normalizes to itself: no need to ask the normalizer.
    icu::UnicodeString folded(c);
    if (!normalizer_->isInert(c)) {
      UErrorCode status = U_ZERO_ERROR;
      folded = normalizer_->normalize(folded, status);
      if (U_FAILURE(status)) continue;
    }
    if (folded.isEmpty()) continue;
    Kind kind = kLetter;
    if (is_separator(folded)) {
      e.kind = kSeparator;
      continue;
    }
    if (c >= kFirstHangulSyllable && c <= kLastHangulSyllable) {
      if (folded.length() != 1 || folded.charAt(0) != c) continue;
      kind = kHangul;
    } else {
      for (int32_t i = 0; i < folded.length();) {
        const UChar32 d = folded.char32At(i);
        if (!is_plain_letter(d)) kind = kNone;
        i += U16_LENGTH(d);
      }
      if (kind == kNone) continue;
    }
    std::string utf8;
    folded.toUTF8String(utf8);
    if (utf8.size() > sizeof(e.folded)) continue;
    char own[U8_MAX_LENGTH];
    int32_t own_size = 0;
    U8_APPEND_UNSAFE(own, own_size, c);
    e.kind = kind;
    e.size = static_cast<uint8_t>(utf8.size());
    std::memcpy(e.folded, utf8.data(), utf8.size());
    e.changed = utf8 != std::string_view(own, static_cast<size_t>(own_size));
  }
}

const SimpleWords::Entry& SimpleWords::entry(int32_t c) {
  std::unique_ptr<Block>& block = blocks_[static_cast<size_t>(c) >> 8];
  if (block == nullptr) {
    block = std::make_unique<Block>();
    fill(*block, c & ~0xFF);
  }
  return (*block)[static_cast<size_t>(c) & 0xFF];
}

bool SimpleWords::covers(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  if (text.size() > (size_t{1} << 30)) return false;
  for (int32_t i = static_cast<int32_t>(internal::find_non_ascii(text.data(), 0, text.size()));
       i < n;) {
    if (s[i] < 0x80) {
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0 || c >= kLimit || entry(c).kind == kNone) return false;
  }
  return internal::find_url_start(text.data(), text.size(), 0) == text.size();
}

void SimpleWords::words(std::string_view text, const StopwordSet* stopwords, TokenList& out) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  code_points_.clear();
  for (int32_t i = 0; i < n;) {
    const auto begin = static_cast<uint32_t>(i);
    if (s[i] < 0x80) {
      code_points_.push_back({begin, begin + 1, kAsciiFlags[s[i]], nullptr});
      ++i;
      continue;
    }
    UChar32 c;
    U8_NEXT(s, i, n, c);
    const Entry& e = entry(c);  // covers(text): valid and simple
    uint8_t flags = 0;          // a separator: no class
    if (e.kind == kHangul) {
      flags = kIsHangul;
    } else if (e.kind == kLetter) {
      flags = e.changed ? kIsLetter | kIsChanged : kIsLetter;
    }
    code_points_.push_back({begin, static_cast<uint32_t>(i), flags, &e});
  }

  // The ASCII rules per code point (see ascii_words.cc), plus runs of Hangul syllables.
  const size_t m = code_points_.size();
  auto flags_at = [&](size_t j) { return j < m ? code_points_[j].flags : uint8_t{0}; };
  auto in_run = [&](size_t j) {  // a word char, or a '.' ',' ';' '\'' that joins two
    const uint8_t f = code_points_[j].flags;
    if (f & kIsWordChar) return true;
    if ((f & (kIsMidLetter | kIsMidNum)) == 0 || j == 0) return false;
    const uint8_t before = code_points_[j - 1].flags;
    const uint8_t after = flags_at(j + 1);
    return ((f & kIsMidLetter) && (before & kIsLetter) && (after & kIsLetter)) ||
           ((f & kIsMidNum) && (before & kIsDigit) && (after & kIsDigit));
  };
  constexpr size_t kNoWord = ~size_t{0};
  size_t last_word_end = kNoWord;  // code point index just after the last word
  for (size_t j = 0; j < m;) {
    const bool hangul = (code_points_[j].flags & kIsHangul) != 0;
    if (!hangul && !in_run(j)) {
      ++j;
      continue;
    }
    const size_t first = j;
    bool changed = false;
    do {
      changed |= (code_points_[j].flags & kIsChanged) != 0;
      ++j;
    } while (j < m && (hangul ? (code_points_[j].flags & kIsHangul) != 0 : in_run(j)));
    if (!hangul && j - first == 1 && text[code_points_[first].begin] == '_') continue;
    const bool hashtag =
        first > 0 && text[code_points_[first - 1].begin] == '#' && last_word_end != first - 1;
    last_word_end = j;
    if (!changed) {
      const size_t from = code_points_[hashtag ? first - 1 : first].begin;
      const std::string_view token = text.substr(from, code_points_[j - 1].end - from);
      if (stopwords == nullptr || !stopwords->contains(token)) out.add_view(token);
      continue;
    }
    emit(first, j, hashtag, stopwords, text, out);
  }
}

void SimpleWords::emit(size_t first, size_t last, bool hashtag, const StopwordSet* stopwords,
                       std::string_view text, TokenList& out) {
  scratch_.clear();
  if (hashtag) scratch_.push_back('#');
  for (size_t j = first; j < last; ++j) {
    const CodePoint& cp = code_points_[j];
    if (cp.entry == nullptr) {
      const char c = text[cp.begin];
      scratch_.push_back(static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c));
    } else {
      scratch_.append(cp.entry->folded, cp.entry->size);
    }
  }
  if (stopwords == nullptr || !stopwords->contains(scratch_)) out.add_copy(scratch_);
}

}  // namespace firecount
