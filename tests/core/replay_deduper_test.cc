#include "core/replay_deduper.h"

#include <gtest/gtest.h>

#include <string>

namespace firecount {
namespace {

TEST(ReplayDeduperTest, ReplayAfterRewindIsDroppedNewEventsPass) {
  ReplayDeduper d(/*window_us=*/10'000'000);
  for (int64_t t = 1; t <= 100; ++t) EXPECT_TRUE(d.admit(t * 100'000, "e" + std::to_string(t)));
  EXPECT_EQ(d.high_water_us(), 10'000'000);
  // Reconnect with cursor = high water - 2 s: events 80..100 come again, then new ones.
  for (int64_t t = 80; t <= 100; ++t) EXPECT_FALSE(d.admit(t * 100'000, "e" + std::to_string(t)));
  for (int64_t t = 101; t <= 120; ++t) EXPECT_TRUE(d.admit(t * 100'000, "e" + std::to_string(t)));
}

TEST(ReplayDeduperTest, SameTimeDifferentKeysAreDistinctAndOldEventsAreDuplicates) {
  ReplayDeduper d(1'000);
  EXPECT_TRUE(d.admit(5'000, "a"));
  EXPECT_TRUE(d.admit(5'000, "b"));
  EXPECT_FALSE(d.admit(5'000, "a"));
  EXPECT_TRUE(d.admit(4'500, "late-but-in-window"));
  EXPECT_FALSE(d.admit(3'000, "older-than-window"));
}

TEST(ReplayDeduperTest, MemoryStaysWithinTheWindow) {
  ReplayDeduper d(1'000);
  for (int64_t t = 0; t < 100'000; ++t) d.admit(t * 10, std::to_string(t));
  EXPECT_LE(d.remembered(), 102u);
}

}  // namespace
}  // namespace firecount
