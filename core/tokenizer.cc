#include "core/tokenizer.h"

#include "absl/status/status.h"
#include "core/split_tokenizer.h"

namespace firecount {

absl::StatusOr<std::unique_ptr<Tokenizer>> make_tokenizer(const TokenizerConfig& config) {
  switch (config.kind) {
    case TokenizerKind::kSplit:
      if (!config.stopwords.empty()) {
        return absl::InvalidArgumentError(
            "--stopwords needs --tokenizer words (split keeps the seed job's exact tokens)");
      }
      return std::make_unique<SplitTokenizer>();
    case TokenizerKind::kWords:
      return absl::UnimplementedError("--tokenizer words is not built yet");
  }
  return absl::InvalidArgumentError("unknown tokenizer kind");
}

}  // namespace firecount
