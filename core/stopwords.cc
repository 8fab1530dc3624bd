#include "core/stopwords.h"

#include <unicode/bytestream.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace firecount {
namespace {

// NLTK's English list plus stream noise: "rt" (retweet prefix), "amp" ("&amp;" in v1.1 texts),
// "via".
constexpr std::string_view kEnglish =
    "i\nme\nmy\nmyself\nwe\nour\nours\nourselves\nyou\nyou're\nyou've\nyou'll\nyou'd\nyour\n"
    "yours\nyourself\nyourselves\nhe\nhim\nhis\nhimself\nshe\nshe's\nher\nhers\nherself\nit\n"
    "it's\nits\nitself\nthey\nthem\ntheir\ntheirs\nthemselves\nwhat\nwhich\nwho\nwhom\nthis\n"
    "that\nthat'll\nthese\nthose\nam\nis\nare\nwas\nwere\nbe\nbeen\nbeing\nhave\nhas\nhad\n"
    "having\ndo\ndoes\ndid\ndoing\na\nan\nthe\nand\nbut\nif\nor\nbecause\nas\nuntil\nwhile\nof\n"
    "at\nby\nfor\nwith\nabout\nagainst\nbetween\ninto\nthrough\nduring\nbefore\nafter\nabove\n"
    "below\nto\nfrom\nup\ndown\nin\nout\non\noff\nover\nunder\nagain\nfurther\nthen\nonce\nhere\n"
    "there\nwhen\nwhere\nwhy\nhow\nall\nany\nboth\neach\nfew\nmore\nmost\nother\nsome\nsuch\nno\n"
    "nor\nnot\nonly\nown\nsame\nso\nthan\ntoo\nvery\ns\nt\ncan\nwill\njust\ndon\ndon't\nshould\n"
    "should've\nnow\nd\nll\nm\no\nre\nve\ny\nain\naren\naren't\ncouldn\ncouldn't\ndidn\ndidn't\n"
    "doesn\ndoesn't\nhadn\nhadn't\nhasn\nhasn't\nhaven\nhaven't\nisn\nisn't\nma\nmightn\n"
    "mightn't\nmustn\nmustn't\nneedn\nneedn't\nshan\nshan't\nshouldn\nshouldn't\nwasn\nwasn't\n"
    "weren\nweren't\nwon\nwon't\nwouldn\nwouldn't\n"
    "rt\namp\nvia\n";

constexpr std::string_view kApostrophe = "'";
constexpr std::string_view kRightQuote = "\u2019";  // what phones type for "'"

// Strips White_Space from both ends of a valid UTF-8 line.
std::string_view trim_white_space(std::string_view line) {
  const auto* s = reinterpret_cast<const uint8_t*>(line.data());
  int32_t begin = 0;
  int32_t end = static_cast<int32_t>(line.size());
  while (begin < end) {
    int32_t next = begin;
    UChar32 c;
    U8_NEXT(s, next, end, c);
    if (!u_isUWhiteSpace(c)) break;
    begin = next;
  }
  while (end > begin) {
    int32_t prev = end;
    UChar32 c;
    U8_PREV(s, begin, prev, c);
    if (!u_isUWhiteSpace(c)) break;
    end = prev;
  }
  return line.substr(static_cast<size_t>(begin), static_cast<size_t>(end - begin));
}

bool is_valid_utf8(std::string_view text) {
  const auto* s = reinterpret_cast<const uint8_t*>(text.data());
  const auto n = static_cast<int32_t>(text.size());
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U8_NEXT(s, i, n, c);
    if (c < 0) return false;
  }
  return true;
}

absl::StatusOr<std::shared_ptr<const StopwordSet>> parse_stopwords(std::string_view contents,
                                                                   bool add_curly_apostrophes) {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* normalizer = icu::Normalizer2::getNFKCCasefoldInstance(status);
  if (U_FAILURE(status)) {
    return absl::InternalError(
        absl::StrCat("stop words: cannot load ICU's NFKC_Casefold data: ", u_errorName(status)));
  }
  absl::flat_hash_set<std::string> words;
  size_t line_number = 0;
  while (!contents.empty()) {
    ++line_number;
    const size_t eol = contents.find('\n');
    std::string_view line = contents.substr(0, eol);
    contents = eol == std::string_view::npos ? std::string_view() : contents.substr(eol + 1);
    if (!is_valid_utf8(line)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "stop words: line ", line_number, " is not valid UTF-8; save the file as UTF-8"));
    }
    line = trim_white_space(line);
    if (line.empty()) continue;
    std::string word;
    icu::StringByteSink<std::string> sink(&word);
    normalizer->normalizeUTF8(0, icu::StringPiece(line.data(), static_cast<int32_t>(line.size())),
                              sink, nullptr, status);
    if (U_FAILURE(status)) {
      return absl::InternalError(absl::StrCat("stop words: normalizing line ", line_number,
                                              " failed: ", u_errorName(status)));
    }
    if (word.empty()) continue;  // only default-ignorable characters
    if (add_curly_apostrophes && word.find(kApostrophe) != std::string::npos) {
      std::string curly = word;
      for (size_t at = curly.find(kApostrophe); at != std::string::npos;
           at = curly.find(kApostrophe, at + kRightQuote.size())) {
        curly.replace(at, kApostrophe.size(), kRightQuote);
      }
      words.insert(std::move(curly));
    }
    words.insert(std::move(word));
  }
  if (words.empty()) {
    return absl::InvalidArgumentError("stop words: the list holds no word; put one word per line");
  }
  return std::make_shared<const StopwordSet>(std::move(words));
}

}  // namespace

absl::StatusOr<std::shared_ptr<const StopwordSet>> make_english_stopword_set() {
  return parse_stopwords(kEnglish, /*add_curly_apostrophes=*/true);
}

absl::StatusOr<std::shared_ptr<const StopwordSet>> make_stopword_set(std::string_view contents) {
  return parse_stopwords(contents, /*add_curly_apostrophes=*/false);
}

}  // namespace firecount
