// The v1.1 extraction body, compiled once per simdjson implementation (see v1_extractor.h).
// Not a header: included by core/v1_extractor_baseline.cc and core/v1_extractor_haswell.cc
// inside an anonymous namespace, with `ondemand` naming the TU's built-in implementation.
//
// It walks the top-level fields with simdjson On-Demand, matching keys on their raw bytes (a
// key holding a backslash is unescaped first), and reads the same fields as the reference walk
// (core/v1_extractor_reference.cc). Stream statuses take a shortcut once `truncated` is read;
// see try_stream_tail() for what it checks and what it takes on trust. With `truncated:false`,
// try_stream_status() runs stage 1 over the line's prefix only and checks the rest in one pass
// that also finds the line's end (docs/extraction.md).

using json_type = ondemand::json_type;

// The top-level keys the extractor reads (notices aside).
enum class TopKey : uint8_t {
  kOther,
  kText,
  kFullText,
  kExtendedTweet,
  kIdStr,
  kLang,
  kCreatedAt,
  kTimestampMs,
  kRetweetedStatus,
  kTruncated,
};

TopKey classify_key(std::string_view key) {
  switch (key.size()) {
    case 4:
      if (key == "text") return TopKey::kText;
      if (key == "lang") return TopKey::kLang;
      break;
    case 6:
      if (key == "id_str") return TopKey::kIdStr;
      break;
    case 9:
      if (key == "full_text") return TopKey::kFullText;
      if (key == "truncated") return TopKey::kTruncated;
      break;
    case 10:
      if (key == "created_at") return TopKey::kCreatedAt;
      break;
    case 12:
      if (key == "timestamp_ms") return TopKey::kTimestampMs;
      break;
    case 14:
      if (key == "extended_tweet") return TopKey::kExtendedTweet;
      break;
    case 16:
      if (key == "retweeted_status") return TopKey::kRetweetedStatus;
      break;
    default:
      break;
  }
  return TopKey::kOther;
}

// Maps the first key of a v1.1 message to its notice kind; kTweet when it is no notice.
MessageKind notice_kind(std::string_view key) {
  if (key.empty()) return MessageKind::kTweet;
  switch (key[0]) {
    case 'd':
      if (key == "delete") return MessageKind::kDelete;
      if (key == "disconnect") return MessageKind::kDisconnect;
      break;
    case 's':
      if (key == "scrub_geo") return MessageKind::kScrubGeo;
      if (key == "status_withheld") return MessageKind::kStatusWithheld;
      break;
    case 'l':
      if (key == "limit") return MessageKind::kLimit;
      break;
    case 'u':
      if (key == "user_withheld") return MessageKind::kUserWithheld;
      break;
    case 'w':
      if (key == "warning") return MessageKind::kWarning;
      break;
    default:
      break;
  }
  return MessageKind::kTweet;
}

// Byte-block primitives for the scans below: kBlock bytes at a time with AVX2 (the Haswell and
// Ice Lake builds; the latter's span scan has its own AVX-512 loop), SSE2 (x86-64 baseline) or
// plain code. A mask has bit i set for byte i of the block.
#if defined(__AVX2__)
constexpr int kBlock = 32;
using Vec = __m256i;
Vec load(const char* p) { return _mm256_loadu_si256(reinterpret_cast<const Vec*>(p)); }
Vec splat(char c) { return _mm256_set1_epi8(c); }
Vec eq(Vec a, Vec b) { return _mm256_cmpeq_epi8(a, b); }
Vec either(Vec a, Vec b) { return _mm256_or_si256(a, b); }
[[maybe_unused]] Vec minus(Vec a, Vec b) { return _mm256_sub_epi8(a, b); }
[[maybe_unused]] Vec both(Vec a, Vec b) { return _mm256_and_si256(a, b); }
Vec zero() { return _mm256_setzero_si256(); }
uint32_t mask_of(Vec v) { return static_cast<uint32_t>(_mm256_movemask_epi8(v)); }
// The sum of the unsigned bytes of `v`.
[[maybe_unused]] int64_t byte_sum(Vec v) {
  const Vec sums = _mm256_sad_epu8(v, zero());
  return _mm256_extract_epi64(sums, 0) + _mm256_extract_epi64(sums, 1) +
         _mm256_extract_epi64(sums, 2) + _mm256_extract_epi64(sums, 3);
}
#define FIRECOUNT_V1_VECTORS 1
#elif defined(__SSE2__)
constexpr int kBlock = 16;
using Vec = __m128i;
Vec load(const char* p) { return _mm_loadu_si128(reinterpret_cast<const Vec*>(p)); }
Vec splat(char c) { return _mm_set1_epi8(c); }
Vec eq(Vec a, Vec b) { return _mm_cmpeq_epi8(a, b); }
Vec either(Vec a, Vec b) { return _mm_or_si128(a, b); }
[[maybe_unused]] Vec minus(Vec a, Vec b) { return _mm_sub_epi8(a, b); }
[[maybe_unused]] Vec both(Vec a, Vec b) { return _mm_and_si128(a, b); }
Vec zero() { return _mm_setzero_si128(); }
uint32_t mask_of(Vec v) { return static_cast<uint32_t>(_mm_movemask_epi8(v)); }
[[maybe_unused]] int64_t byte_sum(Vec v) {
  const Vec sums = _mm_sad_epu8(v, zero());
  return _mm_cvtsi128_si64(sums) + _mm_cvtsi128_si64(_mm_unpackhi_epi64(sums, sums));
}
#define FIRECOUNT_V1_VECTORS 1
#else
constexpr int kBlock = 8;
#endif

#if defined(FIRECOUNT_V1_VECTORS)
// A broadcast of c that the compiler cannot rebuild from an immediate: kept in a register, or
// spilled and reloaded around a call, instead of rebuilt in every iteration of a loop that may
// make one (a call clobbers every vector register).
[[maybe_unused]] Vec opaque_splat(char c) {
  Vec v = splat(c);
  asm("" : "+x"(v));
  return v;
}
#endif

// Bit i set where p[i] == a or p[i] == b, for the block at p.
uint32_t match_mask(const char* p, char a, char b) {
#if defined(FIRECOUNT_V1_VECTORS)
  const Vec v = load(p);
  return mask_of(either(eq(v, splat(a)), eq(v, splat(b))));
#else
  uint32_t mask = 0;
  for (int i = 0; i < kBlock; ++i) mask |= static_cast<uint32_t>(p[i] == a || p[i] == b) << i;
  return mask;
#endif
}

