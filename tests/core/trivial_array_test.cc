#include "core/trivial_array.h"

#include <cstdint>
#include <new>
#include <span>
#include <vector>

#include "gtest/gtest.h"

namespace firecount {
namespace {

struct Pair {
  uint64_t a;
  uint32_t b;
};

TEST(TrivialArrayTest, AppendsZeroedElementsAndKeepsThemThroughGrowth) {
  TrivialArray<Pair> array;
  EXPECT_TRUE(array.empty());
  std::vector<Pair> want;
  for (uint32_t i = 0; i < 100000; ++i) {
    Pair& p = array.emplace_back();
    EXPECT_EQ(p.a, 0u);
    EXPECT_EQ(p.b, 0u);
    p.a = uint64_t{i} * 7919;
    p.b = i;
    want.push_back(p);
  }
  ASSERT_EQ(array.size(), want.size());
  EXPECT_GE(array.capacity(), array.size());
  for (size_t i = 0; i < want.size(); ++i) {
    ASSERT_EQ(array[i].a, want[i].a);
    ASSERT_EQ(array[i].b, want[i].b);
  }
}

TEST(TrivialArrayTest, ReserveClearCopyAndMove) {
  TrivialArray<uint64_t> array;
  array.reserve(1000);
  EXPECT_EQ(array.capacity(), 1000u);
  EXPECT_EQ(array.size(), 0u);
  for (uint64_t i = 0; i < 10; ++i) array.emplace_back() = i;
  const uint64_t* before = array.data();
  array.reserve(10);  // never shrinks nor moves
  EXPECT_EQ(array.data(), before);

  TrivialArray<uint64_t> copy = array;
  ASSERT_EQ(copy.size(), 10u);
  EXPECT_NE(copy.data(), array.data());
  copy[0] = 42;
  EXPECT_EQ(array[0], 0u);

  TrivialArray<uint64_t> moved = std::move(copy);
  EXPECT_EQ(moved.size(), 10u);
  EXPECT_EQ(moved[0], 42u);
  EXPECT_EQ(copy.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty

  const std::span<const uint64_t> view = array;
  uint64_t sum = 0;
  for (uint64_t v : view) sum += v;
  EXPECT_EQ(sum, 45u);

  array[0] = 99;
  array.clear();
  EXPECT_TRUE(array.empty());
  EXPECT_EQ(array.capacity(), 1000u);
  EXPECT_EQ(array.emplace_back(), 0u);  // zeroed again, not the old value
}

TEST(TrivialArrayTest, LargeBlocksAreMappedAndGrowInPlaceOfACopy) {
  TrivialArray<Pair> array;
  const size_t past_threshold = 3 * TrivialArray<Pair>::kMapBytes / sizeof(Pair);
  for (uint32_t i = 0; i < past_threshold; ++i) {
    Pair& p = array.emplace_back();
    ASSERT_EQ(p.a, 0u);
    p.a = uint64_t{i} * 31;
    p.b = i;
  }
  EXPECT_TRUE(array.mapped());
  array.reserve(4 * array.capacity());  // a mapped block grown again (mremap)
  EXPECT_TRUE(array.mapped());
  ASSERT_EQ(array.size(), past_threshold);
  for (uint32_t i = 0; i < past_threshold; ++i) {
    ASSERT_EQ(array[i].a, uint64_t{i} * 31);
    ASSERT_EQ(array[i].b, i);
  }
  EXPECT_EQ(array.emplace_back().a, 0u);  // fresh pages of the grown mapping read as zero

  TrivialArray<Pair> copy = array;
  EXPECT_TRUE(copy.mapped());
  ASSERT_EQ(copy.size(), array.size());
  EXPECT_EQ(copy[past_threshold - 1].b, past_threshold - 1);
  TrivialArray<Pair> moved = std::move(copy);
  EXPECT_TRUE(moved.mapped());
  EXPECT_FALSE(copy.mapped());  // NOLINT(bugprone-use-after-move): moved-from is empty
  EXPECT_EQ(moved[7].a, 7u * 31);
  moved = TrivialArray<Pair>();  // unmaps
  EXPECT_FALSE(moved.mapped());

  TrivialArray<Pair> small;
  small.reserve(10);
  EXPECT_FALSE(small.mapped());
}

TEST(TrivialArrayTest, AReservationTheSystemCannotMapThrowsBadAlloc) {
  TrivialArray<uint64_t> array;
  array.emplace_back() = 5;
  EXPECT_THROW(array.reserve(size_t{1} << 58), std::bad_alloc);
  EXPECT_THROW(array.reserve(SIZE_MAX / 4), std::bad_alloc);
  ASSERT_EQ(array.size(), 1u);  // unchanged
  EXPECT_EQ(array[0], 5u);
}

}  // namespace
}  // namespace firecount
