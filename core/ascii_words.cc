#include "core/ascii_words.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "core/url_runs.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace firecount {
namespace {

// What ICU 72's root word break rules distinguish in ASCII, as bit flags per byte.
enum Flag : uint8_t {
  kLetter = 1,      // ALetter: A-Z a-z and '@' (ICU adds '@' to ALetter)
  kDigit = 2,       // Numeric: 0-9
  kUnderscore = 4,  // ExtendNumLet: '_'
  kWordChar = kLetter | kDigit | kUnderscore,
  kUpper = 8,       // A-Z: the token needs lowercasing
  kMidLetter = 16,  // joins two letters: '.' (MidNumLet), '\'' (Single_Quote); ':' does not in root
  kMidNum = 32,     // joins two digits: '.' '\'' and ',' ';' (MidNum)
  kHash = 64,       // '#': Other, but the hashtag rule looks for it
};

constexpr std::array<uint8_t, 256> make_flags() {
  std::array<uint8_t, 256> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter | kUpper;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['@'] = kLetter;
  t['_'] = kUnderscore;
  t['.'] = kMidLetter | kMidNum;
  t['\''] = kMidLetter | kMidNum;
  t[','] = kMidNum;
  t[';'] = kMidNum;
  t['#'] = kHash;
  return t;
}
constexpr std::array<uint8_t, 256> kFlags = make_flags();

inline uint8_t flags_of(char c) { return kFlags[static_cast<uint8_t>(c)]; }

constexpr std::array<char, 256> make_lower() {
  std::array<char, 256> t{};
  for (int c = 0; c < 256; ++c) t[c] = static_cast<char>(c >= 'A' && c <= 'Z' ? c + 32 : c);
  return t;
}
constexpr std::array<char, 256> kLower = make_lower();

// Segmentation state carried from one segment to the next (and across URL runs).
struct State {
  bool last_is_word = false;         // the previous segment is a word
  bool last_is_hash = false;         // the previous segment is exactly "#"
  bool before_hash_is_word = false;  // the segment before that "#" is a word
};

void emit(std::string_view token, bool has_upper, const StopwordSet* stopwords,
          std::string& scratch, TokenList& out) {
  if (!has_upper) {
    if (stopwords == nullptr || !stopwords->contains(token)) out.add_view(token);
    return;
  }
  scratch.resize(token.size());
  for (size_t k = 0; k < token.size(); ++k) {
    scratch[k] = kLower[static_cast<uint8_t>(token[k])];
  }
  if (stopwords == nullptr || !stopwords->contains(scratch)) out.add_copy(scratch);
}

// Returns the end of the run of letters, digits and '_' that starts at s[i] (end at most), and
// adds kLetter / kUpper to `seen` if the run holds one. SSE2 (baseline x86-64) looks at 16 bytes
// at once: a run ends without one mispredicted branch per byte.
inline size_t word_run_end(const char* s, size_t i, size_t end, uint8_t& seen) {
#if defined(__SSE2__)
  const __m128i bias = _mm_set1_epi8(static_cast<char>(0x80));
  // x - lo < count (unsigned), as a signed compare of both sides moved by 0x80.
  auto in_range = [&](__m128i v, char lo, int count) {
    const __m128i moved = _mm_xor_si128(_mm_sub_epi8(v, _mm_set1_epi8(lo)), bias);
    return _mm_cmplt_epi8(moved, _mm_set1_epi8(static_cast<char>(count ^ 0x80)));
  };
  while (i + 16 <= end) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(s + i));
    const __m128i upper = in_range(v, 'A', 26);
    const __m128i letter = _mm_or_si128(_mm_or_si128(upper, in_range(v, 'a', 26)),
                                        _mm_cmpeq_epi8(v, _mm_set1_epi8('@')));
    const __m128i word = _mm_or_si128(_mm_or_si128(letter, in_range(v, '0', 10)),
                                      _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
    const auto word_mask = static_cast<unsigned>(_mm_movemask_epi8(word));
    const unsigned run = static_cast<unsigned>(__builtin_ctz(~word_mask));  // 16 if all are
    const unsigned in_run = (1u << run) - 1;
    if ((static_cast<unsigned>(_mm_movemask_epi8(letter)) & in_run) != 0) seen |= kLetter;
    if ((static_cast<unsigned>(_mm_movemask_epi8(upper)) & in_run) != 0) seen |= kUpper;
    i += run;
    if (run < 16) return i;
  }
#endif
  uint8_t f;
  while (i < end && ((f = flags_of(s[i])) & kWordChar) != 0) {
    seen |= f;
    ++i;
  }
  return i;
}