// A key's bytes as written, when it holds no backslash: `raw` points just past its opening
// quote, and stage 1 saw the closing one inside the line. False when a backslash comes first
// (the key has an escape; the caller unescapes it). Reads whole blocks: the line's padding
// (SIMDJSON_PADDING >= kBlock) covers a block that starts before the closing quote.
bool plain_raw_key(const char* raw, std::string_view& key) {
  for (const char* p = raw;; p += kBlock) {
    if (const uint32_t mask = match_mask(p, '"', '\\')) {
      const char* hit = p + __builtin_ctz(mask);
      if (*hit != '"') return false;
      key = std::string_view(raw, static_cast<size_t>(hit - raw));
      return true;
    }
  }
}

// Reads a string-or-null value; false on any other type or a parse error.
bool get_optional_string(ondemand::value value, std::string_view& out, bool& is_null) {
  json_type type;
  if (value.type().get(type)) return false;
  if (type == json_type::null) {
    is_null = true;
    return true;
  }
  is_null = false;
  return type == json_type::string && !value.get_string().get(out);
}

// Brackets opened minus brackets closed in [p, end), strings included. '{' and '[' differ from
// each other only in bit 0x20, as do '}' and ']'.
int64_t bracket_balance(const char* p, const char* const end) {
  int64_t balance = 0;
#if defined(__AVX512BW__)
  for (; p < end; p += 64) {
    const auto left = static_cast<size_t>(end - p);
    const __mmask64 valid = left >= 64 ? ~uint64_t{0} : (uint64_t{1} << left) - 1;
    const __m512i folded =
        _mm512_or_si512(_mm512_maskz_loadu_epi8(valid, p), _mm512_set1_epi8(0x20));
    balance +=
        __builtin_popcountll(_mm512_mask_cmpeq_epi8_mask(valid, folded, _mm512_set1_epi8('{'))) -
        __builtin_popcountll(_mm512_mask_cmpeq_epi8_mask(valid, folded, _mm512_set1_epi8('}')));
  }
  return balance;
#elif defined(FIRECOUNT_V1_VECTORS)
  while (end - p >= kBlock) {
    // Per-byte counts of up to 255 blocks, then summed.
    Vec opens = zero(), closes = zero();
    for (int n = 0; n < 255 && end - p >= kBlock; ++n, p += kBlock) {
      const Vec folded = either(load(p), splat(0x20));
      opens = minus(opens, eq(folded, splat('{')));
      closes = minus(closes, eq(folded, splat('}')));
    }
    balance += byte_sum(opens) - byte_sum(closes);
  }
#endif
  for (; p != end; ++p) balance += (*p == '{') + (*p == '[') - (*p == '}') - (*p == ']');
  return balance;
}

// What the shortcut needs to know of the bytes it does not walk (see try_stream_tail).
struct SpanScan {
  static constexpr int64_t kUnknown = INT64_MIN;
  int64_t balance = 0;                   // brackets opened minus brackets closed, strings included
  int retweeted_count = 0;               // occurrences of `"retweeted_status"`
  const char* retweeted = nullptr;       // the last one
  int64_t retweeted_balance = kUnknown;  // the balance before it, if the scan counted it
  bool top_level_extended = false;       // `"extended_tweet"` with brackets balanced before it
  int extended_count = 0;                // such top-level occurrences
  const char* extended = nullptr;        // the first one
};

constexpr std::string_view kRetweetedStatusKey = "\"retweeted_status\"";
constexpr std::string_view kExtendedTweetKey = "\"extended_tweet\"";

// Compares the '"' at `at` (followed by 'r' or 'e') with the two keys.
// `balance_at`: the brackets from `begin` to `at` if known, else SpanScan::kUnknown (counted here
// when needed).
void check_key_candidate(const char* begin, const char* at, const char* end, SpanScan& scan,
                         int64_t balance_at = SpanScan::kUnknown) {
  const std::string_view rest(at, static_cast<size_t>(end - at));
  if (rest.starts_with(kRetweetedStatusKey)) {
    ++scan.retweeted_count;
    scan.retweeted = at;
    scan.retweeted_balance = balance_at;
  } else if (rest.starts_with(kExtendedTweetKey) &&
             (balance_at != SpanScan::kUnknown ? balance_at : bracket_balance(begin, at)) == 0) {
    scan.top_level_extended = true;
    ++scan.extended_count;
    if (scan.extended == nullptr) scan.extended = at;
  }
}

// One pass over [begin, end): counts brackets and finds the two keys (candidates found a block
// at a time, then compared in full). Reads up to a block and 10 bytes past `end`, inside the
// line's padding.
SpanScan scan_span(const char* const begin, const char* const end) {
  SpanScan scan;
  const char* p = begin;
#if defined(__AVX512BW__)
  // 64 bytes a time into mask registers; the last block is masked, not finished byte by byte.
  // The broadcasts are opaque, so they stay in registers across the rare call (see
  // opaque_splat).
  __m512i case_bit = _mm512_set1_epi8(0x20), open_brace = _mm512_set1_epi8('{'),
          close_brace = _mm512_set1_epi8('}'), quote = _mm512_set1_epi8('"'),
          r = _mm512_set1_epi8('r'), e = _mm512_set1_epi8('e'), underscore = _mm512_set1_epi8('_');
  asm(""
      : "+v"(case_bit), "+v"(open_brace), "+v"(close_brace), "+v"(quote), "+v"(r), "+v"(e),
        "+v"(underscore));
  for (; p < end; p += 64) {
    const auto left = static_cast<size_t>(end - p);
    const __mmask64 valid = left >= 64 ? ~uint64_t{0} : (uint64_t{1} << left) - 1;
    const __m512i v = _mm512_maskz_loadu_epi8(valid, p);
    const __m512i folded = _mm512_or_si512(v, case_bit);
    scan.balance += __builtin_popcountll(_mm512_mask_cmpeq_epi8_mask(valid, folded, open_brace)) -
                    __builtin_popcountll(_mm512_mask_cmpeq_epi8_mask(valid, folded, close_brace));
    // As below: '"', then 'r' with '_' 10 bytes on or 'e' with '_' 9 bytes on.
    const __mmask64 quotes = _mm512_mask_cmpeq_epi8_mask(valid, v, quote);
    const __m512i next = _mm512_loadu_si512(p + 1);
    const __mmask64 retweeted = _mm512_mask_cmpeq_epi8_mask(
        _mm512_mask_cmpeq_epi8_mask(quotes, next, r), _mm512_loadu_si512(p + 10), underscore);
    const __mmask64 extended = _mm512_mask_cmpeq_epi8_mask(
        _mm512_mask_cmpeq_epi8_mask(quotes, next, e), _mm512_loadu_si512(p + 9), underscore);
    uint64_t candidates = retweeted | extended;
    while (candidates != 0) {
      check_key_candidate(begin, p + __builtin_ctzll(candidates), end, scan);
      candidates &= candidates - 1;
    }
  }
#elif defined(FIRECOUNT_V1_VECTORS)
  const Vec case_bit = opaque_splat(0x20), open_brace = opaque_splat('{'),
            close_brace = opaque_splat('}'), quote = opaque_splat('"'), r = opaque_splat('r'),
            e = opaque_splat('e'), underscore = opaque_splat('_');
  while (end - p >= kBlock) {
    // Per-byte counts of up to 255 blocks, then summed.
    Vec opens = zero(), closes = zero();
    for (int n = 0; n < 255 && end - p >= kBlock; ++n, p += kBlock) {
      const Vec v = load(p);
      const Vec folded = either(v, case_bit);
      opens = minus(opens, eq(folded, open_brace));
      closes = minus(closes, eq(folded, close_brace));
      // '"' then 'r' with '_' 10 bytes on ("retweeted_status"), or 'e' with '_' 9 bytes on
      // ("extended_tweet"): almost only the keys themselves, so the branch below is rarely
      // taken (a looser filter costs more in mispredicted branches than in compares).
      const Vec next = load(p + 1);
      const Vec retweeted = both(eq(next, r), eq(load(p + 10), underscore));
      const Vec extended = both(eq(next, e), eq(load(p + 9), underscore));
      uint32_t candidates = mask_of(both(eq(v, quote), either(retweeted, extended)));
      while (candidates != 0) {
        check_key_candidate(begin, p + __builtin_ctz(candidates), end, scan);
        candidates &= candidates - 1;
      }
    }
    scan.balance += byte_sum(opens) - byte_sum(closes);
  }
#endif
  for (; p < end; ++p) {
    const char c = *p;
    scan.balance += (c == '{') + (c == '[') - (c == '}') - (c == ']');
    if (c == '"' && (p[1] == 'r' || p[1] == 'e')) check_key_candidate(begin, p, end, scan);
  }
  return scan;
}

