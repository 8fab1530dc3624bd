#include "core/words_tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <algorithm>
#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/ascii_words.h"
#include "core/text_islands.h"
#include "core/url_runs.h"
#include "core/utf8_to_utf16.h"

namespace firecount {
namespace {

constexpr UChar32 kFirstRegionalIndicator = 0x1F1E6;
constexpr UChar32 kLastRegionalIndicator = 0x1F1FF;
constexpr UChar32 kFirstPictographic = 0xA9;  // no Extended_Pictographic code point is below ©

// Writes code point c (not a surrogate) as UTF-8 at out; returns the end.
inline char* put_utf8(char* out, UChar32 c) {
  if (c < 0x80) {
    *out++ = static_cast<char>(c);
  } else if (c < 0x800) {
    *out++ = static_cast<char>(0xC0 | (c >> 6));
    *out++ = static_cast<char>(0x80 | (c & 0x3F));
  } else if (c < 0x10000) {
    *out++ = static_cast<char>(0xE0 | (c >> 12));
    *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (c & 0x3F));
  } else {
    *out++ = static_cast<char>(0xF0 | (c >> 18));
    *out++ = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
    *out++ = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    *out++ = static_cast<char>(0x80 | (c & 0x3F));
  }
  return out;
}

}  // namespace

absl::StatusOr<std::unique_ptr<WordsTokenizer>> WordsTokenizer::create(
    std::shared_ptr<const StopwordSet> stopwords, size_t memo_bytes) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    return absl::InternalError(absl::StrCat(
        "--tokenizer words: cannot load ICU's NFKC_Casefold data: ", u_errorName(status)));
  }
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status) || breaker == nullptr) {
    return absl::InternalError(absl::StrCat(
        "--tokenizer words: cannot load ICU's word break rules: ", u_errorName(status)));
  }
  // ICU 72's CJK dictionary engine (shared by the process) answers its first run differently
  // from every later one on some inputs ("\n ssfiー𠮷": "ー𠮷" first, then "ー" "𠮷"). One
  // throwaway run makes every record's tokens the steady-state ones, whichever comes first.
  const icu::UnicodeString warm_up(u"今日は");
  breaker->setText(warm_up);
  while (breaker->next() != icu::BreakIterator::DONE) {
  }
  return std::unique_ptr<WordsTokenizer>(
      new WordsTokenizer(std::move(stopwords), normalizer, std::move(breaker), memo_bytes));
}

WordsTokenizer::WordsTokenizer(std::shared_ptr<const StopwordSet> stopwords,
                               const icu::Normalizer2* normalizer,
                               std::unique_ptr<icu::BreakIterator> breaker, size_t memo_bytes)
    : stopwords_(std::move(stopwords)),
      normalizer_(normalizer),
      breaker_(std::move(breaker)),
      nfkc_(normalizer),
      memo_(memo_bytes),
      simple_words_(normalizer_),
      safe_start_bits_(kSafeStartLimit / 64),
      safe_start_block_ready_(kSafeStartLimit / 256) {}

bool WordsTokenizer::safe_start(const char* s, size_t p, size_t n) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s);
  const auto end = static_cast<int32_t>(std::min(n, p + 4));
  auto i = static_cast<int32_t>(p);
  UChar32 c;
  U8_NEXT(bytes, i, end, c);
  if (c < 0x80 || c >= kSafeStartLimit) return false;  // invalid UTF-8 or beyond the table
  const auto block = static_cast<size_t>(c >> 8);
  if (!safe_start_block_ready_[block]) {
    for (UChar32 d = c & ~0xFF; d < (c | 0xFF) + 1; ++d) {
      bool safe = normalizer_->hasBoundaryBefore(d) && !U_IS_SURROGATE(d);
      if (safe) {
        // An inert code point (most of them) normalizes to itself: no need to ask the normalizer.
        UChar32 first = d;
        if (!normalizer_->isInert(d)) {
          UErrorCode status = U_ZERO_ERROR;
          const icu::UnicodeString folded = normalizer_->normalize(icu::UnicodeString(d), status);
          safe = U_SUCCESS(status) && !folded.isEmpty();
          if (safe) first = folded.char32At(0);
        }
        if (safe) {
          switch (u_getIntPropertyValue(first, UCHAR_WORD_BREAK)) {
            case U_WB_EXTEND:
            case U_WB_FORMAT:
            case U_WB_ZWJ:
            case U_WB_WSEGSPACE:
            case U_WB_CR:
            case U_WB_LF:
            case U_WB_NEWLINE:
              safe = false;
              break;
            default:
              break;
          }
        }
      }
      if (safe) safe_start_bits_[static_cast<size_t>(d) / 64] |= uint64_t{1} << (d % 64);
    }
    safe_start_block_ready_[block] = true;
  }
  return (safe_start_bits_[static_cast<size_t>(c) / 64] >> (c % 64)) & 1;
}

