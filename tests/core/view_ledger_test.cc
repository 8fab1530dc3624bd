#include "core/view_ledger.h"

#include <algorithm>
#include <cstdint>
#include <random>
#include <vector>

#include "gtest/gtest.h"

namespace firecount {
namespace {

using Range = ViewLedger::Range;

TEST(ViewLedgerTest, InOrderReturnsAnswerOnceAStepIsDone) {
  ViewLedger ledger(100);
  for (uint64_t i = 0; i < 5; ++i) ledger.handed_out(i * 40, i * 40 + 40);
  EXPECT_TRUE(ledger.returned(0).empty());   // 40 done
  EXPECT_TRUE(ledger.returned(40).empty());  // 80 done
  const Range r = ledger.returned(80);       // 120 done
  EXPECT_EQ(r.begin, 0u);
  EXPECT_EQ(r.end, 120u);
  EXPECT_TRUE(ledger.returned(120).empty());  // 160: only 40 past the last answer
  const Range last = ledger.returned(160);    // none out: everything up to the newest end
  EXPECT_TRUE(last.empty());                  // 80 < 100
  const Range rest = ledger.rest();
  EXPECT_EQ(rest.begin, 120u);
  EXPECT_EQ(rest.end, 200u);
  EXPECT_TRUE(ledger.rest().empty());
}

TEST(ViewLedgerTest, AViewStillOutHoldsBackEverythingAfterIt) {
  ViewLedger ledger(10);
  ledger.handed_out(0, 50);
  ledger.handed_out(50, 100);
  ledger.handed_out(100, 150);
  EXPECT_TRUE(ledger.returned(100).empty());
  EXPECT_TRUE(ledger.returned(50).empty());  // the view at 0 is still out
  EXPECT_EQ(ledger.in_flight(), 3u);
  const Range r = ledger.returned(0);
  EXPECT_EQ(r.begin, 0u);
  EXPECT_EQ(r.end, 150u);
  EXPECT_EQ(ledger.in_flight(), 0u);
}

TEST(ViewLedgerTest, BytesBetweenViewsAreDoneWithTheViewAfterThem) {
  // A skipped oversize line between two views: nobody returns it, it is done once every view
  // before the next one out is back.
  ViewLedger ledger(10);
  ledger.handed_out(0, 20);
  ledger.handed_out(500, 520);
  const Range r = ledger.returned(0);
  EXPECT_EQ(r.begin, 0u);
  EXPECT_EQ(r.end, 500u);
  const Range r2 = ledger.returned(500);
  EXPECT_EQ(r2.begin, 500u);
  EXPECT_EQ(r2.end, 520u);
}

TEST(ViewLedgerTest, UnknownAndRepeatedReturnsAreIgnored) {
  ViewLedger ledger(1);
  ledger.handed_out(0, 10);
  ledger.handed_out(10, 20);
  EXPECT_TRUE(ledger.returned(5).empty());
  EXPECT_TRUE(ledger.returned(10).empty());
  EXPECT_TRUE(ledger.returned(10).empty());
  EXPECT_EQ(ledger.in_flight(), 2u);
  const Range r = ledger.returned(0);
  EXPECT_EQ(r.end, 20u);
}

// Random views returned in random order: every answer lies below every view still out, answers
// follow each other without gap or overlap, each but rest() is at least a step long, and
// together they cover the file.
TEST(ViewLedgerTest, RandomReturnsNeverAnswerBytesAViewStillNeeds) {
  std::mt19937_64 rng(7);
  for (int round = 0; round < 200; ++round) {
    const uint64_t step = 1 + rng() % 5000;
    ViewLedger ledger(step);
    std::vector<std::pair<uint64_t, uint64_t>> out;  // views out
    uint64_t next = 0, answered = 0;
    const auto check = [&](const Range& r, bool from_rest) {
      if (r.empty()) return;
      ASSERT_EQ(r.begin, answered);
      if (!from_rest) ASSERT_GE(r.end - r.begin, step);
      for (const auto& [b, e] : out) ASSERT_LE(r.end, b);
      answered = r.end;
    };
    for (int op = 0; op < 300; ++op) {
      const bool hand_out = out.size() < 8 && (out.empty() || rng() % 2 == 0);
      if (hand_out) {
        const uint64_t gap = rng() % 4 == 0 ? rng() % 3000 : 0;
        const uint64_t begin = next + gap, end = begin + 1 + rng() % 2000;
        ledger.handed_out(begin, end);
        out.emplace_back(begin, end);
        next = end;
      } else {
        const size_t i = rng() % out.size();
        const uint64_t begin = out[i].first;
        out.erase(out.begin() + static_cast<ptrdiff_t>(i));
        check(ledger.returned(begin), false);
      }
      ASSERT_EQ(ledger.in_flight() >= out.size(), true);
    }
    while (!out.empty()) {
      const uint64_t begin = out.back().first;
      out.pop_back();
      check(ledger.returned(begin), false);
    }
    check(ledger.rest(), true);
    EXPECT_EQ(answered, next);
    EXPECT_EQ(ledger.in_flight(), 0u);
  }
}

}  // namespace
}  // namespace firecount