bool is_lang_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-';
}

// Matches `literal` ending at `end` (exclusive) and not before `begin`; moves `end` before it.
bool match_back(const char* begin, const char*& end, std::string_view literal) {
  if (static_cast<size_t>(end - begin) < literal.size()) return false;
  if (std::string_view(end - literal.size(), literal.size()) != literal) return false;
  end -= literal.size();
  return true;
}

// The end of a v1.1 stream status: `,"lang":"<tag>","timestamp_ms":"<digits>"}` then only
// whitespace, with no whitespace inside, <tag> of [A-Za-z0-9-] and <digits> of [0-9]. On a match
// returns where the leading ',' starts and the two values.
const char* match_stream_tail(const char* begin, const char* end, std::string_view& lang,
                              std::string_view& timestamp_ms) {
  while (end != begin && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\r' || end[-1] == '\n'))
    --end;
  if (!match_back(begin, end, "\"}")) return nullptr;
  const char* const digits_end = end;
  while (end != begin && end[-1] >= '0' && end[-1] <= '9') --end;
  if (end == digits_end) return nullptr;
  timestamp_ms = std::string_view(end, static_cast<size_t>(digits_end - end));
  if (!match_back(begin, end, "\",\"timestamp_ms\":\"")) return nullptr;
  const char* const lang_end = end;
  while (end != begin && is_lang_char(end[-1])) --end;
  lang = std::string_view(end, static_cast<size_t>(lang_end - end));
  if (!match_back(begin, end, ",\"lang\":\"")) return nullptr;
  return end;
}

// What the walk has read so far.
struct Fields {
  std::string_view text, full_text, extended_text, created_at, timestamp_ms;
  bool has_text = false, has_full_text = false, has_extended_text = false;
};

class V1ExtractorImpl final : public V1Extractor {
 public:
  MessageKind extract(std::string_view line, size_t readable, Record& out) override;
  MessageKind extract_declined(std::string_view line, size_t readable, Record& out) override;

 private:
  bool try_stream_status(const char* begin, const char* end, Record& out,
                         const char*& line_end) override;

  bool read_extended_tweet(const char* key, const char* line_end, Fields& f);

  ondemand::parser parser_;
  std::vector<char>
      prefix_;  // try_stream_status's copy of a line's prefix, closed with '}', padded
  // read_extended_tweet's own parser (the prefix's strings stay valid) and its copy of the
  // line's last fields, opened with '{', padded.
  ondemand::parser extended_parser_;
  std::vector<char> suffix_;
};

// Reads `full_text` from an `extended_tweet` object into f (the last one wins; null leaves none),
// visiting every field, as the full walk does. False when a field or that value is malformed.
bool read_full_text(ondemand::object extended, Fields& f) {
  for (auto inner_result : extended) {
    ondemand::field inner;
    if (std::move(inner_result).get(inner)) return false;
    std::string_view inner_key;
    if (!plain_raw_key(inner.key().raw(), inner_key)) {
      if (inner.unescaped_key().get(inner_key)) return false;
    }
    if (inner_key == "full_text") {
      bool is_null = false;
      if (!get_optional_string(inner.value(), f.extended_text, is_null)) return false;
      f.has_extended_text = !is_null;
    }
  }
  return true;
}

MessageKind finish_tweet(const Fields& f, Record& out) {
  if (!f.has_text && !f.has_full_text && !f.has_extended_text) return MessageKind::kOther;
  out.text = f.has_extended_text ? f.extended_text : f.has_full_text ? f.full_text : f.text;
  if (auto ms = parse_timestamp_ms(f.timestamp_ms)) {
    out.event_time_ms = *ms;
  } else if (auto ca = parse_created_at(f.created_at)) {
    out.event_time_ms = *ca;
  }
  return MessageKind::kTweet;
}

// The shortcut for stream statuses. The Twitter v1.1 stream writes a status's top-level fields
// in one order: created_at, id, id_str, text, (display_text_range,) source, truncated,
// in_reply_to_*, user, geo, coordinates, place, contributors, (retweeted_status,)
// (quoted_status...,) is_quote_status, (extended_tweet, only when truncated is true,) counts,
// entities, ..., filter_level, lang, timestamp_ms. Once the walk is past `truncated:false`, or
// past extended_tweet after `truncated:true`, every field the extractor reads has been read
// except whether a retweeted_status object follows, lang and timestamp_ms. Walking the rest,
// the user object and the retweeted status above all, is most of the walk; instead this
// matches the line's last bytes against `,"lang":"<tag>","timestamp_ms":"<digits>"}` and looks
// for the key `"retweeted_status":` in the bytes between.
//
// `rest` is where the walk stands: the token after the last value read (a ',' in a well-formed
// status). Returns false, leaving the walk untouched, unless all of these hold; the caller then
// walks on as usual:
//   - the tail matches exactly (no whitespace inside it, no escape in the values);
//   - `rest` starts with ',' or is the tail itself;
//   - the bytes between `rest` and the tail open as many brackets as they close, counting
//     brackets inside strings too (a bracket in a string sends a valid line to the walk);
//   - `"retweeted_status"` occurs there at most once, and if it does, after a ',', before
//     ':{', with as many brackets opened as closed before it (a top-level retweet: is_retweet).
//     In valid JSON those bytes can only be a whole string: a '"' inside a string is escaped;
//   - `"extended_tweet"` does not occur there at the top level (by the same bracket count;
//     the retweeted or quoted status may hold one).
// Still checked for the whole line: stage 1 (UTF-8, every string closed) and everything the
// walk visited up to `rest`. Taken on trust between `rest` and the tail, where the full walk
// would look: JSON syntax beyond bracket counts at the top level (a missing ',' or ':', a key
// that is no string; inside nested values the walk only counts brackets too), brackets that
// close before they open, strings holding brackets that happen to even out the count, and
// top-level keys the extractor reads written again there (a second text or id_str) or written
// with an escape: the v1.1 stream does none of these. A tweet cut in that span and followed,
// without a newline, by a whole one leaves brackets open; the count sends it to the walk, which
// rejects it (tests/core/v1_extractor_differential_test.cc cuts tweets at every byte).
bool try_stream_tail(std::string_view line, const char* rest, Fields& f, Record& out) {
  const char* const begin = line.data();
  const char* const end = begin + line.size();
  if (rest < begin || rest >= end) return false;
  std::string_view lang, timestamp_ms;
  const char* tail = match_stream_tail(rest, end, lang, timestamp_ms);
  if (tail == nullptr) return false;
  if (tail != rest && *rest != ',') return false;
  const SpanScan scan = scan_span(rest, tail);
  if (scan.balance != 0 || scan.retweeted_count > 1 || scan.top_level_extended) return false;
  if (scan.retweeted_count == 1) {
    const char* key = scan.retweeted;
    if (key[-1] != ',' || key[kRetweetedStatusKey.size()] != ':' ||
        key[kRetweetedStatusKey.size() + 1] != '{' || bracket_balance(rest, key) != 0) {
      return false;
    }
    out.is_retweet = true;
  }
  out.lang = lang;
  f.timestamp_ms = timestamp_ms;
  return true;
}

#if defined(__AVX512BW__)
// The bytes [p, p + n) of a 64-byte load at p, as a mask (none for n <= 0, all for n >= 64).
uint64_t first_bytes(ptrdiff_t n) {
  return n >= 64 ? ~uint64_t{0} : n <= 0 ? 0 : (uint64_t{1} << n) - 1;
}
#endif

// Where `,"truncated":` starts in the line at `begin` (which ends at its first '\n', else at
// `end`), or nullptr; then `line_end` is that '\n' if the search reached it (else nullptr). Those
// bytes are never inside a string (a '"' in a string is escaped, so it follows a '\\', not a
// ','): they are a key, at some depth. Reads a block and 12 bytes past `end`, inside the padding
// (the AVX-512 build reads nothing past `end`).
const char* find_truncated_key(const char* begin, const char* end, const char*& line_end) {
  constexpr std::string_view kKey = ",\"truncated\":";
  line_end = nullptr;
#if defined(__AVX512BW__)
  // 64 bytes a time into mask registers, each compare only where the ones before it matched; the
  // blocks near `end` are loaded masked, so nothing is read at or past it. Opaque broadcasts, as
  // in scan_line_tail.
  __m512i comma = _mm512_set1_epi8(','), quote = _mm512_set1_epi8('"'), t = _mm512_set1_epi8('t'),
          colon = _mm512_set1_epi8(':'), newline = _mm512_set1_epi8('\n');
  asm("" : "+v"(comma), "+v"(quote), "+v"(t), "+v"(colon), "+v"(newline));
  for (const char* p = begin; p < end; p += 64) {
    __builtin_prefetch(p + 2048);  // see scan_line_tail
    const ptrdiff_t left = end - p;
    __m512i v, next, after, colon_at;
    uint64_t valid;
    if (left >= 76) {
      valid = ~uint64_t{0};
      v = _mm512_loadu_si512(p);
      next = _mm512_loadu_si512(p + 1);
      after = _mm512_loadu_si512(p + 2);
      colon_at = _mm512_loadu_si512(p + 12);
    } else {
      valid = first_bytes(left);
      v = _mm512_maskz_loadu_epi8(valid, p);
      next = _mm512_maskz_loadu_epi8(first_bytes(left - 1), p + 1);
      after = _mm512_maskz_loadu_epi8(first_bytes(left - 2), p + 2);
      colon_at = _mm512_maskz_loadu_epi8(first_bytes(left - 12), p + 12);
    }
    uint64_t candidates = _mm512_mask_cmpeq_epi8_mask(valid, v, comma);
    candidates = _mm512_mask_cmpeq_epi8_mask(candidates, next, quote);
    candidates = _mm512_mask_cmpeq_epi8_mask(candidates, after, t);
    candidates = _mm512_mask_cmpeq_epi8_mask(candidates, colon_at, colon);
    const uint64_t newlines = _mm512_mask_cmpeq_epi8_mask(valid, v, newline);
    if (newlines != 0) candidates &= (newlines & (0 - newlines)) - 1;  // only before the '\n'
    for (; candidates != 0; candidates &= candidates - 1) {
      const char* at = p + __builtin_ctzll(candidates);
      if (at + kKey.size() <= end && std::string_view(at, kKey.size()) == kKey) return at;
    }
    if (newlines != 0) {
      line_end = p + __builtin_ctzll(newlines);
      return nullptr;
    }
  }
  return nullptr;
#elif defined(FIRECOUNT_V1_VECTORS)
  const Vec comma = splat(','), quote = splat('"'), t = splat('t'), colon = splat(':'),
            newline = splat('\n');
  for (const char* p = begin; p < end; p += kBlock) {
    if (((p - begin) & 63) == 0) __builtin_prefetch(p + 2048);  // see scan_line_tail
    const Vec v = load(p);
    uint32_t candidates = mask_of(both(both(eq(v, comma), eq(load(p + 1), quote)),
                                       both(eq(load(p + 2), t), eq(load(p + 12), colon))));
    uint32_t newlines = mask_of(eq(v, newline));
    if (end - p < kBlock) {
      const uint32_t valid = (uint32_t{1} << (end - p)) - 1;
      candidates &= valid;
      newlines &= valid;
    }
    if (newlines != 0) candidates &= (newlines & (0 - newlines)) - 1;  // only before the '\n'
    while (candidates != 0) {
      const char* at = p + __builtin_ctz(candidates);
      if (at + kKey.size() <= end && std::string_view(at, kKey.size()) == kKey) return at;
      candidates &= candidates - 1;
    }
    if (newlines != 0) {
      line_end = p + __builtin_ctz(newlines);
      return nullptr;
    }
  }
  return nullptr;
#else
  const void* nl = std::memchr(begin, '\n', static_cast<size_t>(end - begin));
  const char* const stop = nl ? static_cast<const char*>(nl) : end;
  const std::string_view haystack(begin, static_cast<size_t>(stop - begin));
  const size_t at = haystack.find(kKey);
  if (at != std::string_view::npos) return begin + at;
  line_end = static_cast<const char*>(nl);
  return nullptr;
#endif
}

// Bit i set where byte i of the 64 at p is `c` (with `c` < 0x80), or below 0x20 (`kControl`),
// or at least 0x80 (`kHigh`).
enum class ByteClass { kEq, kControl, kHigh };
template <ByteClass kClass>
uint64_t mask64(const char* p, [[maybe_unused]] char c = 0) {
  uint64_t mask = 0;
#if defined(FIRECOUNT_V1_VECTORS)
  for (int i = 0; i < 64; i += kBlock) {
    const Vec v = load(p + i);
    Vec hit;
    if constexpr (kClass == ByteClass::kEq) {
      hit = eq(v, splat(c));
    } else if constexpr (kClass == ByteClass::kControl) {
#if defined(__AVX2__)
      hit = eq(_mm256_min_epu8(v, splat(0x1F)), v);
#else
      hit = eq(_mm_min_epu8(v, splat(0x1F)), v);
#endif
    } else {
      hit = v;  // the sign bit
    }
    mask |= static_cast<uint64_t>(mask_of(hit)) << i;
  }
#else
  for (int i = 0; i < 64; ++i) {
    const auto b = static_cast<unsigned char>(p[i]);
    const bool hit = kClass == ByteClass::kEq        ? p[i] == c
                     : kClass == ByteClass::kControl ? b < 0x20
                                                     : b >= 0x80;
    mask |= static_cast<uint64_t>(hit) << i;
  }
#endif
  return mask;
}

// The bits of `backslash` (a 64-byte block's '\\' mask) that escape the next byte, as simdjson's
// stage 1 finds them: odd runs of backslashes. `carry` is set when the block's last byte escapes
// the first of the next.
uint64_t escaped_bytes(uint64_t backslash, uint64_t& carry) {
  backslash &= ~carry;
  const uint64_t follows_escape = backslash << 1 | carry;
  constexpr uint64_t kEvenBits = 0x5555555555555555ULL;
  const uint64_t odd_sequence_starts = backslash & ~kEvenBits & ~follows_escape;
  uint64_t sequences_starting_on_even_bits;
  carry = __builtin_add_overflow(odd_sequence_starts, backslash, &sequences_starting_on_even_bits);
  const uint64_t invert_mask = sequences_starting_on_even_bits << 1;
  return (kEvenBits ^ invert_mask) & follows_escape;
}

// What the shortcut needs to know of a status's bytes after its prefix, from `rest` to the end of
// the line, found in one pass with the end itself.
struct LineTail {
  const char* line_end = nullptr;  // the first '\n' from `rest`, else the buffer's end; nullptr
                                   // when the scan stopped early (bytes_ok false)
  bool bytes_ok = false;  // stage 1's byte checks: every string closed, no control character
                          // (but one "\r" right before `line_end`), valid UTF-8
  SpanScan span;          // brackets and keys, as scan_span() over [rest, line_end)
};

#if defined(__AVX512BW__)
// One pass from `rest` (outside any string, just after an ASCII byte) to the line's end, the
// first '\n' before `end`, 64 bytes a time into mask registers. Never reads at or past `end`:
// the blocks near it are loaded masked. The broadcasts are opaque, so they stay in registers
// across the rare call (see opaque_splat), and the common block makes seven compares: '\n' and
// '\r' are looked for only in a block that holds a control byte.
LineTail scan_line_tail(const char* const rest, const char* const end) {
  LineTail t;
  __m512i space = _mm512_set1_epi8(0x20), backslash_v = _mm512_set1_epi8('\\'),
          quote_v = _mm512_set1_epi8('"'), open_v = _mm512_set1_epi8('{'),
          close_v = _mm512_set1_epi8('}'), r_v = _mm512_set1_epi8('r'), e_v = _mm512_set1_epi8('e'),
          underscore_v = _mm512_set1_epi8('_');
  asm(""
      : "+v"(space), "+v"(backslash_v), "+v"(quote_v), "+v"(open_v), "+v"(close_v), "+v"(r_v),
        "+v"(e_v), "+v"(underscore_v));
  uint64_t high = 0, carry = 0;
  int64_t quotes = 0;
  int crs = 0;
  const char* cr_at = nullptr;
  const char* newline = nullptr;
  for (const char* p = rest; p < end; p += 64) {
    // The tail is the first touch of these bytes, fresh from memory; the hardware prefetcher
    // stops at page boundaries, and a status spans one or two pages.
    __builtin_prefetch(p + 2048);
    const ptrdiff_t left = end - p;
    __m512i v, next, at9, at10;
    uint64_t valid;
    if (left >= 74) {
      valid = ~uint64_t{0};
      v = _mm512_loadu_si512(p);
      next = _mm512_loadu_si512(p + 1);
      at9 = _mm512_loadu_si512(p + 9);
      at10 = _mm512_loadu_si512(p + 10);
    } else {
      valid = first_bytes(left);
      v = _mm512_maskz_loadu_epi8(valid, p);
      next = _mm512_maskz_loadu_epi8(first_bytes(left - 1), p + 1);
      at9 = _mm512_maskz_loadu_epi8(first_bytes(left - 9), p + 9);
      at10 = _mm512_maskz_loadu_epi8(first_bytes(left - 10), p + 10);
    }
    if (const uint64_t control = _mm512_cmplt_epu8_mask(v, space) & valid) {
      if (const uint64_t nl = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n')) & valid) {
        valid &= (nl & (0 - nl)) - 1;  // the bytes before the first '\n'
        newline = p + __builtin_ctzll(nl);
      }
      const uint64_t cr = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r')) & valid;
      if ((control & ~cr & valid) != 0) return t;  // a raw control character: to the walk
      if (cr != 0) {
        crs += __builtin_popcountll(cr);
        cr_at = p + 63 - __builtin_clzll(cr);
      }
    }
    high |= _mm512_movepi8_mask(v) & valid;
    const uint64_t quote = _mm512_cmpeq_epi8_mask(v, quote_v) & valid;
    const uint64_t escaped = escaped_bytes(_mm512_cmpeq_epi8_mask(v, backslash_v) & valid, carry);
    quotes += __builtin_popcountll(quote & ~escaped);
    const __m512i folded = _mm512_or_si512(v, space);
    const uint64_t open = _mm512_cmpeq_epi8_mask(folded, open_v) & valid;
    const uint64_t close = _mm512_cmpeq_epi8_mask(folded, close_v) & valid;
    // '"' then 'r' with '_' 10 bytes on ("retweeted_status"), or 'e' with '_' 9 bytes on
    // ("extended_tweet"): almost only the keys themselves. The brackets before one are counted
    // here, so no second pass is needed to tell a top-level key.
    const __mmask64 r = _mm512_mask_cmpeq_epi8_mask(quote, next, r_v);
    const __mmask64 e = _mm512_mask_cmpeq_epi8_mask(quote, next, e_v);
    for (uint64_t c = _mm512_mask_cmpeq_epi8_mask(r, at10, underscore_v) |
                      _mm512_mask_cmpeq_epi8_mask(e, at9, underscore_v);
         c != 0; c &= c - 1) {
      const uint64_t before = (c & (0 - c)) - 1;
      check_key_candidate(rest, p + __builtin_ctzll(c), end, t.span,
                          t.span.balance + __builtin_popcountll(open & before) -
                              __builtin_popcountll(close & before));
    }
    t.span.balance += __builtin_popcountll(open) - __builtin_popcountll(close);
    if (newline != nullptr) break;
  }
  t.line_end = newline != nullptr ? newline : end;
  t.bytes_ok = quotes % 2 == 0 && (crs == 0 || (crs == 1 && cr_at == t.line_end - 1)) &&
               (high == 0 || simdjson::validate_utf8(rest, static_cast<size_t>(t.line_end - rest)));
  return t;
}
#else
// The bytes of a 64-byte block, classified: bit i of each mask is byte i.
struct BlockMasks {
  uint64_t newline, cr, control, high, backslash, quote, open, close;
  // '"' then 'r' with '_' 10 bytes on ("retweeted_status"), or 'e' with '_' 9 bytes on
  // ("extended_tweet"): almost only the keys themselves.
  uint64_t key_candidates;
};

// Classifies the 64 bytes at p; reads up to 74 bytes from p.
BlockMasks classify_block(const char* p) {
  BlockMasks m;
#if defined(__AVX512BW__)
  const __m512i v = _mm512_loadu_si512(p);
  m.newline = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\n'));
  m.cr = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\r'));
  m.control = _mm512_cmplt_epu8_mask(v, _mm512_set1_epi8(0x20));
  m.high = _mm512_movepi8_mask(v);
  m.backslash = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('\\'));
  m.quote = _mm512_cmpeq_epi8_mask(v, _mm512_set1_epi8('"'));
  const __m512i folded = _mm512_or_si512(v, _mm512_set1_epi8(0x20));
  m.open = _mm512_cmpeq_epi8_mask(folded, _mm512_set1_epi8('{'));
  m.close = _mm512_cmpeq_epi8_mask(folded, _mm512_set1_epi8('}'));
  const __m512i next = _mm512_loadu_si512(p + 1);
  const __mmask64 r = _mm512_mask_cmpeq_epi8_mask(m.quote, next, _mm512_set1_epi8('r'));
  const __mmask64 e = _mm512_mask_cmpeq_epi8_mask(m.quote, next, _mm512_set1_epi8('e'));
  m.key_candidates =
      _mm512_mask_cmpeq_epi8_mask(r, _mm512_loadu_si512(p + 10), _mm512_set1_epi8('_')) |
      _mm512_mask_cmpeq_epi8_mask(e, _mm512_loadu_si512(p + 9), _mm512_set1_epi8('_'));
#else
  m.newline = mask64<ByteClass::kEq>(p, '\n');
  m.cr = mask64<ByteClass::kEq>(p, '\r');
  m.control = mask64<ByteClass::kControl>(p);
  m.high = mask64<ByteClass::kHigh>(p);
  m.backslash = mask64<ByteClass::kEq>(p, '\\');
  m.quote = mask64<ByteClass::kEq>(p, '"');
  m.open = mask64<ByteClass::kEq>(p, '{') | mask64<ByteClass::kEq>(p, '[');
  m.close = mask64<ByteClass::kEq>(p, '}') | mask64<ByteClass::kEq>(p, ']');
  m.key_candidates =
      m.quote & ((mask64<ByteClass::kEq>(p + 1, 'r') & mask64<ByteClass::kEq>(p + 10, '_')) |
                 (mask64<ByteClass::kEq>(p + 1, 'e') & mask64<ByteClass::kEq>(p + 9, '_')));
#endif
  return m;
}

