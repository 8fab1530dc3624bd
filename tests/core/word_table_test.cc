#include "core/word_table.h"

#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <map>
#include <random>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/synthetic_text.h"
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

// A growth in steps: adds, lookups and steps interleave at random, words of every length class
// come and go (clear), some growths are overtaken by adds that fill the old slots (finished at
// once) or replaced by a larger one; the counts are those of a plain map throughout, and a
// growth whose steps all ran leaves the room it promised.
TEST(WordTableTest, GrowthInStepsKeepsEveryWordFindable) {
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    std::mt19937_64 rng(seed);
    WordTable table;
    std::map<std::string, uint64_t> reference;
    size_t finished = 0, overtaken = 0, want = 0;
    for (int round = 0; round < 300; ++round) {
      if (!table.growing() && rng() % 3 == 0) {
        want = table.size() + 1 + rng() % (table.size() + 2000);
        table.begin_growth(want);
        if (table.growing()) ASSERT_GT(table.growing_to(), want);
      }
      const size_t adds = rng() % 600;
      for (size_t i = 0; i < adds; ++i) {
        const bool was_growing = table.growing();
        const std::string w = random_word(rng, 20'000 + seed * 7'000);
        table.add(w);
        ++reference[w];
        overtaken += was_growing && !table.growing();
      }
      if (table.growing() && !table.grow_step(1 + rng() % 3000)) {
        ++finished;
        ASSERT_GE(table.room(), want) << "seed " << seed << " round " << round;
      }
      for (int probe = 0; probe < 20; ++probe) {
        const std::string w = random_word(rng, 20'000 + seed * 7'000);
        const WordTable::Entry* e = table.find(w);
        const auto it = reference.find(w);
        if (it == reference.end()) {
          ASSERT_EQ(e, nullptr) << w;
        } else {
          ASSERT_NE(e, nullptr) << w;
          ASSERT_EQ(e->count, it->second) << w;
        }
      }
      if (round == 150 && seed % 2 == 0) {  // a clear in the middle of a growth drops it
        table.clear();
        reference.clear();
        EXPECT_FALSE(table.growing());
      }
    }
    while (table.grow_step(1000)) {
    }
    ASSERT_EQ(as_map(table), reference) << "seed " << seed;
    EXPECT_GT(finished, 0u) << "seed " << seed;
    if (seed == 1) EXPECT_GT(finished + overtaken, 3u);
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

// Words of every length 0..40 over a small alphabet with NUL and 0xff, so that many differ in
// one byte only, share prefixes and suffixes, or are another word plus trailing NULs (the same
// zero-padded bytes as a shorter word): the table must tell every one apart, by add, add_all and
// find alike.
TEST(WordTableTest, EveryLengthAndNearMissWords) {
  const std::string alphabet("ab\0\xff", 4);
  std::mt19937_64 rng(42);
  std::vector<std::string> words;
  for (size_t size = 0; size <= 40; ++size) {
    const std::string base(size, 'a');
    words.push_back(base);
    for (size_t at = 0; at < size; ++at) {  // `base` with one byte changed, at every position
      for (char c : alphabet) {
        std::string w = base;
        w[at] = c;
        words.push_back(w);
      }
    }
    for (int k = 0; k < 40; ++k) {
      std::string w(size, 'a');
      for (char& c : w) c = alphabet[rng() % alphabet.size()];
      words.push_back(w);
    }
    words.push_back(std::string(size, '\0'));
  }
  std::map<std::string, uint64_t> reference;
  WordTable one_by_one, batched, hashed;
  std::vector<std::string_view> batch;
  for (size_t round = 0; round < 3; ++round) {
    std::shuffle(words.begin(), words.end(), rng);
    for (const std::string& w : words) {
      ++reference[w];
      one_by_one.add(w);
      hashed.add_hashed(w, WordTable::hash_of(w), 1);
      batch.push_back(w);
      if (batch.size() == 1 + rng() % 30) {
        batched.add_all(batch);
        batch.clear();
      }
    }
    batched.add_all(batch);  // before the shuffle moves the words it views
    batch.clear();
  }
  EXPECT_EQ(as_map(one_by_one), reference);
  EXPECT_EQ(as_map(batched), reference);
  EXPECT_EQ(as_map(hashed), reference);
  for (const auto& [word, count] : reference) {
    const WordTable::Entry* e = batched.find(word);
    ASSERT_NE(e, nullptr) << word.size();
    EXPECT_EQ(e->word(), word);
    EXPECT_EQ(e->count, count);
  }
  EXPECT_EQ(batched.find(std::string(41, 'a')), nullptr);
  EXPECT_EQ(batched.find(std::string(16, 'c')), nullptr);
}

// A word's key depends only on its bytes, not on where they are or what follows them.
TEST(WordTableTest, KeyDependsOnlyOnTheWordsBytes) {
  std::mt19937_64 rng(7);
  for (size_t size = 0; size <= 40; ++size) {
    std::string word(size, ' ');
    for (char& c : word) c = static_cast<char>(rng());
    const WordTable::Key key = WordTable::key_of(word);
    for (size_t offset = 0; offset < 16; ++offset) {
      std::string buffer(offset + size + 16, '\0');
      for (char& c : buffer) c = static_cast<char>(rng());
      std::memcpy(buffer.data() + offset, word.data(), size);
      const WordTable::Key other = WordTable::key_of(std::string_view(buffer).substr(offset, size));
      EXPECT_EQ(other.hash, key.hash) << size << " " << offset;
      EXPECT_EQ(other.lo, key.lo) << size << " " << offset;
      EXPECT_EQ(other.hi, key.hi) << size << " " << offset;
    }
  }
}

// Words that end at the end of a readable page or start at the start of one (with no access
// beyond): hashing, counting and finding them reads only their own bytes.
TEST(WordTableTest, ReadsOnlyTheWordsBytes) {
  const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  void* map = mmap(nullptr, 3 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  ASSERT_NE(map, MAP_FAILED);
  char* const guard_before = static_cast<char*>(map);
  char* const data = guard_before + page;
  char* const guard_after = data + page;
  std::memset(data, 'x', page);
  ASSERT_EQ(mprotect(guard_before, page, PROT_NONE), 0);
  ASSERT_EQ(mprotect(guard_after, page, PROT_NONE), 0);
  WordTable table;
  std::map<std::string, uint64_t> reference;
  for (size_t size = 0; size <= 40; ++size) {
    for (const std::string_view w :
         {std::string_view(guard_after - size, size), std::string_view(data, size)}) {
      table.add(w);
      table.add_all(std::span<const std::string_view>(&w, 1));
      reference[std::string(w)] += 2;
      ASSERT_NE(table.find(w), nullptr);
    }
  }
  EXPECT_EQ(as_map(table), reference);
  munmap(map, 3 * page);
}

// The hash spreads a million distinct words of several shapes over the slots as well as a random
// function would: linear probing at the table's load (1M words in 2M slots, 48% full) expects
// (1 + 1 / (1 - 0.48)) / 2 = 1.46 slot reads per word.
TEST(WordTableTest, HashSpreadsAMillionWords) {
  constexpr size_t kWords = 1'000'000;
  std::vector<std::vector<std::string>> shapes(5);
  shapes[0] = internal::make_vocabulary(kWords, 7);  // the generator's words
  std::vector<std::string>& numbered = shapes[1];
  std::vector<std::string>& padded = shapes[2];
  std::vector<std::string>& links = shapes[3];
  std::vector<std::string>& tails = shapes[4];
  char buffer[64];
  for (size_t i = 0; i < kWords; ++i) {
    numbered.push_back("w" + std::to_string(i));        // short, shared prefix
    std::snprintf(buffer, sizeof buffer, "%016zu", i);  // 16 bytes, first 10 equal
    padded.push_back(buffer);
    std::snprintf(buffer, sizeof buffer, "https://t.co/%07zx", i);  // 20 bytes (absl)
    links.push_back(buffer);
    std::string tail(9 + i % 8, 'z');  // 9..16 bytes of 'z' but the last 3
    std::memcpy(tail.data() + tail.size() - 3, &i, 3);
    tails.push_back(std::move(tail));
  }
  for (size_t shape = 0; shape < shapes.size(); ++shape) {
    WordTable table;
    std::vector<uint32_t> hashes;
    for (const std::string& w : shapes[shape]) {
      table.add(w);
      hashes.push_back(WordTable::hash_of(w));
    }
    ASSERT_EQ(table.size(), kWords) << shape;
    const double mean = static_cast<double>(table.probe_steps()) / static_cast<double>(kWords);
    EXPECT_LT(mean, 1.6) << "shape " << shape;
    // Distinct words with equal 32-bit hashes: a random function gives n^2 / 2^33 = 116.
    std::sort(hashes.begin(), hashes.end());
    size_t equal = 0;
    for (size_t i = 1; i < hashes.size(); ++i) equal += hashes[i] == hashes[i - 1];
    EXPECT_LT(equal, 250u) << "shape " << shape;
  }
}

}  // namespace
}  // namespace firecount
