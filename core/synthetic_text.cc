#include "core/synthetic_text.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <string_view>

#include "absl/container/flat_hash_set.h"
#include "core/tweet_time.h"

namespace firecount::internal {
namespace {

// The most frequent words, in rough order, across the languages the stream carries most.
constexpr std::string_view kCommonWords[] = {
    "the",      "to",    "a",   "I",     "de",   "and",    "you",    "of",    "que",
    "in",       "is",    "la",  "for",   "my",   "el",     "on",     "it",    "me",
    "this",     "en",    "y",   "be",    "with", "that",   "so",     "&amp;", "no",
    "just",     "-",     "at",  "your",  "all",  "have",   "not",    "are",   "we",
    "like",     "los",   "es",  "😂",     "love", "do",     "se",     "was",   "por",
    "what",     "un",    "if",  "but",   "can",  "get",    "when",   "lo",    "they",
    "now",      "up",    "mi",  "don't", "con",  "te",     "out",    "one",   "🤣",
    "people",   "know",  "não", "é",     "eu",   "você",   "uma",    "muito", "le",
    "et",       "les",   "est", "à",     "pour", "pas",    "❤️", "😍",     "🔥",
    "😭",        "🙏",     "の",  "に",    "は",   "を",     "です",   "ー",    "ありがとう",
    "今日",     "the",   "THE", "The",   "I'm",  "it's",   "new",    "good",  "day",
    "time",     "today", "via", "2018",  "para", "pero",   "como",   "más",   "qué",
    "ça",       "über",  "für", "und",   "die",  "der",    "в",      "и",     "не",
    "на",       "我",    "的",  "是",    "한국", "사랑해", "#BTS",   "#MAGA", "#NowPlaying",
    "@BTS_twt", "Trump", "!",   "?",     "...",  "…",      "😊",      "👍",     "✨",
    "💕",        "😘",     "👏",   "🎉",     "💯"};

constexpr std::string_view kSyllables[] = {
    "ba", "be", "bi", "bo", "bu", "ca", "ce", "co", "da",  "de", "di",  "do",  "du", "fa", "fe",
    "fi", "fo", "ga", "ge", "go", "ha", "he", "hi", "ho",  "ja", "jo",  "ka",  "ke", "ki", "ko",
    "la", "le", "li", "lo", "lu", "ma", "me", "mi", "mo",  "mu", "na",  "ne",  "ni", "no", "nu",
    "pa", "pe", "pi", "po", "ra", "re", "ri", "ro", "ru",  "sa", "se",  "si",  "so", "su", "ta",
    "te", "ti", "to", "tu", "va", "ve", "vi", "wa", "we",  "ya", "yo",  "za",  "ch", "sh", "th",
    "st", "tr", "ng", "er", "in", "on", "an", "ly", "ing", "ed", "ous", "ist", "x",  "k",  "y"};

constexpr std::string_view kAccentedSyllables[] = {
    "á", "é",   "í",   "ó",  "ú",  "ã",  "õ",  "ç",  "ñ",  "ü",  "ö",  "ä",  "ê",  "è",  "à", "ß",
    "ø", "ção", "ões", "ñe", "ré", "lé", "tü", "gö", "mä", "ví", "nã", "zé", "dò", "cœ", "ł", "ś"};

constexpr char32_t kEmoji[] = {0x1F602, 0x1F923, 0x1F60D, 0x1F525, 0x1F62D, 0x1F64F, 0x1F60A,
                               0x1F44D, 0x1F495, 0x1F618, 0x1F44F, 0x1F389, 0x1F4AF, 0x1F914,
                               0x1F60E, 0x1F643, 0x1F97A, 0x1F440, 0x1F680, 0x1F308, 0x1F1EF,
                               0x1F1F5, 0x1F3B6, 0x1F4F8, 0x1F9E1, 0x1F49C, 0x2728,  0x2764,
                               0x263A,  0x2600,  0x26BD,  0x2B50,  0x270C,  0x2615};

constexpr std::string_view kPunctuation[] = {",", ".", "!",  "?", "!!", "...",
                                             ":", ";", "!?", "…", "。", "！"};

constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

std::string latin_word(Rng& rng, size_t min_syllables, size_t max_syllables) {
  std::string word;
  const size_t n = rng.between(min_syllables, max_syllables);
  for (size_t i = 0; i < n; ++i) word += kSyllables[rng.below(std::size(kSyllables))];
  return word;
}

std::string accented_word(Rng& rng) {
  std::string word;
  const size_t n = rng.between(2, 4);
  const size_t accent_at = rng.below(n);
  for (size_t i = 0; i < n; ++i) {
    word += i == accent_at ? kAccentedSyllables[rng.below(std::size(kAccentedSyllables))]
                           : kSyllables[rng.below(std::size(kSyllables))];
  }
  return word;
}

std::string ranged_word(Rng& rng, char32_t first, char32_t last, size_t min_len, size_t max_len) {
  std::string word;
  const size_t n = rng.between(min_len, max_len);
  for (size_t i = 0; i < n; ++i)
    append_utf8(word, first + static_cast<char32_t>(rng.below(last - first + 1)));
  return word;
}

std::string cjk_word(Rng& rng) {
  std::string word;
  const size_t n = rng.between(2, 6);
  for (size_t i = 0; i < n; ++i) {
    switch (rng.below(3)) {
      case 0:
        append_utf8(word, 0x3041 + static_cast<char32_t>(rng.below(0x53)));
        break;  // hiragana
      case 1:
        append_utf8(word, 0x30A1 + static_cast<char32_t>(rng.below(0x56)));
        break;  // katakana
      default:
        append_utf8(word, 0x4E00 + static_cast<char32_t>(rng.below(0x51A5)));
        break;  // kanji
    }
  }
  return word;
}

std::string emoji_word(Rng& rng) {
  std::string word;
  const size_t n = rng.between(1, 3);
  for (size_t i = 0; i < n; ++i) {
    const char32_t cp = kEmoji[rng.below(std::size(kEmoji))];
    append_utf8(word, cp);
    if (cp < 0x10000 && rng.chance(500)) append_utf8(word, 0xFE0F);  // variation selector
  }
  return word;
}

// Upper-cases the first byte if it is an ASCII lower-case letter.
void capitalize(std::string& word) {
  char* first = word.data();
  if (*first >= 'a' && *first <= 'z') *first = static_cast<char>(*first - 32);
}

std::string decorated_latin(Rng& rng) {
  std::string word = latin_word(rng, 1, 4);
  const uint64_t shape = rng.below(1000);
  if (shape < 120) {
    capitalize(word);
  } else if (shape < 160) {
    for (char& c : word) c = static_cast<char>(c >= 'a' && c <= 'z' ? c - 32 : c);
  } else if (shape < 260) {
    word += kPunctuation[rng.below(std::size(kPunctuation))];
  } else if (shape < 270) {
    word.insert(word.begin(), '"');
    word += '"';
  } else if (shape < 280) {
    word.insert(word.begin(), '(');
    word += ')';
  } else if (shape < 290) {
    word += "'s";
  }
  return word;
}

std::string hashtag(Rng& rng) {
  if (rng.chance(150)) return cjk_word(rng).insert(0, 1, '#');
  std::string tag = "#";
  const size_t parts = rng.between(1, 3);
  for (size_t i = 0; i < parts; ++i) {
    std::string part = latin_word(rng, 1, 3);
    capitalize(part);
    tag += part;
  }
  if (rng.chance(150)) tag += std::to_string(2010 + rng.below(10));
  return tag;
}

std::string mention(Rng& rng) {
  std::string handle = latin_word(rng, 1, 3);
  if (rng.chance(200)) capitalize(handle);
  if (rng.chance(300)) handle += '_';
  if (rng.chance(400)) handle += std::to_string(rng.below(10000));
  if (rng.chance(100)) handle += ':';
  handle.insert(handle.begin(), '@');
  return handle;
}

std::string tco_url(Rng& rng) {
  std::string url = "https://t.co/";
  for (int i = 0; i < 10; ++i) url += kBase62[rng.below(kBase62.size())];
  return url;
}

std::string number_word(Rng& rng) {
  switch (rng.below(4)) {
    case 0:
      return std::to_string(rng.below(100000));
    case 1:
      return std::to_string(rng.below(1000)).insert(0, 1, '$');
    case 2:
      return std::to_string(rng.below(100)) + "%";
    default:
      return std::to_string(rng.below(24)) + ":" + std::to_string(10 + rng.below(50));
  }
}

std::string generated_word(Rng& rng) {
  const uint64_t kind = rng.below(1000);
  if (kind < 500) return decorated_latin(rng);
  if (kind < 590) {
    std::string word = accented_word(rng);
    if (rng.chance(150)) capitalize(word);
    return word;
  }
  if (kind < 620) return ranged_word(rng, 0x0430, 0x044F, 3, 9);  // Cyrillic
  if (kind < 730) return cjk_word(rng);
  if (kind < 770) return ranged_word(rng, 0xAC00, 0xD7A3, 2, 4);  // Hangul syllables
  if (kind < 810) return emoji_word(rng);
  if (kind < 880) return hashtag(rng);
  if (kind < 940) return mention(rng);
  if (kind < 960) return tco_url(rng);
  return number_word(rng);
}

void append_u_escape(std::string& out, uint32_t unit) {
  static constexpr char kHex[] = "0123456789abcdef";
  char buf[6] = {
      '\\',           'u', kHex[(unit >> 12) & 15], kHex[(unit >> 8) & 15], kHex[(unit >> 4) & 15],
      kHex[unit & 15]};
  out.append(buf, 6);
}

}  // namespace

ZipfSampler::ZipfSampler(size_t n, double exponent) : cdf_(n) {
  double sum = 0;
  for (size_t r = 0; r < n; ++r) {
    sum += 1.0 / std::pow(static_cast<double>(r + 1), exponent);
    cdf_[r] = sum;
  }
  for (double& c : cdf_) c /= sum;
}

size_t ZipfSampler::sample(Rng& rng) const {
  const double u = rng.unit();
  const auto it = std::upper_bound(cdf_.begin(), cdf_.end(), u);
  return std::min(static_cast<size_t>(it - cdf_.begin()), cdf_.size() - 1);
}

std::vector<std::string> make_vocabulary(size_t size, uint64_t seed) {
  std::vector<std::string> words;
  words.reserve(size);
  absl::flat_hash_set<std::string> seen;
  seen.reserve(size);
  for (std::string_view w : kCommonWords) {
    if (words.size() == size) break;
    if (seen.emplace(w).second) words.emplace_back(w);
  }
  Rng rng(seed ^ 0x5eed0f0cab01a5eULL);
  while (words.size() < size) {
    std::string w = generated_word(rng);
    if (seen.insert(w).second) words.push_back(std::move(w));
  }
  return words;
}

void append_utf8(std::string& out, char32_t cp) {
  if (cp < 0x80) {
    out += static_cast<char>(cp);
  } else if (cp < 0x800) {
    out += static_cast<char>(0xC0 | (cp >> 6));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else if (cp < 0x10000) {
    out += static_cast<char>(0xE0 | (cp >> 12));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  } else {
    out += static_cast<char>(0xF0 | (cp >> 18));
    out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
    out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
    out += static_cast<char>(0x80 | (cp & 0x3F));
  }
}

size_t code_point_count(std::string_view utf8) {
  size_t n = 0;
  for (char c : utf8) n += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return n;
}

void format_twitter_date(int64_t unix_seconds, char* out) {
  static constexpr char kDays[] = "ThuFriSatSunMonTueWed";  // 1970-01-01 was a Thursday
  static constexpr char kMonths[] = "JanFebMarAprMayJunJulAugSepOctNovDec";
  const int64_t days = unix_seconds / 86400;
  const int64_t secs = unix_seconds % 86400;
  const CivilTime t = civil_from_epoch_ms(unix_seconds * 1000);
  const int64_t day = t.day, month = t.month, year = t.year;
  auto two = [](char* p, int64_t v) {
    p[0] = static_cast<char>('0' + v / 10);
    p[1] = static_cast<char>('0' + v % 10);
  };
  std::memcpy(out, kDays + 3 * (days % 7), 3);
  out[3] = ' ';
  std::memcpy(out + 4, kMonths + 3 * (month - 1), 3);
  out[7] = ' ';
  two(out + 8, day);
  out[10] = ' ';
  two(out + 11, secs / 3600);
  out[13] = ':';
  two(out + 14, secs / 60 % 60);
  out[16] = ':';
  two(out + 17, secs % 60);
  std::memcpy(out + 19, " +0000 ", 7);
  two(out + 26, year / 100);
  two(out + 28, year % 100);
}

void append_json_string(std::string& out, std::string_view utf8, JsonForm form) {
  const bool escaped = form == JsonForm::kEscaped;
  for (size_t i = 0; i < utf8.size();) {
    const auto c = static_cast<unsigned char>(utf8[i]);
    if (c < 0x80) {
      ++i;
      switch (c) {
        case '"':
          out += "\\\"";
          continue;
        case '\\':
          out += "\\\\";
          continue;
        case '\n':
          out += "\\n";
          continue;
        case '\r':
          out += "\\r";
          continue;
        case '\t':
          out += "\\t";
          continue;
        default:
          break;
      }
      if (c < 0x20 || (escaped && (c == '<' || c == '>' || c == '&'))) {
        append_u_escape(out, c);
      } else if (escaped && c == '/') {
        out += "\\/";
      } else {
        out += static_cast<char>(c);
      }
      continue;
    }
    const size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    if (!escaped) {
      out.append(utf8.substr(i, len));
      i += len;
      continue;
    }
    uint32_t cp = c & (len == 2 ? 0x1F : len == 3 ? 0x0F : 0x07);
    for (size_t k = 1; k < len; ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(utf8[i + k]) & 0x3F);
    i += len;
    if (cp >= 0x10000) {
      cp -= 0x10000;
      append_u_escape(out, 0xD800 + (cp >> 10));
      append_u_escape(out, 0xDC00 + (cp & 0x3FF));
    } else {
      append_u_escape(out, cp);
    }
  }
}

}  // namespace firecount::internal
