#pragma once
// SplitTokenizer: exact parity with the seed's PySpark job.
//
// The seed sends each tweet text over a socket with a trailing '\n', Spark reads it back as lines,
// and `flatMap(lambda line: line.split(" "))` makes the words. So the text is split into lines on
// '\n', and each line is split on every single space exactly as Python's str.split(" ") does:
// empty strings are kept ("a  b" -> "a", "", "b"; " a" -> "", "a"), nothing else is a separator
// ('\t', '\r', U+3000 stay inside words) and nothing is lowercased.
//
// Threading: stateless; each worker may still own its own instance.

#include "core/tokenizer.h"

namespace firecount {

class SplitTokenizer final : public Tokenizer {
 public:
  void tokenize(std::string_view text, TokenList& out) override;
};

}  // namespace firecount
