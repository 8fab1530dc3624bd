#pragma once
// NfkcTable: per code point NFKC_Casefold facts that let the words tokenizer skip ICU's normalizer
// on the (usually already normalized) text it sends to ICU's break iterator.
//
//  - Stable code points: NFKC_Casefold quick-check value Yes, canonical combining class 0, and a
//    normalization boundary before them (hasBoundaryBefore). Each one normalizes to itself and
//    does not interact with what comes before it, so a run of them is normalized, and a stable
//    code point starts a piece that normalizes apart from the text before it.
//  - Simple mappings: for an unstable code point c with a boundary before it, NFKC_Casefold(c)
//    when it is at most kMaxMapping UTF-16 units ("Ａ" -> "a", "！" -> "!", "…" -> "..."). It is
//    what c becomes wherever the code point after it (if any) also has a boundary before it.
// tests/core/nfkc_table_test.cc checks both against ICU's normalizer for every code point below
// kLimit, and texts built from them.
//
// Stable bits are filled lazily, 256 code points at a time (16 KiB of bits in all); code points
// at or above kLimit are never stable. Mappings live in a small direct-mapped cache.
//
// Threading: not thread-safe (lazy fills); one per WordsTokenizer.

#include <unicode/normalizer2.h>
#include <unicode/umachine.h>

#include <array>
#include <cstdint>
#include <vector>

namespace firecount {

class NfkcTable {
 public:
  static constexpr UChar32 kLimit = 0x20000;
  static constexpr int32_t kMaxMapping = 3;

  struct Mapping {
    UChar32 c = U_SENTINEL;
    int32_t length = -1;  // -1: no simple mapping
    char16_t units[kMaxMapping] = {};
  };

  // `nfkc_casefold` is ICU's NFKC_Casefold instance (an ICU-owned singleton).
  explicit NfkcTable(const icu::Normalizer2* nfkc_casefold);

  // True if c is stable. Not thread-safe.
  bool stable(UChar32 c) {
    const auto u = static_cast<uint32_t>(c);
    if (u >= static_cast<uint32_t>(kLimit)) return false;
    if ((bits_[u / 64] >> (u % 64)) & 1) return true;
    return !ready_[u >> 8] && fill_block(c);
  }

  // The simple mapping of unstable code point c, or null if it has none. Valid until the next
  // call. Not thread-safe.
  const Mapping* mapping(UChar32 c) {
    Mapping& m = mappings_[static_cast<uint32_t>(c) % kMappings];
    if (m.c != c) fill_mapping(c, m);
    return m.length >= 0 ? &m : nullptr;
  }

 private:
  static constexpr uint32_t kMappings = 512;

  // Computes the stable bits of the block of c and returns stable(c).
  bool fill_block(UChar32 c);
  void fill_mapping(UChar32 c, Mapping& m) const;

  const icu::Normalizer2* nfkc_casefold_;
  std::vector<uint64_t> bits_;  // one bit per code point below kLimit
  std::vector<uint8_t> ready_;  // per block of 256 code points: filled
  std::array<Mapping, kMappings> mappings_;
};

}  // namespace firecount
