#pragma once
// Synthetic tweet text: the building blocks core/firehose_pool uses to pre-render the synthetic
// firehose. A small deterministic random generator, a Zipf-ranked vocabulary of tweet words
// (mixed case, punctuation, accented Latin, Cyrillic, CJK and Hangul, hashtags, mentions, t.co
// URLs, emoji including astral ones), and the JSON string renderer in the two forms the v1.1
// API sent: raw UTF-8, or pure ASCII with `\uXXXX` escapes (surrogate pairs for astral
// characters) and `\/`.
//
// Threading: pure functions and plain values; an Rng or ZipfSampler is used by one thread.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace firecount::internal {

// wyrand: a fast 64-bit generator with a 64-bit state. Deterministic for a seed on every
// platform (no std:: distributions, whose outputs differ between standard libraries).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}

  uint64_t next() {
    state_ += 0xa0761d6478bd642fULL;
    const __uint128_t m = static_cast<__uint128_t>(state_) * (state_ ^ 0xe7037ed1a0b428dbULL);
    return static_cast<uint64_t>(m >> 64) ^ static_cast<uint64_t>(m);
  }
  // Uniform in [0, n); n > 0 (Lemire's multiply-shift, bias < 2^-64 * n).
  uint64_t below(uint64_t n) {
    return static_cast<uint64_t>((static_cast<__uint128_t>(next()) * n) >> 64);
  }
  // Uniform in [lo, hi].
  uint64_t between(uint64_t lo, uint64_t hi) { return lo + below(hi - lo + 1); }
  // True with probability per_mille / 1000.
  bool chance(uint32_t per_mille) { return below(1000) < per_mille; }
  // Uniform in [0, 1).
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }

 private:
  uint64_t state_;
};

// Draws ranks 0..n-1 with P(rank r) proportional to 1 / (r + 1)^exponent.
class ZipfSampler {
 public:
  ZipfSampler(size_t n, double exponent);
  size_t sample(Rng& rng) const;
  size_t size() const { return cdf_.size(); }

 private:
  std::vector<double> cdf_;
};

// `size` distinct words, most frequent first: common function words of several languages,
// then a deterministic mix of generated words of every kind listed above. Distinct as byte
// strings; none contains ' ' or '\n'. Valid UTF-8.
std::vector<std::string> make_vocabulary(size_t size, uint64_t seed);

// How a JSON string is written.
enum class JsonForm : uint8_t {
  kRaw = 0,      // UTF-8 as is; only '"', '\\' and control characters are escaped
  kEscaped = 1,  // pure ASCII: non-ASCII as \uXXXX, '/' as \/, '<' '>' '&' as \u003c \u003e \u0026
};

// Appends `utf8` (valid UTF-8) to `out` as the body of a JSON string (no quotes) in `form`.
void append_json_string(std::string& out, std::string_view utf8, JsonForm form);

// Appends the UTF-8 encoding of code point `cp` (not a surrogate).
void append_utf8(std::string& out, char32_t cp);

// Number of code points in valid UTF-8.
size_t code_point_count(std::string_view utf8);

// The v1.1 `created_at` format, "Wed Oct 10 20:19:24 +0000 2018": always kTwitterDateSize bytes.
inline constexpr size_t kTwitterDateSize = 30;
// Writes the date of `unix_seconds` (UTC, years 1970..9999) to out[0..kTwitterDateSize).
void format_twitter_date(int64_t unix_seconds, char* out);

}  // namespace firecount::internal