void WordsTokenizer::tokenize(std::string_view text, TokenList& out) {
  // Pieces index ICU buffers with int32_t; a giant text (never a real record) keeps the plain path.
  constexpr size_t kMaxPiecedBytes = size_t{1} << 28;
  if (internal::find_non_ascii(text.data(), 0, text.size()) == text.size()) {
    ascii_words(text, stopwords_.get(), out);
  } else if (text.size() > kMaxPiecedBytes) {
    tokenize_with_icu(text, out);
  } else {
    tokenize_pieces(text, out);
  }
}

std::string_view WordsTokenizer::memo_key(std::string_view island) {
  // An island ends at a split point, so after ASCII White_Space, and the White_Space at the end of
  // a text adds no token and changes none before it: URL runs stop before it, NFKC_Casefold
  // leaves it alone and never composes it with what is before, UAX #29 breaks before it (no rule
  // joins a non-space character to White_Space after it; the look-ahead rules WB6, WB7b, WB11,
  // WB12 fail on White_Space as on the end of the text; a dictionary range ends before it either
  // way), and a White_Space segment is no word and holds no pictograph. So "日本 ", "日本\n" and
  // "日本  " share one entry (a third fewer ICU misses on the firehose).
  // MemoKeyDropsOnlyTokenlessWhiteSpace (tests/core/text_islands_test.cc) checks it.
  size_t size = island.size();
  while (size > 1 && internal::is_ascii_space_byte(static_cast<unsigned char>(island[size - 1]))) {
    --size;
  }
  return island.substr(0, size);
}

void WordsTokenizer::find_islands(std::string_view text, std::vector<internal::Island>& out) {
  auto safe = [this](const char* s, size_t p, size_t size) { return safe_start(s, p, size); };
  for (size_t pos = 0; pos < text.size();) {
    const internal::Island found = internal::next_island(text, pos, safe);
    if (found.begin == text.size()) break;
    out.push_back(found);
    pos = found.end;
  }
}

