#include "core/ascii_words.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>

#include "core/ascii_word_break.h"
#include "core/url_runs.h"

#if defined(__SSE2__)
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

namespace firecount {
namespace {

// ICU 72's root word break classes in ASCII (ascii_word_break.h), under short names.
enum Flag : uint8_t {
  kLetter = internal::kWbLetter,
  kDigit = internal::kWbDigit,
  kUnderscore = internal::kWbUnderscore,
  kWordChar = kLetter | kDigit | kUnderscore,
  kUpper = internal::kWbUpper,
  kMidLetter = internal::kWbMidLetter,
  kMidNum = internal::kWbMidNum,
};
constexpr const std::array<uint8_t, 256>& kFlags = internal::kAsciiWordBreakFlags;

inline uint8_t flags_of(char c) { return kFlags[static_cast<uint8_t>(c)]; }

// The classes of 64 bytes, bit k for byte k.
struct Masks {
  uint64_t word = 0;        // letter, digit or '_'
  uint64_t letter = 0;      // A-Z a-z @
  uint64_t digit = 0;       // 0-9
  uint64_t upper = 0;       // A-Z
  uint64_t mid_letter = 0;  // . '
  uint64_t mid_num = 0;     // . ' , ;
};

constexpr size_t kBlock = 64;
constexpr size_t kNoRun = ~size_t{0};

#if defined(__SSE2__)
// 0xFF where lo <= v < lo + count (bytes as unsigned), as one signed compare of v - lo - 128.
inline __m128i in_range(__m128i v, char lo, int count) {
  const __m128i moved = _mm_sub_epi8(v, _mm_set1_epi8(static_cast<char>(lo + 0x80)));
  return _mm_cmplt_epi8(moved, _mm_set1_epi8(static_cast<char>(count - 0x80)));
}

inline uint64_t bits_of(__m128i m, int k) {
  return static_cast<uint64_t>(static_cast<uint16_t>(_mm_movemask_epi8(m))) << (16 * k);
}
#endif

// Classifies p[0, 64). SSE2 (baseline x86-64) does 16 bytes per step with no branch.
inline Masks classify_baseline(const char* p) {
  Masks m;
#if defined(__SSE2__)
  for (int k = 0; k < 4; ++k) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p + 16 * k));
    const __m128i upper = in_range(v, 'A', 26);
    const __m128i letter =
        _mm_or_si128(in_range(_mm_or_si128(v, _mm_set1_epi8(0x20)), 'a', 26),
                     _mm_cmpeq_epi8(v, _mm_set1_epi8('@')));  // '@' | 0x20 is '`': not in a-z
    const __m128i digit = in_range(v, '0', 10);
    const __m128i word =
        _mm_or_si128(_mm_or_si128(letter, digit), _mm_cmpeq_epi8(v, _mm_set1_epi8('_')));
    const __m128i mid_letter =
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('.')), _mm_cmpeq_epi8(v, _mm_set1_epi8('\'')));
    const __m128i mid_num = _mm_or_si128(
        mid_letter,
        _mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8(',')), _mm_cmpeq_epi8(v, _mm_set1_epi8(';'))));
    m.word |= bits_of(word, k);
    m.letter |= bits_of(letter, k);
    m.digit |= bits_of(digit, k);
    m.upper |= bits_of(upper, k);
    m.mid_letter |= bits_of(mid_letter, k);
    m.mid_num |= bits_of(mid_num, k);
  }
#else
  for (size_t k = 0; k < kBlock; ++k) {
    const uint8_t f = flags_of(p[k]);
    const uint64_t bit = uint64_t{1} << k;
    if (f & kWordChar) m.word |= bit;
    if (f & kLetter) m.letter |= bit;
    if (f & kDigit) m.digit |= bit;
    if (f & kUpper) m.upper |= bit;
    if (f & kMidLetter) m.mid_letter |= bit;
    if (f & kMidNum) m.mid_num |= bit;
  }
#endif
  return m;
}

#if defined(__x86_64__) && defined(__GNUC__)
#define FIRECOUNT_ASCII_WORDS_AVX2 1
__attribute__((target("avx2"))) inline __m256i in_range_avx2(__m256i v, char lo, int count) {
  const __m256i moved = _mm256_sub_epi8(v, _mm256_set1_epi8(static_cast<char>(lo + 0x80)));
  return _mm256_cmpgt_epi8(_mm256_set1_epi8(static_cast<char>(count - 0x80)), moved);
}

