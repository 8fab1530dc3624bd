#include "core/tokenizer.h"

#include "absl/status/status.h"
#include "core/split_tokenizer.h"
#include "core/stopwords.h"
#include "core/words_tokenizer.h"

namespace firecount {

absl::StatusOr<std::unique_ptr<Tokenizer>> make_tokenizer(const TokenizerConfig& config) {
  switch (config.kind) {
    case TokenizerKind::kSplit:
      if (config.stopwords != Stopwords::kNone) {
        return absl::InvalidArgumentError(
            "--stopwords needs --tokenizer words (split keeps the seed job's exact tokens)");
      }
      return std::make_unique<SplitTokenizer>();
    case TokenizerKind::kWords: {
      std::shared_ptr<const StopwordSet> stopwords;
      if (config.stopwords != Stopwords::kNone) {
        auto set = config.stopwords == Stopwords::kEnglish
                       ? make_english_stopword_set()
                       : make_stopword_set(config.stopwords_file);
        if (!set.ok()) return set.status();
        stopwords = *std::move(set);
      }
      auto words = WordsTokenizer::create(std::move(stopwords));
      if (!words.ok()) return words.status();
      return std::unique_ptr<Tokenizer>(*std::move(words));
    }
  }
  return absl::InvalidArgumentError("unknown tokenizer kind");
}

}  // namespace firecount