void WordsTokenizer::tokenize_pieces(std::string_view text, TokenList& out) {
  const size_t n = text.size();
  islands_.clear();
  island_spans_.clear();
  miss_limits_.clear();
  miss_stable_.clear();
  utf16_.remove();
  auto safe = [this](const char* s, size_t p, size_t size) { return safe_start(s, p, size); };
  bool remember = false;  // an island missed the memo
  for (size_t pos = 0; pos < n;) {
    const internal::Island found = internal::next_island(text, pos, safe);
    if (found.begin == n) break;
    pos = found.end;
    const std::string_view key = text.substr(found.begin, found.end - found.begin);
    island_spans_.push_back(found);
    IslandPiece& island = islands_.emplace_back();
    island.begin = found.begin;
    island.end = found.end;
    island.hash = WordsMemo::hash_of(memo_key(key));
    if (memo_.find(memo_key(key), island.hash, island.known)) {
      island.kind = IslandPiece::kHit;
      continue;
    }
    remember = true;
    if (simple_words_.covers(key)) {  // tokenized like an ASCII piece, below
      island.kind = IslandPiece::kSimple;
      continue;
    }
    island.kind = IslandPiece::kMiss;
    island.miss = miss_limits_.size();
    miss_stable_.push_back(append_without_urls(key));
    miss_limits_.push_back(utf16_.length());
  }

  // All missed islands in one ICU pass. Their boundaries are split points, so normalizing them
  // one by one and segmenting the concatenation gives each island's own tokens.
  icu_bytes_.clear();
  icu_ends_.clear();
  miss_token_end_.clear();
  if (!miss_limits_.empty()) {
    if (normalize_misses()) {
      segment_normalized(miss_limits_.data(), miss_limits_.size());
    } else {  // only on out-of-memory
      miss_token_end_.assign(miss_limits_.size(), 0);
    }
  }

  // The ASCII pieces between the islands and the islands, in order.
  ascii_words_around(
      text, island_spans_.data(), island_spans_.size(), stopwords_.get(), out, [&](size_t k) {
        IslandPiece& island = islands_[k];
        switch (island.kind) {
          case IslandPiece::kHit:
            out.add_copies_padded(island.known.bytes.data(), island.known.ends, island.known.count);
            break;
          case IslandPiece::kSimple:
            island.first_token = out.size();
            simple_words_.words(text.substr(island.begin, island.end - island.begin),
                                stopwords_.get(), out);
            island.last_token = out.size();
            break;
          case IslandPiece::kMiss: {
            size_t t = island.miss == 0 ? 0 : miss_token_end_[island.miss - 1];
            size_t from = t == 0 ? 0 : icu_ends_[t - 1];
            for (; t < miss_token_end_[island.miss]; ++t) {
              out.add_copy(std::string_view(icu_bytes_).substr(from, icu_ends_[t] - from));
              from = icu_ends_[t];
            }
            break;
          }
        }
      });

  // Remember the misses (after emitting: an insert may flush the entries hits point into).
  if (!remember) return;
  for (const IslandPiece& island : islands_) {
    const std::string_view key = memo_key(text.substr(island.begin, island.end - island.begin));
    if (island.kind == IslandPiece::kSimple) {
      const std::vector<std::string_view>& tokens = out.tokens();
      simple_bytes_.clear();
      rebased_ends_.clear();
      for (size_t t = island.first_token; t < island.last_token; ++t) {
        simple_bytes_.append(tokens[t]);
        rebased_ends_.push_back(static_cast<uint32_t>(simple_bytes_.size()));
      }
      memo_.insert(key, island.hash, simple_bytes_, rebased_ends_.data(), rebased_ends_.size());
      continue;
    }
    if (island.kind != IslandPiece::kMiss) continue;
    const size_t first = island.miss == 0 ? 0 : miss_token_end_[island.miss - 1];
    const size_t last = miss_token_end_[island.miss];
    const uint32_t base = first == 0 ? 0 : icu_ends_[first - 1];
    const uint32_t stop = last == 0 ? 0 : icu_ends_[last - 1];
    rebased_ends_.clear();
    for (size_t t = first; t < last; ++t) rebased_ends_.push_back(icu_ends_[t] - base);
    memo_.insert(key, island.hash, std::string_view(icu_bytes_).substr(base, stop - base),
                 rebased_ends_.data(), rebased_ends_.size());
  }
}

bool WordsTokenizer::normalize_misses() {
  normalized_.remove();
  UErrorCode status = U_ZERO_ERROR;
  int32_t begin = 0;
  for (size_t k = 0; k < miss_limits_.size(); ++k) {
    int32_t& limit = miss_limits_[k];
    if (miss_stable_[k]) {
      // Normalized already, and there is a normalization boundary before an island: a copy is
      // what normalizeSecondAndAppend would append.
      normalized_.append(utf16_, begin, limit - begin);
    } else {
      append_normalized(begin, limit, status);
    }
    begin = limit;
    limit = normalized_.length();
  }
  return U_SUCCESS(status) && !normalized_.isBogus();
}