// One pass from `rest` (outside any string, just after an ASCII byte) to the line's end, the
// first '\n' before `end`. Reads up to 74 bytes past a block's start; the last stretch, shorter
// than 80 bytes, is scanned from a copy padded with spaces, so no read goes past `end`.
LineTail scan_line_tail(const char* const rest, const char* const end) {
  LineTail t;
  const auto total = static_cast<size_t>(end - rest);
  alignas(64) char last[192];
  size_t copied_from = total;  // offset of last[0] once the last stretch is copied
  uint64_t high = 0, carry = 0;
  int quotes = 0, crs = 0;
  const char* cr_at = nullptr;
  const char* newline = nullptr;
  for (size_t off = 0; off < total; off += 64) {
    const size_t left = total - off;
    if (copied_from == total && left < 80) {
      std::memset(last, ' ', sizeof last);
      std::memcpy(last, rest + off, left);
      copied_from = off;
    }
    const char* const p = rest + off;
    // The tail is the first touch of these bytes, fresh from memory; the hardware prefetcher
    // stops at page boundaries, and a status spans one or two pages.
    __builtin_prefetch(p + 2048);
    const BlockMasks m = classify_block(copied_from == total ? p : last + (off - copied_from));
    uint64_t valid = left >= 64 ? ~uint64_t{0} : (uint64_t{1} << left) - 1;
    if (const uint64_t nl = m.newline & valid) {
      valid &= (nl & (0 - nl)) - 1;  // the bytes before the first '\n'
      newline = p + __builtin_ctzll(nl);
    }
    if ((m.control & ~m.cr & valid) != 0) return t;  // a raw control character: to the walk
    if (const uint64_t c = m.cr & valid) {
      crs += __builtin_popcountll(c);
      cr_at = p + 63 - __builtin_clzll(c);
    }
    high |= m.high & valid;
    const uint64_t escaped = escaped_bytes(m.backslash & valid, carry);
    quotes += __builtin_popcountll(m.quote & valid & ~escaped);
    t.span.balance += __builtin_popcountll(m.open & valid) - __builtin_popcountll(m.close & valid);
    for (uint64_t c = m.key_candidates & valid; c != 0; c &= c - 1) {
      check_key_candidate(rest, p + __builtin_ctzll(c), end, t.span);
    }
    if (newline != nullptr) break;
  }
  t.line_end = newline != nullptr ? newline : end;
  t.bytes_ok = quotes % 2 == 0 && (crs == 0 || (crs == 1 && cr_at == t.line_end - 1)) &&
               (high == 0 || simdjson::validate_utf8(rest, static_cast<size_t>(t.line_end - rest)));
  return t;
}