__attribute__((target("avx2"))) inline uint64_t bits_of_avx2(__m256i m, int k) {
  return static_cast<uint64_t>(static_cast<uint32_t>(_mm256_movemask_epi8(m))) << (32 * k);
}

// classify_baseline with AVX2: 32 bytes per step. Only called when the CPU has AVX2.
__attribute__((target("avx2"))) inline Masks classify_avx2(const char* p) {
  Masks m;
  for (int k = 0; k < 2; ++k) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(p + 32 * k));
    const __m256i upper = in_range_avx2(v, 'A', 26);
    const __m256i letter =
        _mm256_or_si256(in_range_avx2(_mm256_or_si256(v, _mm256_set1_epi8(0x20)), 'a', 26),
                        _mm256_cmpeq_epi8(v, _mm256_set1_epi8('@')));
    const __m256i digit = in_range_avx2(v, '0', 10);
    const __m256i word = _mm256_or_si256(_mm256_or_si256(letter, digit),
                                         _mm256_cmpeq_epi8(v, _mm256_set1_epi8('_')));
    const __m256i mid_letter = _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8('.')),
                                               _mm256_cmpeq_epi8(v, _mm256_set1_epi8('\'')));
    const __m256i mid_num =
        _mm256_or_si256(mid_letter, _mm256_or_si256(_mm256_cmpeq_epi8(v, _mm256_set1_epi8(',')),
                                                    _mm256_cmpeq_epi8(v, _mm256_set1_epi8(';'))));
    m.word |= bits_of_avx2(word, k);
    m.letter |= bits_of_avx2(letter, k);
    m.digit |= bits_of_avx2(digit, k);
    m.upper |= bits_of_avx2(upper, k);
    m.mid_letter |= bits_of_avx2(mid_letter, k);
    m.mid_num |= bits_of_avx2(mid_num, k);
  }
  return m;
}
#endif

struct Baseline {
  static Masks classify(const char* p) { return classify_baseline(p); }
};

inline Masks masked(Masks m, uint64_t keep) {
  m.word &= keep;
  m.letter &= keep;
  m.digit &= keep;
  m.upper &= keep;
  m.mid_letter &= keep;
  m.mid_num &= keep;
  return m;
}

inline Masks shifted_down(Masks m, unsigned by) {
  m.word >>= by;
  m.letter >>= by;
  m.digit >>= by;
  m.upper >>= by;
  m.mid_letter >>= by;
  m.mid_num >>= by;
  return m;
}

// Writes src[0, n) lowercased to dest. `src_room` and `dest_room` (both >= n) bytes may be read
// at src and written at dest: with 16 of each, a short token takes one SSE2 step.
inline void lower_copy(const char* src, size_t n, size_t src_room, char* dest, size_t dest_room) {
  size_t i = 0;
#if defined(__SSE2__)
  for (; i < n && i + 16 <= src_room && i + 16 <= dest_room; i += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(src + i));
    const __m128i to_lower = _mm_and_si128(in_range(v, 'A', 26), _mm_set1_epi8(0x20));
    _mm_storeu_si128(reinterpret_cast<__m128i*>(dest + i), _mm_add_epi8(v, to_lower));
  }
#endif
  for (; i < n; ++i) dest[i] = static_cast<char>(src[i] + (flags_of(src[i]) & kUpper ? 0x20 : 0));
}

inline void no_islands(size_t) {}

// Turns word runs of the URL-free pieces of one text into tokens, and hands the islands (if any)
// to island_tokens where their tokens belong.
class Emitter {
 public:
  Emitter(std::string_view text, const StopwordSet* stopwords, TokenList& out,
          const internal::Island* islands = nullptr, size_t island_count = 0,
          absl::FunctionRef<void(size_t)> island_tokens = no_islands)
      : s_(text.data()),
        n_(text.size()),
        stopwords_(stopwords),
        out_(out),
        islands_(islands),
        island_count_(island_count),
        island_tokens_(island_tokens),
        guard_(island_count == 0 ? kNone : islands[0].begin) {}

  // Hands the islands no run has reached to island_tokens_, in order.
  void finish() {
    for (; next_ < island_count_; ++next_) {
      if (!next_done_) island_tokens_(next_);
      next_done_ = false;
    }
  }

  // Starts a piece: the state at the start of a text (or after a URL run's White_Space).
  void start_piece(size_t begin) {
    piece_begin_ = begin;
    last_word_end_ = kNone;
  }