void WordsTokenizer::append_normalized(int32_t begin, int32_t limit, UErrorCode& status) {
  // normalized_ stays the normalization of utf16_ up to i. Stable code points (nfkc_table.h) are
  // copied; an unstable one with a simple mapping is mapped when the code point after it (if any)
  // has a normalization boundary before it too; any other unstable stretch, up to the next stable
  // code point, goes through normalizeSecondAndAppend (which also joins it to what is before it,
  // as a combining mark may join the stable code point before it). Copies and mappings are
  // written straight into normalized_'s buffer (room for the longest mapping per unit), which is
  // released around each ICU call.
  const char16_t* s = utf16_.getBuffer();
  int32_t n = normalized_.length();
  char16_t* out = normalized_.getBuffer(n + (limit - begin) * NfkcTable::kMaxMapping);
  for (int32_t i = begin; i < limit;) {
    const int32_t at = i;
    UChar32 c;
    U16_NEXT(s, i, limit, c);
    if (nfkc_.stable(c)) {
      out[n++] = s[at];
      if (i - at == 2) out[n++] = s[at + 1];
      continue;
    }
    if (const NfkcTable::Mapping* found = nfkc_.mapping(c); found != nullptr) {
      const NfkcTable::Mapping m = *found;
      bool alone = i == limit;
      if (!alone) {
        int32_t j = i;
        UChar32 d;
        U16_NEXT(s, j, limit, d);
        alone = nfkc_.stable(d) || nfkc_.mapping(d) != nullptr;
      }
      if (alone) {
        for (int32_t u = 0; u < m.length; ++u) out[n++] = m.units[u];
        continue;
      }
    }
    int32_t end = i;
    while (end < limit) {
      int32_t next = end;
      U16_NEXT(s, next, limit, c);
      if (nfkc_.stable(c)) break;
      end = next;
    }
    normalized_.releaseBuffer(n);
    normalizer_->normalizeSecondAndAppend(normalized_, utf16_.tempSubStringBetween(at, end),
                                          status);
    n = normalized_.length();
    out = normalized_.getBuffer(n + (limit - end) * NfkcTable::kMaxMapping);
    if (out == nullptr) return;  // out of memory: normalized_ is bogus
    i = end;
  }
  normalized_.releaseBuffer(n);
}

bool WordsTokenizer::append_without_urls(std::string_view text) {
  // ICU indexes with int32_t; a record is far smaller, but never overflow on a giant one.
  const int32_t old_length = utf16_.length();
  const size_t max_bytes =
      static_cast<size_t>(std::numeric_limits<int32_t>::max() - 1 - old_length);
  if (text.size() > max_bytes) text = text.substr(0, max_bytes);
  const auto capacity = static_cast<int32_t>(text.size() + 1);  // UTF-16 never needs more units
  char16_t* buf = utf16_.getBuffer(old_length + capacity);
  char16_t* dest = buf + old_length;
  // Stable code points are the rule in tweets, so one AND per code point beats a branch.
  bool stable = true;
  const size_t n = internal::utf8_to_utf16(text.data(), text.size(), dest,
                                           [&](UChar32 c) { stable &= nfkc_.stable(c); });

  // Compact in place, dropping every URL run. What is left of a stable text is stable.
  size_t kept = 0;
  size_t pos = 0;
  while (pos < n) {
    const size_t url = internal::find_url_start(dest, n, pos);
    if (kept != pos) std::char_traits<char16_t>::move(dest + kept, dest + pos, url - pos);
    kept += url - pos;
    if (url == n) break;
    pos = internal::url_run_end(dest, n, url, [](char16_t c) { return u_isUWhiteSpace(c) != 0; });
  }
  utf16_.releaseBuffer(old_length + static_cast<int32_t>(kept));
  return stable;
}

