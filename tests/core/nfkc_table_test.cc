// NfkcTable (core/nfkc_table.h) against ICU's NFKC_Casefold normalizer: every stable code point and
// every simple mapping below the table's limit, and random strings of stable code points.

#include "core/nfkc_table.h"

#include <gtest/gtest.h>
#include <unicode/normalizer2.h>
#include <unicode/unistr.h>
#include <unicode/utf16.h>

#include <random>
#include <vector>

namespace firecount {
namespace {

const icu::Normalizer2* nfkc_casefold() {
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* n = icu::Normalizer2::getNFKCCasefoldInstance(status);
  return U_SUCCESS(status) ? n : nullptr;
}

TEST(NfkcTableTest, EveryStableCodePointNormalizesToItselfWithABoundaryBefore) {
  const icu::Normalizer2* icu_nfkc = nfkc_casefold();
  ASSERT_NE(icu_nfkc, nullptr);
  NfkcTable table(icu_nfkc);
  size_t stable = 0;
  for (UChar32 c = 0; c < NfkcTable::kLimit; ++c) {
    if (!table.stable(c)) continue;
    ++stable;
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString alone(c);
    ASSERT_TRUE(icu_nfkc->normalize(alone, status) == alone) << "U+" << std::hex << c;
    ASSERT_TRUE(icu_nfkc->hasBoundaryBefore(c)) << "U+" << std::hex << c;
    ASSERT_EQ(icu_nfkc->getCombiningClass(c), 0) << "U+" << std::hex << c;
  }
  // Most assigned code points are stable; the unstable ones are what the table must catch.
  EXPECT_GT(stable, 60000u);
  for (UChar32 c : {0x41, 0xFF21, 0xFF01, 0x2026, 0x3099, 0x0301, 0x00AD, 0xFE0F, 0x1161, 0xFB01,
                    0x2126, 0x00DF, 0xD800, 0x20BB7, 0x2F800}) {
    EXPECT_FALSE(table.stable(c)) << "U+" << std::hex << c;
  }
  for (UChar32 c : {0x61, 0x20, 0x23, 0x40, 0x3042, 0x304C, 0x30AB, 0x30FC, 0x4E00, 0xAC00, 0x1100,
                    0x00E9, 0x1F600, 0x1F1EF}) {
    EXPECT_TRUE(table.stable(c)) << "U+" << std::hex << c;
  }
}

TEST(NfkcTableTest, EverySimpleMappingIsIcusWithABoundaryBefore) {
  const icu::Normalizer2* icu_nfkc = nfkc_casefold();
  ASSERT_NE(icu_nfkc, nullptr);
  NfkcTable table(icu_nfkc);
  size_t mapped = 0;
  for (UChar32 c = 0; c < NfkcTable::kLimit + 0x100; ++c) {
    if (U_IS_SURROGATE(c) || table.stable(c)) continue;
    const NfkcTable::Mapping* m = table.mapping(c);
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString want = icu_nfkc->normalize(icu::UnicodeString(c), status);
    ASSERT_TRUE(U_SUCCESS(status));
    if (m == nullptr) {
      EXPECT_TRUE(!icu_nfkc->hasBoundaryBefore(c) || want.length() > NfkcTable::kMaxMapping)
          << "U+" << std::hex << c << " has a simple mapping the table misses";
      continue;
    }
    ++mapped;
    ASSERT_EQ(m->c, c);
    ASSERT_TRUE(icu::UnicodeString(m->units, m->length) == want) << "U+" << std::hex << c;
    ASSERT_TRUE(icu_nfkc->hasBoundaryBefore(c)) << "U+" << std::hex << c;
  }
  EXPECT_GT(mapped, 1000u);
  const NfkcTable::Mapping* ellipsis = table.mapping(0x2026);
  ASSERT_NE(ellipsis, nullptr);
  EXPECT_TRUE(icu::UnicodeString(ellipsis->units, ellipsis->length) == icu::UnicodeString(u"..."));
  EXPECT_EQ(table.mapping(0x3099), nullptr);  // combines with the kana before it
  EXPECT_EQ(table.mapping(0xFDFA), nullptr);  // 18 code units
}

TEST(NfkcTableTest, StringsOfStableCodePointsAreNormalized) {
  const icu::Normalizer2* icu_nfkc = nfkc_casefold();
  ASSERT_NE(icu_nfkc, nullptr);
  NfkcTable table(icu_nfkc);
  std::vector<UChar32> stable;
  for (UChar32 c = 0; c < NfkcTable::kLimit; ++c) {
    if (table.stable(c)) stable.push_back(c);
  }
  std::mt19937_64 rng(11);
  for (int i = 0; i < 20000; ++i) {
    icu::UnicodeString s;
    const size_t length = rng() % 12;
    for (size_t k = 0; k < length; ++k) s.append(stable[rng() % stable.size()]);
    UErrorCode status = U_ZERO_ERROR;
    ASSERT_TRUE(icu_nfkc->isNormalized(s, status)) << i;
  }
}

}  // namespace
}  // namespace firecount
