#include "core/words_tokenizer.h"

#include <unicode/uchar.h>
#include <unicode/ustring.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

#include <limits>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"
#include "core/ascii_words.h"
#include "core/url_runs.h"

namespace firecount {
namespace {

constexpr UChar32 kFirstRegionalIndicator = 0x1F1E6;
constexpr UChar32 kLastRegionalIndicator = 0x1F1FF;
constexpr UChar32 kFirstPictographic = 0xA9;  // no Extended_Pictographic code point is below ©

void append_utf8(std::string& out, UChar32 c) {
  char buf[U8_MAX_LENGTH];
  int32_t n = 0;
  U8_APPEND_UNSAFE(buf, n, c);
  out.append(buf, static_cast<size_t>(n));
}

}  // namespace

absl::StatusOr<std::unique_ptr<WordsTokenizer>> WordsTokenizer::create(
    std::shared_ptr<const StopwordSet> stopwords) {
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
  return std::unique_ptr<WordsTokenizer>(
      new WordsTokenizer(std::move(stopwords), normalizer, std::move(breaker)));
}

WordsTokenizer::WordsTokenizer(std::shared_ptr<const StopwordSet> stopwords,
                               const icu::Normalizer2* normalizer,
                               std::unique_ptr<icu::BreakIterator> breaker)
    : stopwords_(std::move(stopwords)), normalizer_(normalizer), breaker_(std::move(breaker)) {}

void WordsTokenizer::tokenize(std::string_view text, TokenList& out) {
  if (is_ascii(text)) {
    ascii_words(text, stopwords_.get(), scratch_, out);
  } else {
    tokenize_with_icu(text, out);
  }
}

void WordsTokenizer::load_without_urls(std::string_view text) {
  // ICU indexes with int32_t; a record is far smaller, but never overflow on a giant one.
  constexpr size_t kMaxBytes = std::numeric_limits<int32_t>::max() - 1;
  if (text.size() > kMaxBytes) text = text.substr(0, kMaxBytes);
  const auto capacity = static_cast<int32_t>(text.size() + 1);  // UTF-16 never needs more units
  char16_t* buf = utf16_.getBuffer(capacity);
  int32_t length = 0;
  UErrorCode status = U_ZERO_ERROR;
  u_strFromUTF8WithSub(buf, capacity, &length, text.data(), static_cast<int32_t>(text.size()),
                       0xFFFD, nullptr, &status);
  if (U_FAILURE(status)) length = 0;

  // Compact in place, dropping every URL run.
  const auto n = static_cast<size_t>(length);
  size_t kept = 0;
  size_t pos = 0;
  while (pos < n) {
    const size_t url = internal::find_url_start(buf, n, pos);
    if (kept != pos) std::char_traits<char16_t>::move(buf + kept, buf + pos, url - pos);
    kept += url - pos;
    if (url == n) break;
    pos = internal::url_run_end(buf, n, url, [](char16_t c) { return u_isUWhiteSpace(c) != 0; });
  }
  utf16_.releaseBuffer(static_cast<int32_t>(kept));
}

void WordsTokenizer::tokenize_with_icu(std::string_view text, TokenList& out) {
  load_without_urls(text);
  UErrorCode status = U_ZERO_ERROR;
  normalizer_->normalize(utf16_, normalized_, status);
  if (U_FAILURE(status)) return;  // only on out-of-memory
  breaker_->setText(normalized_);

  bool last_is_word = false;         // the previous segment is a word
  bool last_is_hash = false;         // the previous segment is exactly "#"
  bool before_hash_is_word = false;  // the segment before that "#" is a word
  int32_t start = breaker_->first();
  for (int32_t end = breaker_->next(); end != icu::BreakIterator::DONE;
       start = end, end = breaker_->next()) {
    const bool is_word = breaker_->getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
    if (is_word) {
      const bool hashtag = last_is_hash && !before_hash_is_word;
      emit(hashtag ? start - 1 : start, end, out);
    } else {
      emit_pictographs(start, end, out);
    }
    before_hash_is_word = last_is_word;
    last_is_hash = !is_word && end - start == 1 && normalized_.charAt(start) == u'#';
    last_is_word = is_word;
  }
}

void WordsTokenizer::emit(int32_t begin, int32_t end, TokenList& out) {
  const char16_t* s = normalized_.getBuffer();
  scratch_.resize(static_cast<size_t>(end - begin) * 3);  // 3 UTF-8 bytes per UTF-16 unit at most
  int32_t n = 0;
  for (int32_t i = begin; i < end;) {
    UChar32 c;
    U16_NEXT_UNSAFE(s, i, c);
    U8_APPEND_UNSAFE(scratch_.data(), n, c);
  }
  scratch_.resize(static_cast<size_t>(n));
  if (stopwords_ == nullptr || !stopwords_->contains(scratch_)) out.add_copy(scratch_);
}

void WordsTokenizer::emit_pictographs(int32_t begin, int32_t end, TokenList& out) {
  const char16_t* s = normalized_.getBuffer();
  UChar32 pending_flag_half = U_SENTINEL;
  for (int32_t i = begin; i < end;) {
    UChar32 c;
    U16_NEXT(s, i, end, c);
    if (c < kFirstPictographic) continue;
    if (c >= kFirstRegionalIndicator && c <= kLastRegionalIndicator) {
      if (pending_flag_half == U_SENTINEL) {
        pending_flag_half = c;
        continue;
      }
      scratch_.clear();
      append_utf8(scratch_, pending_flag_half);
      append_utf8(scratch_, c);
      pending_flag_half = U_SENTINEL;
    } else if (u_hasBinaryProperty(c, UCHAR_EXTENDED_PICTOGRAPHIC)) {
      scratch_.clear();
      append_utf8(scratch_, c);
    } else {
      continue;
    }
    if (stopwords_ == nullptr || !stopwords_->contains(scratch_)) out.add_copy(scratch_);
  }
}

}  // namespace firecount
