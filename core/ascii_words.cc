#include "core/ascii_words.h"

#include <array>
#include <cstdint>
#include <cstring>

#include "core/url_runs.h"

namespace firecount {
namespace {

// Word_Break classes of ASCII under ICU 72's root rules (only those the rules distinguish).
enum Class : uint8_t {
  kOther = 0,
  kLetter,       // A-Z a-z @
  kDigit,        // 0-9
  kUnderscore,   // ExtendNumLet
  kMidNumLet,    // '.'
  kSingleQuote,  // '\''
  kMidNum,       // ',' ';'
  kHash,         // '#': Other, but the hashtag rule looks for it
};

constexpr std::array<uint8_t, 128> make_classes() {
  std::array<uint8_t, 128> t{};
  for (int c = 'a'; c <= 'z'; ++c) t[c] = kLetter;
  for (int c = 'A'; c <= 'Z'; ++c) t[c] = kLetter;
  for (int c = '0'; c <= '9'; ++c) t[c] = kDigit;
  t['@'] = kLetter;
  t['_'] = kUnderscore;
  t['.'] = kMidNumLet;
  t['\''] = kSingleQuote;
  t[','] = kMidNum;
  t[';'] = kMidNum;
  t['#'] = kHash;
  return t;
}
constexpr std::array<uint8_t, 128> kClasses = make_classes();

constexpr bool is_word_class(uint8_t c) { return c >= kLetter && c <= kUnderscore; }

// Segmentation state carried from one segment to the next (and across URL runs).
struct State {
  bool last_is_word = false;         // the previous segment is a word
  bool last_is_hash = false;         // the previous segment is exactly "#"
  bool before_hash_is_word = false;  // the segment before that "#" is a word
};

void emit(std::string_view token, const StopwordSet* stopwords, std::string& scratch,
          TokenList& out) {
  bool upper = false;
  for (const char c : token) upper |= (c >= 'A' && c <= 'Z');
  if (!upper) {
    if (stopwords == nullptr || !stopwords->contains(token)) out.add_view(token);
    return;
  }
  scratch.assign(token);
  for (char& c : scratch) c = static_cast<char>(c | ((c >= 'A' && c <= 'Z') ? 0x20 : 0));
  if (stopwords == nullptr || !stopwords->contains(scratch)) out.add_copy(scratch);
}

// Tokenizes s[begin, end) (a piece of text holding no URL run) as a continuation of `state`.
void scan(const char* s, size_t begin, size_t end, State& state, const StopwordSet* stopwords,
          std::string& scratch, TokenList& out) {
  size_t i = begin;
  while (i < end) {
    const uint8_t first = kClasses[static_cast<uint8_t>(s[i])];
    if (!is_word_class(first)) {
      // Every other ASCII character is a non-word segment by itself (CR LF and runs of spaces
      // are single segments for ICU, which changes no token).
      state.before_hash_is_word = state.last_is_word;
      state.last_is_hash = first == kHash;
      state.last_is_word = false;
      ++i;
      continue;
    }
    const size_t start = i;
    uint8_t last = first;
    ++i;
    while (i < end) {
      const uint8_t c = kClasses[static_cast<uint8_t>(s[i])];
      if (is_word_class(c)) {  // WB5, WB8-WB10, WB13a, WB13b: any two of these join
        last = c;
        ++i;
        continue;
      }
      if (i + 1 >= end || c < kMidNumLet || c > kMidNum) break;
      const uint8_t next = kClasses[static_cast<uint8_t>(s[i + 1])];
      // WB6/WB7: letter (MidNumLet | Single_Quote) letter; WB11/WB12: digit (MidNum | MidNumLet
      // | Single_Quote) digit.
      const bool joins = (last == kLetter && next == kLetter && c != kMidNum) ||
                         (last == kDigit && next == kDigit);
      if (!joins) break;
      last = next;
      i += 2;
    }
    // A lone "_" matches no word rule: ICU gives it status 0 (not a word).
    const bool is_word = !(i - start == 1 && first == kUnderscore);
    if (is_word) {
      const bool hashtag = state.last_is_hash && !state.before_hash_is_word;
      const size_t token_start = hashtag ? start - 1 : start;
      emit(std::string_view(s + token_start, i - token_start), stopwords, scratch, out);
    }
    state.before_hash_is_word = state.last_is_word;
    state.last_is_hash = false;
    state.last_is_word = is_word;
  }
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
    const size_t url = internal::find_url_start(s, n, pos);
    scan(s, pos, url, state, stopwords, scratch, out);
    if (url == n) break;
    pos = internal::url_run_end(s, n, url, internal::is_ascii_white_space);
  }
}

}  // namespace firecount