  // A maximal run [start, end) of letters, digits, '_' and the '.' ',' ';' '\'' they join: one
  // UAX #29 segment. `upper` if it holds A-Z.
  inline __attribute__((always_inline)) void run(size_t start, size_t end, bool upper) {
    if (start >= guard_ && !outside_islands(start)) return;
    // A lone "_" matches no word rule: ICU gives it status 0 (not a word).
    if (end - start == 1 && s_[start] == '_') return;
    // The hashtag rule: the segment before is exactly "#" ('#' is never in a run, so it is a
    // segment of its own) and the one before that is not a word (every byte between two runs is a
    // non-word segment, so only a word run ending right at the '#' is one).
    const bool hashtag =
        start > piece_begin_ && s_[start - 1] == '#' && last_word_end_ != start - 1;
    last_word_end_ = end;
    const size_t from = hashtag ? start - 1 : start;
    if (!upper && stopwords_ == nullptr) {
      out_.add_view(std::string_view(s_ + from, end - from));
    } else {
      emit_slow(from, end, upper);
    }
  }

 private:
  // With stop words or uppercase letters: the token is lowercased straight into the list.
  __attribute__((noinline)) void emit_slow(size_t from, size_t end, bool upper) {
    const size_t size = end - from;
    if (!upper) {
      const std::string_view token(s_ + from, size);
      if (!stopwords_->contains(token)) out_.add_view(token);
      return;
    }
    constexpr size_t kSlack = 16;
    char* dest = out_.add_uninitialized(size, size + kSlack);
    lower_copy(s_ + from, size, n_ - from, dest, size + kSlack);
    if (stopwords_ != nullptr && stopwords_->contains(std::string_view(dest, size))) {
      out_.drop_last();
    }
  }

  // A run starts at or after the next island's start: hands every island that starts at or
  // before `start` to island_tokens_ (once each) and says whether the run is outside them.
  __attribute__((noinline)) bool outside_islands(size_t start) {
    for (; next_ < island_count_ && start >= islands_[next_].begin; ++next_) {
      if (!next_done_) island_tokens_(next_);
      next_done_ = true;
      if (start < islands_[next_].end) return false;  // guard_ stays: the next run comes back
      next_done_ = false;
    }
    guard_ = next_ < island_count_ ? islands_[next_].begin : kNone;
    return true;
  }

  static constexpr size_t kNone = ~size_t{0};
  const char* s_;
  size_t n_;
  const StopwordSet* stopwords_;
  TokenList& out_;
  const internal::Island* islands_;
  size_t island_count_;
  absl::FunctionRef<void(size_t)> island_tokens_;
  size_t guard_;            // runs from here on may meet an island
  size_t next_ = 0;         // the first island not passed yet
  bool next_done_ = false;  // its tokens are out
  size_t piece_begin_ = 0;
  size_t last_word_end_ = kNone;  // end of the last word run of this piece
};

