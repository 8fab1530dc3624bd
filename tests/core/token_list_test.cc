#include "core/token_list.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace firecount {
namespace {

std::vector<std::string> copied(const TokenList& list) {
  std::vector<std::string> out;
  for (std::string_view t : list.tokens()) out.emplace_back(t);
  return out;
}

TEST(TokenListTest, ViewsAndCopiesKeepTheirBytesAndOrder) {
  const std::string text = "keep me";
  TokenList list;
  list.add_view(std::string_view(text).substr(0, 4));
  std::string temporary = "copied";
  list.add_copy(temporary);
  temporary = "XXXXXX";  // the copy must not see this
  char* written = list.add_uninitialized(3, 3 + 16);
  written[0] = 'a';
  written[1] = 'b';
  written[2] = 'c';
  EXPECT_EQ(copied(list), (std::vector<std::string>{"keep", "copied", "abc"}));
  EXPECT_EQ(list.tokens()[0].data(), text.data());  // a view is not copied
}

TEST(TokenListTest, DropLastRemovesTheTokenAndReusesItsBytes) {
  TokenList list;
  list.add_copy("first");
  list.add_copy("stop");
  list.drop_last();
  list.add_copy("next");
  list.add_view("view");
  list.drop_last();
  EXPECT_EQ(copied(list), (std::vector<std::string>{"first", "next"}));
  EXPECT_EQ(list.tokens()[1].data(), list.tokens()[0].data() + 5);  // the dropped bytes reused
}

// Random operations against a plain model, across chunk boundaries, oversized tokens and reuse
// after clear(): every token must read back as written, and early views must never move.
TEST(TokenListTest, MatchesAPlainListAcrossChunksAndClears) {
  std::mt19937_64 rng(17);
  TokenList list;
  const std::string source(70000, 'x');
  for (int round = 0; round < 200; ++round) {
    list.clear();
    std::vector<std::string> model;
    std::vector<const char*> first_seen;
    const int ops = static_cast<int>(rng() % 3000);
    for (int op = 0; op < ops; ++op) {
      const size_t kind = rng() % 10;
      // Mostly short tokens, sometimes one larger than a chunk.
      size_t size = rng() % 24;
      if (rng() % 500 == 0) size = 16 * 1024 + rng() % 30000;
      std::string token(size, '\0');
      for (char& c : token) c = static_cast<char>('a' + rng() % 26);
      if (kind < 4) {
        list.add_copy(token);
      } else if (kind < 6) {
        char* dest = list.add_uninitialized(token.size(), token.size() + 16);
        for (size_t i = 0; i < token.size() + 16; ++i) dest[i] = i < token.size() ? token[i] : '!';
      } else if (kind < 8) {
        // Several tokens from one padded buffer, as the memo hands them out.
        std::string bytes = token + token;
        const uint32_t ends[] = {static_cast<uint32_t>(token.size()),
                                 static_cast<uint32_t>(bytes.size())};
        bytes.append(TokenList::kCopyPad, '?');
        list.add_copies_padded(bytes.data(), ends, 2);
        model.push_back(token);
        first_seen.push_back(list.tokens()[list.size() - 2].data());
      } else if (kind < 9) {
        list.add_view(std::string_view(source).substr(0, size));
        token = source.substr(0, size);
      } else {
        if (!model.empty()) {
          list.drop_last();
          model.pop_back();
          first_seen.pop_back();
        }
        continue;
      }
      model.push_back(token);
      first_seen.push_back(list.tokens().back().data());
    }
    ASSERT_EQ(copied(list), model) << "round " << round;
    for (size_t i = 0; i < model.size(); ++i) {
      ASSERT_EQ(list.tokens()[i].data(), first_seen[i]) << "token " << i << " moved";
    }
  }
}

}  // namespace
}  // namespace firecount
