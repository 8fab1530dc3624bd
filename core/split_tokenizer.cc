#include "core/split_tokenizer.h"

#include <cstdint>
#include <cstring>

#if defined(__AVX2__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace firecount {
namespace {

// Ends the token that runs up to `sep` (a separator) and starts the next one after it.
inline void end_token(const char*& start, const char* sep, TokenList& out) {
  out.add_view(std::string_view(start, static_cast<size_t>(sep - start)));
  start = sep + 1;
}

// Ends one token at each separator marked in `mask` (bit i: the byte at `at + i`), in order.
inline void end_tokens(const char*& start, const char* at, uint32_t mask, TokenList& out) {
  for (; mask != 0; mask &= mask - 1) end_token(start, at + __builtin_ctz(mask), out);
}

}  // namespace

void SplitTokenizer::tokenize(std::string_view text, TokenList& out) {
  // '\n' and ' ' both end a token; every separator ends exactly one (possibly empty) token, and
  // the text's end ends the last one, so n separators always give n + 1 tokens. Separators are
  // found 32 bytes at a time (AVX2, in the default x86-64-v3 build) or 16 (SSE2, part of every
  // x86-64) and the rest byte by byte; nothing is read past the text, which need not be padded.
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* start = p;
#if defined(__AVX2__)
  // 32 bytes a time; the last stretch (under 32 bytes) is one more load of the text's last 32
  // bytes, its mask shifted past the bytes already seen, instead of a byte-by-byte loop.
  const __m256i space = _mm256_set1_epi8(' ');
  const __m256i newline = _mm256_set1_epi8('\n');
  const auto separators = [&](const char* at) {
    const __m256i v = _mm256_loadu_si256(reinterpret_cast<const __m256i*>(at));
    return static_cast<uint32_t>(_mm256_movemask_epi8(
        _mm256_or_si256(_mm256_cmpeq_epi8(v, space), _mm256_cmpeq_epi8(v, newline))));
  };
  for (; end - p >= 32; p += 32) end_tokens(start, p, separators(p), out);
  if (p != end && text.size() >= 32) {
    const char* const last = end - 32;
    end_tokens(start, p, separators(last) >> (p - last), out);
    p = end;
  }
#elif defined(__SSE2__)
  const __m128i space = _mm_set1_epi8(' ');
  const __m128i newline = _mm_set1_epi8('\n');
  for (; end - p >= 16; p += 16) {
    const __m128i v = _mm_loadu_si128(reinterpret_cast<const __m128i*>(p));
    end_tokens(start, p,
               static_cast<uint32_t>(_mm_movemask_epi8(
                   _mm_or_si128(_mm_cmpeq_epi8(v, space), _mm_cmpeq_epi8(v, newline)))),
               out);
  }
#endif
  for (; p != end; ++p) {
    if (*p == ' ' || *p == '\n') end_token(start, p, out);
  }
  out.add_view(std::string_view(start, static_cast<size_t>(end - start)));
}

}  // namespace firecount