#endif

// try_stream_tail's checks on a LineTail: the line ends with the stream tail, and the bytes from
// `rest` to the tail open as many brackets as they close, hold at most one top-level
// `"retweeted_status"` and no top-level `"extended_tweet"`. (The scan counted the tail's own
// '}' too, and the tail, of fixed keys and values of [A-Za-z0-9-], holds no key candidate.)
//
// With `truncated` (the status said `truncated:true`), the bytes must instead hold exactly one
// top-level `"extended_tweet":{`, after a ',', and no `"retweeted_status"` at all.
bool line_tail_matches(const char* rest, const LineTail& t, bool truncated, Fields& f,
                       Record& out) {
  std::string_view lang, timestamp_ms;
  const char* tail = match_stream_tail(rest, t.line_end, lang, timestamp_ms);
  if (tail == nullptr) return false;
  if (tail != rest && *rest != ',') return false;
  const SpanScan& scan = t.span;
  if (scan.balance != -1 || scan.retweeted_count > 1) return false;
  if (truncated) {
    const char* key = scan.extended;
    if (scan.extended_count != 1 || scan.retweeted_count != 0 || key >= tail || key[-1] != ',' ||
        key[kExtendedTweetKey.size()] != ':' || key[kExtendedTweetKey.size() + 1] != '{') {
      return false;
    }
  } else if (scan.top_level_extended) {
    return false;
  }
  if (scan.retweeted_count == 1) {
    const char* key = scan.retweeted;
    if (key >= tail || key[-1] != ',' || key[kRetweetedStatusKey.size()] != ':' ||
        key[kRetweetedStatusKey.size() + 1] != '{' ||
        (scan.retweeted_balance != SpanScan::kUnknown ? scan.retweeted_balance
                                                      : bracket_balance(rest, key)) != 0) {
      return false;
    }
    out.is_retweet = true;
  }
  out.lang = lang;
  f.timestamp_ms = timestamp_ms;
  return true;
}