// Tokenizes s[begin, end), which holds no URL run, from a fresh state; s[0, n) may be read. The
// word runs are found 64 bytes at a time: WB5, WB8-WB10, WB13a, WB13b join any two of letter,
// digit and '_'; WB6/WB7 join letter (MidNumLet | Single_Quote) letter, WB11/WB12 digit (MidNum |
// MidNumLet | Single_Quote) digit. Each of these looks at one byte on each side, so a block only
// needs the byte before it and the byte after it. A short last block is classified in place,
// from the text around it (masked), so a short piece costs one classification and no copy.
template <typename Classifier>
inline __attribute__((always_inline)) void scan_piece(const char* s, size_t n, size_t begin,
                                                      size_t end, Emitter& emitter) {
  emitter.start_piece(begin);
  uint64_t carry = 0;         // 1 if the byte before the block is in a run
  size_t run_start = kNoRun;  // the start of a run that reaches into the block
  bool run_upper = false;     // the run that reaches into the block holds A-Z
  uint8_t before = 0;         // flags of the byte before the block (none at `begin`)
  for (size_t i = begin; i < end; i += kBlock) {
    const size_t len = std::min(kBlock, end - i);
    Masks m;
    if (len == kBlock) {
      m = Classifier::classify(s + i);
    } else if (i + kBlock <= n) {
      // The 64 bytes from i, the bytes from `end` on masked out.
      m = masked(Classifier::classify(s + i), (uint64_t{1} << len) - 1);
    } else if (i + len >= kBlock) {
      // The last 64 bytes up to `end`, moved down: no copy, no read past the text.
      m = shifted_down(Classifier::classify(s + i + len - kBlock),
                       static_cast<unsigned>(kBlock - len));
    } else {
      char buf[kBlock] = {};  // NUL is no class
      std::memcpy(buf, s + i, len);
      m = Classifier::classify(buf);
    }
    const uint8_t after = i + kBlock < end ? flags_of(s[i + kBlock]) : 0;
    const uint64_t letter_before = (m.letter << 1) | ((before & kLetter) != 0);
    const uint64_t letter_after = (m.letter >> 1) | (uint64_t{(after & kLetter) != 0} << 63);
    const uint64_t digit_before = (m.digit << 1) | ((before & kDigit) != 0);
    const uint64_t digit_after = (m.digit >> 1) | (uint64_t{(after & kDigit) != 0} << 63);
    const uint64_t t = m.word | (m.mid_letter & letter_before & letter_after) |
                       (m.mid_num & digit_before & digit_after);
    if (len == kBlock) before = flags_of(s[i + kBlock - 1]);

    // Where runs start and where they end (the byte after each): two independent bit lists, so
    // the loop below has no long dependency chain from one token to the next.
    const uint64_t t_before = (t << 1) | carry;
    uint64_t starts = t & ~t_before;
    uint64_t ends = ~t & t_before;
    carry = t >> 63;
    if (run_start != kNoRun) {
      if (ends == 0) {  // the run covers the whole block
        run_upper |= m.upper != 0;
        continue;
      }
      const auto k = static_cast<unsigned>(__builtin_ctzll(ends));
      ends &= ends - 1;
      run_upper |= (m.upper & ((uint64_t{1} << k) - 1)) != 0;
      emitter.run(run_start, i + k, run_upper);
      run_start = kNoRun;
    }
    while (starts != 0) {
      const auto first = static_cast<unsigned>(__builtin_ctzll(starts));
      starts &= starts - 1;
      if (ends == 0) {  // runs into the next block
        run_start = i + first;
        run_upper = (m.upper >> first) != 0;
        break;
      }
      const auto last = static_cast<unsigned>(__builtin_ctzll(ends));
      ends &= ends - 1;
      // The bits [first, last) of upper, moved to the top (last - first is 1..63).
      emitter.run(i + first, i + last, ((m.upper >> first) << (kBlock - (last - first))) != 0);
    }
  }
  if (run_start != kNoRun) emitter.run(run_start, end, run_upper);
}

// URL runs cut s[begin, end) into pieces tokenized apart: a run ends before White_Space, which is
// a segment of its own and no "#", so each piece starts from a fresh state.
template <typename Classifier>
inline __attribute__((always_inline)) void scan_text(const char* s, size_t n, size_t begin,
                                                     size_t end, Emitter& emitter) {
  for (size_t pos = begin; pos < end;) {
    const size_t url = internal::find_url_start(s, end, pos);
    scan_piece<Classifier>(s, n, pos, url, emitter);
    if (url == end) break;
    pos = internal::url_run_end(s, end, url, internal::is_ascii_white_space);
  }
}

#if defined(FIRECOUNT_ASCII_WORDS_AVX2)
struct Avx2 {
  __attribute__((target("avx2"))) static Masks classify(const char* p) { return classify_avx2(p); }
};

__attribute__((target("avx2"))) void scan_text_avx2(const char* s, size_t n, size_t begin,
                                                    size_t end, Emitter& emitter) {
  scan_text<Avx2>(s, n, begin, end, emitter);
}
#endif

void scan(std::string_view text, Emitter& emitter) {
#if defined(FIRECOUNT_ASCII_WORDS_AVX2)
  static const bool kHasAvx2 = __builtin_cpu_supports("avx2");
  if (kHasAvx2) return scan_text_avx2(text.data(), text.size(), 0, text.size(), emitter);
#endif
  scan_text<Baseline>(text.data(), text.size(), 0, text.size(), emitter);
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

void ascii_words(std::string_view text, const StopwordSet* stopwords, TokenList& out) {
  Emitter emitter(text, stopwords, out);
  scan(text, emitter);
}

void ascii_words_around(std::string_view text, const internal::Island* islands, size_t count,
                        const StopwordSet* stopwords, TokenList& out,
                        absl::FunctionRef<void(size_t)> island_tokens) {
  Emitter emitter(text, stopwords, out, islands, count, island_tokens);
  scan(text, emitter);
  emitter.finish();
}

void internal::ascii_words_baseline(std::string_view text, const internal::Island* islands,
                                    size_t count, const StopwordSet* stopwords, TokenList& out,
                                    absl::FunctionRef<void(size_t)> island_tokens) {
  Emitter emitter(text, stopwords, out, islands, count, island_tokens);
  scan_text<Baseline>(text.data(), text.size(), 0, text.size(), emitter);
  emitter.finish();
}

}  // namespace firecount