// Tokenizes s[begin, end) as a continuation of `state` up to the first URL run, and returns
// where that run starts (end if there is none). A run's "http"/"https" always ends a word run
// at its ':' (letters join, ':' never does), so URLs are found there instead of by a search.
size_t scan(const char* s, size_t begin, size_t end, State& state, const StopwordSet* stopwords,
            std::string& scratch, TokenList& out) {
  size_t i = begin;
  while (i < end) {
    const uint8_t first = flags_of(s[i]);
    if ((first & kWordChar) == 0) {
      // Every other ASCII character is a non-word segment by itself (CR LF and runs of spaces
      // are single segments for ICU, which changes no token).
      state.before_hash_is_word = state.last_is_word;
      state.last_is_hash = (first & kHash) != 0;
      state.last_is_word = false;
      ++i;
      continue;
    }
    const size_t start = i;
    uint8_t seen = first;
    ++i;
    for (;;) {
      // WB5, WB8-WB10, WB13a, WB13b: any two of letter, digit, '_' join.
      i = word_run_end(s, i, end, seen);
      if (i + 1 >= end) break;
      const uint8_t f = flags_of(s[i]);
      if ((f & (kMidLetter | kMidNum)) == 0) break;
      // WB6/WB7: letter (MidNumLet | Single_Quote) letter; WB11/WB12: digit (MidNum | MidNumLet
      // | Single_Quote) digit.
      const uint8_t before = flags_of(s[i - 1]);
      const uint8_t after = flags_of(s[i + 1]);
      const bool joins = ((f & kMidLetter) && (before & kLetter) && (after & kLetter)) ||
                         ((f & kMidNum) && (before & kDigit) && (after & kDigit));
      if (!joins) break;
      seen |= after;
      i += 2;
    }
    if (i < end && s[i] == ':' && (seen & kLetter) != 0) {
      const size_t url = internal::url_start_at_colon(s, end, start, i);
      if (url != end) {
        // The text before the URL (a prefix of this run, which holds no ':') is scanned on its
        // own: dropping the URL can unjoin a trailing '.' or '\''.
        scan(s, start, url, state, stopwords, scratch, out);
        return url;
      }
    }
    // A lone "_" matches no word rule: ICU gives it status 0 (not a word).
    const bool is_word = (i - start != 1) || first != kUnderscore;
    if (is_word) {
      const bool hashtag = state.last_is_hash && !state.before_hash_is_word;
      const size_t token_start = hashtag ? start - 1 : start;
      emit(std::string_view(s + token_start, i - token_start), (seen & kUpper) != 0, stopwords,
           scratch, out);
    }
    state.before_hash_is_word = state.last_is_word;
    state.last_is_hash = false;
    state.last_is_word = is_word;
  }
  return end;
}

}  // namespace

bool is_ascii(std::string_view text) {
  const char* p = text.data();
  size_t n = text.size();
  uint64_t acc = 0;
  for (; n >= 8; p += 8, n -= 8) {
    uint64_t word;
    std::memcpy(&word, p, 8);
    acc |= word;
  }
  for (; n > 0; ++p, --n) acc |= static_cast<uint8_t>(*p);
  return (acc & 0x8080808080808080ULL) == 0;
}

void ascii_words(std::string_view text, const StopwordSet* stopwords, std::string& scratch,
                 TokenList& out) {
  const char* s = text.data();
  const size_t n = text.size();
  State state;
  size_t pos = 0;
  while (pos < n) {
    const size_t url = scan(s, pos, n, state, stopwords, scratch, out);
    if (url == n) break;
    pos = internal::url_run_end(s, n, url, internal::is_ascii_white_space);
  }
}

}  // namespace firecount