void WordsTokenizer::tokenize_with_icu(std::string_view text, TokenList& out) {
  utf16_.remove();
  append_without_urls(text);
  icu_bytes_.clear();
  icu_ends_.clear();
  miss_token_end_.clear();
  UErrorCode status = U_ZERO_ERROR;
  normalizer_->normalize(utf16_, normalized_, status);
  if (U_FAILURE(status)) return;  // only on out-of-memory
  const int32_t limit = normalized_.length();
  segment_normalized(&limit, 1);
  size_t from = 0;
  for (uint32_t end : icu_ends_) {
    out.add_copy(std::string_view(icu_bytes_).substr(from, end - from));
    from = end;
  }
}

void WordsTokenizer::segment_normalized(const int32_t* limits, size_t count) {
  // Tokens are disjoint pieces of normalized_ (a hashtag's "#" is in no other token), and a UTF-16
  // unit never takes more than 3 UTF-8 bytes: room for every token, written without checks.
  icu_size_ = icu_bytes_.size();
  icu_bytes_.resize(icu_size_ + 3 * static_cast<size_t>(normalized_.length()));
  breaker_->setText(normalized_);
  size_t k = 0;
  bool last_is_word = false;         // the previous segment is a word
  bool last_is_hash = false;         // the previous segment is exactly "#"
  bool before_hash_is_word = false;  // the segment before that "#" is a word
  int32_t start = breaker_->first();
  for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker_->next()) {
    while (k < count && start >= limits[k]) {
      miss_token_end_.push_back(icu_ends_.size());
      ++k;
    }
    const bool is_word = breaker_->getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
    if (is_word) {
      const bool hashtag = last_is_hash && !before_hash_is_word;
      emit(hashtag ? start - 1 : start, end);
    } else {
      emit_pictographs(start, end);
    }
    before_hash_is_word = last_is_word;
    last_is_hash = !is_word && end - start == 1 && normalized_.charAt(start) == u'#';
    last_is_word = is_word;
  }
  for (; k < count; ++k) miss_token_end_.push_back(icu_ends_.size());
  icu_bytes_.resize(icu_size_);
}

void WordsTokenizer::keep(size_t from) {
  if (stopwords_ != nullptr &&
      stopwords_->contains(std::string_view(icu_bytes_).substr(from, icu_size_ - from))) {
    icu_size_ = from;
    return;
  }
  icu_ends_.push_back(static_cast<uint32_t>(icu_size_));
}

void WordsTokenizer::emit(int32_t begin, int32_t end) {
  // normalized_ is well-formed UTF-16 (ICU's normalizer or utf8_to_utf16 wrote it).
  const char16_t* s = normalized_.getBuffer();
  const size_t from = icu_size_;
  char* out = icu_bytes_.data() + from;
  for (int32_t i = begin; i < end;) {
    const char16_t u = s[i++];
    if (u < 0x80) {
      *out++ = static_cast<char>(u);
    } else if (!U16_IS_LEAD(u)) {
      out = put_utf8(out, u);
    } else {
      out = put_utf8(out, U16_GET_SUPPLEMENTARY(u, s[i]));
      ++i;
    }
  }
  icu_size_ = static_cast<size_t>(out - icu_bytes_.data());
  keep(from);
}

void WordsTokenizer::emit_pictographs(int32_t begin, int32_t end) {
  const char16_t* s = normalized_.getBuffer();
  UChar32 pending_flag_half = U_SENTINEL;
  for (int32_t i = begin; i < end;) {
    UChar32 c;
    U16_NEXT(s, i, end, c);
    if (c < kFirstPictographic) continue;
    const size_t from = icu_size_;
    char* out = icu_bytes_.data() + from;
    if (c >= kFirstRegionalIndicator && c <= kLastRegionalIndicator) {
      if (pending_flag_half == U_SENTINEL) {
        pending_flag_half = c;
        continue;
      }
      out = put_utf8(put_utf8(out, pending_flag_half), c);
      pending_flag_half = U_SENTINEL;
    } else if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) {
      out = put_utf8(out, c);
    } else {
      continue;
    }
    icu_size_ = static_cast<size_t>(out - icu_bytes_.data());
    keep(from);
  }
}

}  // namespace firecount