// The shortcut's first step, for the common case of a stream status with `truncated:false`:
// stage 1 and the walk over the line's prefix only, up to and including that value (closed with
// a '}' in a copy), instead of the whole line; the rest of the line gets one pass that finds its
// end and makes stage 1's byte checks and the tail checks (scan_line_tail, line_tail_matches).
// The prefix is not the line, so everything that goes other than planned (an error, a notice, a
// field the shortcut does not expect before `truncated`, the key found not being the walk's own
// top-level `truncated`, any check after it) sends the line to the full walk, which decides.
bool V1ExtractorImpl::try_stream_status(const char* const begin, const char* const end, Record& out,
                                        const char*& line_end) {
  const char* const key = find_truncated_key(begin, end, line_end);
  if (key == nullptr) return false;
  const char* const value = key + std::string_view(",\"truncated\":").size();
  const std::string_view after(value, static_cast<size_t>(std::min<ptrdiff_t>(end - value, 6)));
  const char* rest;
  if (after == "false,") {
    rest = value + 5;
  } else if (after.starts_with("true,")) {
    rest = value + 4;
  } else {
    return false;
  }
  // On-Demand takes a root object only if it ends with '}': the prefix is parsed from a copy
  // closed with one (a few hundred bytes, against stage 1 over the kilobytes after them).
  const auto prefix_size = static_cast<size_t>(rest - begin);
  if (prefix_.size() < prefix_size + 1 + simdjson::SIMDJSON_PADDING) {
    prefix_.resize(prefix_size + 1 + simdjson::SIMDJSON_PADDING);
  }
  std::memcpy(prefix_.data(), begin, prefix_size);
  prefix_[prefix_size] = '}';
  ondemand::document doc;
  ondemand::object object;
  if (internal::open_root_object(parser_, prefix_.data(), prefix_size + 1, prefix_.size(), doc,
                                 object)) {
    return false;
  }
  const char* const key_in_copy = prefix_.data() + (key - begin);
  Fields f;
  bool first = true;
  for (auto field_result : object) {
    ondemand::field field;
    if (std::move(field_result).get(field)) return false;
    std::string_view name;
    if (!plain_raw_key(field.key().raw(), name)) {
      if (field.unescaped_key().get(name)) return false;
    }
    if (first) {
      if (notice_kind(name) != MessageKind::kTweet) return false;
      first = false;
    }
    bool is_null = false;
    switch (classify_key(name)) {
      case TopKey::kOther:
        break;
      case TopKey::kText:
        if (!get_optional_string(field.value(), f.text, is_null)) return false;
        f.has_text = !is_null;
        break;
      case TopKey::kFullText:
        if (!get_optional_string(field.value(), f.full_text, is_null)) return false;
        f.has_full_text = !is_null;
        break;
      case TopKey::kIdStr:
        if (!get_optional_string(field.value(), out.id, is_null)) return false;
        break;
      case TopKey::kLang:
        if (!get_optional_string(field.value(), out.lang, is_null)) return false;
        break;
      case TopKey::kCreatedAt:
        if (!get_optional_string(field.value(), f.created_at, is_null)) return false;
        break;
      case TopKey::kTimestampMs:
        if (!get_optional_string(field.value(), f.timestamp_ms, is_null)) return false;
        break;
      case TopKey::kExtendedTweet:
      case TopKey::kRetweetedStatus:
        return false;
      case TopKey::kTruncated: {
        // Only the key found above, at the top level, as the prefix's last value.
        bool truncated = true;
        if (field.key().raw() != key_in_copy + 2 || field.value().get_bool().get(truncated) ||
            !(f.has_text || f.has_full_text)) {
          return false;
        }
        const LineTail t = scan_line_tail(rest, end);
        line_end = t.line_end;
        if (!t.bytes_ok || !line_tail_matches(rest, t, truncated, f, out)) return false;
        if (truncated && !read_extended_tweet(t.span.extended, t.line_end, f)) return false;
        return finish_tweet(f, out) == MessageKind::kTweet;
      }
    }
  }
  return false;
}

