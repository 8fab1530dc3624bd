#include "core/split_tokenizer.h"

#include <cstring>

namespace firecount {

void SplitTokenizer::tokenize(std::string_view text, TokenList& out) {
  // '\n' and ' ' both end a token; every separator ends exactly one (possibly empty) token, and
  // the text's end ends the last one, so n separators always give n + 1 tokens.
  const char* p = text.data();
  const char* const end = p + text.size();
  const char* start = p;
  for (; p != end; ++p) {
    const char c = *p;
    if (c == ' ' || c == '\n') {
      out.add_view(std::string_view(start, static_cast<size_t>(p - start)));
      start = p + 1;
    }
  }
  out.add_view(std::string_view(start, static_cast<size_t>(end - start)));
}

}  // namespace firecount
