#include "core/nfkc_table.h"

#include <unicode/unistr.h>
#include <unicode/utf16.h>

namespace firecount {

NfkcTable::NfkcTable(const icu::Normalizer2* nfkc_casefold)
    : nfkc_casefold_(nfkc_casefold), bits_(kLimit / 64), ready_(kLimit / 256) {}

bool NfkcTable::fill_block(UChar32 c) {
  const UChar32 first = c & ~0xFF;
  for (UChar32 d = first; d < first + 256; ++d) {
    if (U_IS_SURROGATE(d) || nfkc_casefold_->getCombiningClass(d) != 0 ||
        !nfkc_casefold_->hasBoundaryBefore(d)) {
      continue;
    }
    UErrorCode status = U_ZERO_ERROR;
    const UNormalizationCheckResult check =
        nfkc_casefold_->quickCheck(icu::UnicodeString(d), status);
    if (U_SUCCESS(status) && check == UNORM_YES) {
      bits_[static_cast<uint32_t>(d) / 64] |= uint64_t{1} << (d % 64);
    }
  }
  ready_[static_cast<uint32_t>(c) >> 8] = 1;
  return (bits_[static_cast<uint32_t>(c) / 64] >> (c % 64)) & 1;
}

void NfkcTable::fill_mapping(UChar32 c, Mapping& m) const {
  m.c = c;
  m.length = -1;
  if (c < 0 || c > 0x10FFFF || U_IS_SURROGATE(c) || !nfkc_casefold_->hasBoundaryBefore(c)) return;
  UErrorCode status = U_ZERO_ERROR;
  const icu::UnicodeString mapped = nfkc_casefold_->normalize(icu::UnicodeString(c), status);
  if (U_FAILURE(status) || mapped.length() > kMaxMapping) return;
  m.length = mapped.length();
  mapped.extract(0, m.length, m.units);
}

}  // namespace firecount