// For a `truncated:true` status that passed line_tail_matches: `key` is its one top-level
// `"extended_tweet"` (after a ',', before ':{') and `line_end` the line's '\n'. Stage 1 and the
// walk run over a copy of the line's last top-level fields from that key on, opened with '{'
// (valid JSON if the line is), and read only extended_tweet's `full_text`, as the full walk
// does (the last one wins; null or absent leaves the status's own text). The fields after it are
// the ones line_tail_matches checked, as for `truncated:false`; the ones between `truncated` and
// it (the user object, mostly) get what the full walk gives what it skips: stage 1's byte checks
// (made by scan_line_tail) and the bracket count.
bool V1ExtractorImpl::read_extended_tweet(const char* key, const char* line_end, Fields& f) {
  const auto n = static_cast<size_t>(line_end - key);
  if (suffix_.size() < n + 1 + simdjson::SIMDJSON_PADDING) {
    suffix_.resize(n + 1 + simdjson::SIMDJSON_PADDING);
  }
  suffix_[0] = '{';
  std::memcpy(suffix_.data() + 1, key, n);
  ondemand::document doc;
  ondemand::object object;
  if (internal::open_root_object(extended_parser_, suffix_.data(), n + 1, suffix_.size(), doc,
                                 object)) {
    return false;
  }
  for (auto field_result : object) {
    ondemand::field field;
    if (std::move(field_result).get(field)) return false;
    // The copy starts at the key line_tail_matches found: its raw bytes are `extended_tweet`.
    if (field.key().raw() != suffix_.data() + 2) return false;
    ondemand::object extended;
    if (field.value().get_object().get(extended)) return false;
    return read_full_text(extended, f);  // only the first field
  }
  return false;
}

