#include "core/word_table.h"

#include <map>
#include <random>
#include <string>

#include "gtest/gtest.h"

namespace firecount {
namespace {

std::map<std::string, uint64_t> as_map(const WordTable& table) {
  std::map<std::string, uint64_t> out;
  for (const WordTable::Entry& e : table.entries()) {
    EXPECT_TRUE(out.emplace(std::string(e.word()), e.count).second) << "duplicate " << e.word();
  }
  return out;
}

// Words of every length class: empty, short, around the chunk's large-word limit, huge.
std::string random_word(std::mt19937_64& rng, size_t vocabulary) {
  const uint64_t r = rng() % vocabulary;
  switch (r % 97) {
    case 0:
      return "";
    case 1:
      return std::string(64 * 1024 + r % 3, static_cast<char>('a' + r % 26));
    case 2:
      return std::string(300 * 1024, static_cast<char>('A' + r % 26));
    default:
      return "w" + std::to_string(r) + std::string(r % 7, '\xc3');
  }
}

TEST(WordTableTest, MatchesStdMapOnRandomInput) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    std::mt19937_64 rng(seed);
    const size_t vocabulary = size_t{1} << (4 + 3 * seed);  // 128 .. 2M: grows many times
    WordTable table;
    std::map<std::string, uint64_t> reference;
    for (int round = 0; round < 3; ++round) {  // clear() must leave a fully reusable table
      const size_t adds = 2000 + rng() % 40000;
      for (size_t i = 0; i < adds; ++i) {
        const std::string w = random_word(rng, vocabulary);
        const uint64_t n = 1 + rng() % 3;
        const uint32_t index = table.add(w, n);
        reference[w] += n;
        ASSERT_EQ(table.entry(index).word(), w);
        ASSERT_EQ(table.entry(index).count, reference[w]);
      }
      ASSERT_EQ(as_map(table), reference) << "seed " << seed << " round " << round;
      for (const auto& [word, count] : reference) {
        const WordTable::Entry* e = table.find(word);
        ASSERT_NE(e, nullptr) << word;
        ASSERT_EQ(e->count, count);
      }
      EXPECT_EQ(table.find("not a word of the table"), nullptr);
      table.clear();
      reference.clear();
      EXPECT_TRUE(table.empty());
      EXPECT_EQ(table.find("w1"), nullptr);
    }
  }
}

TEST(WordTableTest, HashedAddEqualsPlainAdd) {
  WordTable a, b;
  for (const char* w : {"x", "y", "x", "", "zz"}) {
    a.add(w);
    b.add_hashed(w, WordTable::hash_of(w), 1);
  }
  EXPECT_EQ(as_map(a), as_map(b));
}

TEST(WordTableTest, IndicesStayValidAcrossGrowth) {
  WordTable table;
  const uint32_t short_word = table.add("anchor");
  const uint32_t long_word = table.add("a word longer than sixteen bytes");
  for (int i = 0; i < 100000; ++i) table.add("w" + std::to_string(i));
  EXPECT_EQ(table.entry(short_word).word(), "anchor");
  EXPECT_EQ(table.entry(long_word).word(), "a word longer than sixteen bytes");
  EXPECT_EQ(table.add("anchor"), short_word);
  EXPECT_EQ(table.entry(short_word).count, 2u);
}

TEST(WordTableTest, SparseClearAfterLargeBatch) {
  WordTable table;
  for (int i = 0; i < 50000; ++i) table.add("w" + std::to_string(i));
  table.clear();
  for (int round = 0; round < 3; ++round) {  // few words in a large table: slot-by-slot clear
    for (int i = 0; i < 100; ++i) table.add("v" + std::to_string(i * round));
    EXPECT_EQ(table.find("w5"), nullptr);
    ASSERT_NE(table.find("v0"), nullptr);
    table.clear();
    EXPECT_EQ(table.find("v0"), nullptr);
  }
}

// reserve(n) grows ahead of need: until size() reaches n nothing moves (entries keep their
// address, the table keeps its memory), and the counts are those of a plain map throughout.
TEST(WordTableTest, ReserveMakesRoomAheadWithoutChangingCounts) {
  for (uint64_t seed = 1; seed <= 4; ++seed) {
    std::mt19937_64 rng(seed);
    WordTable table;
    std::map<std::string, uint64_t> reference;
    for (int round = 0; round < 40; ++round) {
      const size_t room = table.size() + 1 + rng() % (size_t{1} << (2 + rng() % 14));
      table.reserve(room);
      ASSERT_GE(table.room(), room) << "seed " << seed << " round " << round;
      const size_t promised = table.room();
      table.add("w0");  // entries are never empty below, so entry(0) has an address to watch
      ++reference["w0"];
      const WordTable::Entry* first = &table.entry(0);
      const size_t memory = table.memory_bytes();
      while (table.size() < room) {
        const std::string w = "w" + std::to_string(rng() % 5'000'000);  // short: no arena chunks
        table.add(w);
        ++reference[w];
      }
      ASSERT_EQ(&table.entry(0), first) << "seed " << seed << " round " << round;
      ASSERT_EQ(table.memory_bytes(), memory) << "seed " << seed << " round " << round;
      ASSERT_EQ(table.room(), promised) << "seed " << seed << " round " << round;
    }
    ASSERT_EQ(as_map(table), reference);
    for (const auto& [word, count] : reference) ASSERT_EQ(table.find(word)->count, count) << word;
  }
}

TEST(WordTableTest, ReserveOnAnEmptyTableAndBelowItsSize) {
  WordTable table;
  table.reserve(3000);
  for (int i = 0; i < 3000; ++i) table.add("w" + std::to_string(i % 2000));
  table.reserve(10);  // already larger: no effect
  EXPECT_EQ(table.size(), 2000u);
  EXPECT_EQ(table.find("w1999")->count, 1u);
  EXPECT_EQ(table.find("w0")->count, 2u);
}

}  // namespace
}  // namespace firecount
