// Fuzz target: the words tokenizer's fast paths must give exactly the ICU path's tokens.
//
// Each input is tried twice: with every byte masked to 7 bits (an ASCII text: the ASCII fast
// path), and with every byte >= 0x80 replaced by one of 32 code points, mostly simple letters
// (accented Latin, Greek, Cyrillic, Hangul, ligatures, full-width) and some that are not (a
// combining mark, CJK, emoji, no-break space): the islands and the simple-letters path. The target
// aborts with both token lists printed when the paths disagree. Built two ways
// (fuzz/CMakeLists.txt):
//   words_fast_path_fuzzer  libFuzzer (clang, -fsanitize=fuzzer):
//                           build-fuzz/fuzz/words_fast_path_fuzzer fuzz/corpus/words_fast_path
//   words_fast_path_replay  a plain program (any compiler, fuzz/replay_main.cc) that runs the
//                           target once per file named on the command line, or on stdin.

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "core/ascii_words.h"
#include "core/token_list.h"
#include "core/words_tokenizer.h"

namespace {

std::vector<std::string> copy_tokens(firecount::TokenList& list) {
  std::vector<std::string> out;
  for (std::string_view t : list.tokens()) out.emplace_back(t);
  return out;
}

void print_tokens(const char* label, const std::vector<std::string>& tokens) {
  std::fprintf(stderr, "%s (%zu):", label, tokens.size());
  for (const std::string& t : tokens) std::fprintf(stderr, " [%s]", t.c_str());
  std::fprintf(stderr, "\n");
}

void expect_same(firecount::WordsTokenizer& tokenizer, const std::string& text) {
  firecount::TokenList fast_list;
  tokenizer.tokenize(text, fast_list);
  firecount::TokenList icu_list;
  tokenizer.tokenize_with_icu(text, icu_list);
  const std::vector<std::string> fast = copy_tokens(fast_list);
  const std::vector<std::string> icu = copy_tokens(icu_list);
  if (fast != icu) {
    std::fprintf(stderr, "fast path and ICU path differ on %zu bytes: \"%s\"\n", text.size(),
                 text.c_str());
    print_tokens("fast", fast);
    print_tokens("icu ", icu);
    std::abort();
  }
}

// What a byte >= 0x80 becomes in the second text.
constexpr const char* kLetters[32] = {
    "\u00E9", "\u00C9", "\u00DF", "\u00F1", "\u00E7", "\u0142", "\u0153", "\u01C5",
    "\u03A9", "\u03C9", "\u03AC", "\u03C2", "\u043F", "\u0416", "\u0451", "\uD55C",
    "\uAD6D", "\u2122", "\u00AA", "\uFB01", "\uFF21", "\u212A", "\u1E9E", "\u1F80",
    "\u0130", "\u0301", "\u4ECA", "\u30AB", "\u00A0", "\u0661", "\u05D0", "\U0001F602"};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static firecount::WordsTokenizer* const tokenizer = [] {
    auto made = firecount::WordsTokenizer::create(nullptr);
    if (!made.ok()) {
      std::fprintf(stderr, "cannot build the words tokenizer: %s\n",
                   made.status().ToString().c_str());
      std::abort();
    }
    return made->release();
  }();
  std::string text(reinterpret_cast<const char*>(data), size);
  for (char& c : text) c = static_cast<char>(c & 0x7F);
  if (!firecount::is_ascii(text)) std::abort();

  expect_same(*tokenizer, text);

  std::string letters;
  for (size_t i = 0; i < size; ++i) {
    if (data[i] < 0x80) {
      letters.push_back(static_cast<char>(data[i]));
    } else {
      letters.append(kLetters[data[i] & 31]);
    }
  }
  expect_same(*tokenizer, letters);
  return 0;
}