MessageKind V1ExtractorImpl::extract(std::string_view line, size_t readable, Record& out) {
  const char* const end = line.data() + line.size();
  const char* line_end = nullptr;
  if (try_stream_status(line.data(), end, out, line_end) && line_end == end) {
    return MessageKind::kTweet;
  }
  out = Record{};
  return extract_declined(line, readable, out);
}

MessageKind V1ExtractorImpl::extract_declined(std::string_view line, size_t readable, Record& out) {
  ondemand::document doc;
  ondemand::object object;
  if (auto error =
          internal::open_root_object(parser_, line.data(), line.size(), readable, doc, object)) {
    return internal::kind_for_error(error);
  }

  Fields f;
  enum class Truncated : uint8_t { kUnknown, kFalse, kTrue } truncated = Truncated::kUnknown;
  bool first = true;
  MessageKind kind = MessageKind::kTweet;
  for (auto field_result : object) {
    ondemand::field field;
    if (auto error = std::move(field_result).get(field)) return internal::kind_for_error(error);
    std::string_view key;
    if (!plain_raw_key(field.key().raw(), key)) {
      if (auto error = field.unescaped_key().get(key)) return internal::kind_for_error(error);
    }
    if (first) {
      kind = notice_kind(key);
      first = false;
    }
    if (kind != MessageKind::kTweet) continue;  // a notice: the rest is only validated

    bool is_null = false;
    switch (classify_key(key)) {
      case TopKey::kOther:
        break;
      case TopKey::kText:
        if (!get_optional_string(field.value(), f.text, is_null)) return MessageKind::kMalformed;
        f.has_text = !is_null;
        break;
      case TopKey::kFullText:
        if (!get_optional_string(field.value(), f.full_text, is_null)) {
          return MessageKind::kMalformed;
        }
        f.has_full_text = !is_null;
        break;
      case TopKey::kExtendedTweet: {
        json_type type;
        if (field.value().type().get(type)) return MessageKind::kMalformed;
        if (type != json_type::object) break;
        ondemand::object extended;
        if (field.value().get_object().get(extended) || !read_full_text(extended, f)) {
          return MessageKind::kMalformed;
        }
        if (truncated == Truncated::kTrue && (f.has_text || f.has_full_text)) {
          const char* rest = nullptr;
          if (!doc.current_location().get(rest) && try_stream_tail(line, rest, f, out)) {
            return finish_tweet(f, out);
          }
        }
        break;
      }
      case TopKey::kIdStr:
        if (!get_optional_string(field.value(), out.id, is_null)) return MessageKind::kMalformed;
        break;
      case TopKey::kLang:
        if (!get_optional_string(field.value(), out.lang, is_null)) return MessageKind::kMalformed;
        break;
      case TopKey::kCreatedAt:
        if (!get_optional_string(field.value(), f.created_at, is_null)) {
          return MessageKind::kMalformed;
        }
        break;
      case TopKey::kTimestampMs:
        if (!get_optional_string(field.value(), f.timestamp_ms, is_null)) {
          return MessageKind::kMalformed;
        }
        break;
      case TopKey::kRetweetedStatus: {
        json_type type;
        if (field.value().type().get(type)) return MessageKind::kMalformed;
        out.is_retweet = type == json_type::object;
        break;
      }
      case TopKey::kTruncated: {
        // Only steers the shortcut; a value that is no boolean is skipped as before.
        bool value = false;
        truncated = Truncated::kUnknown;
        if (!field.value().get_bool().get(value)) {
          truncated = value ? Truncated::kTrue : Truncated::kFalse;
        }
        if (truncated == Truncated::kFalse && (f.has_text || f.has_full_text)) {
          const char* rest = nullptr;
          if (!doc.current_location().get(rest) && try_stream_tail(line, rest, f, out)) {
            return finish_tweet(f, out);
          }
        }
        break;
      }
    }
  }
  if (first) return MessageKind::kOther;  // {}
  // Trailing bytes after the object ("{...} x"): current_location() is in bounds.
  if (!doc.current_location().error()) return MessageKind::kMalformed;
  if (kind != MessageKind::kTweet) return kind;
  return finish_tweet(f, out);
}
