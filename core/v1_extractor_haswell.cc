// The v1.1 extractor compiled for Haswell (AVX2, BMI, PCLMUL, LZCNT): CMake gives this file,
// and only this file, those target flags (see v1_extractor.h). Everything here has internal
// linkage so no AVX2 code can stand in for a baseline function at link time.

#include <cstdint>
#include <cstring>
#include <string_view>
#include <vector>

#include "core/json_line.h"
#include "core/tweet_time.h"
#include "core/v1_extractor.h"
#include "simdjson.h"

#if defined(__x86_64__) || defined(_M_X64)
#include <immintrin.h>
#endif

namespace firecount {

// simdjson declares On-Demand only for its built-in implementation, the best the target flags
// guarantee: in a build for an AVX-512 target (FIRECOUNT_NATIVE on such a machine) that is
// Ice Lake, there is no Haswell On-Demand, and the Ice Lake build serves instead.
#if defined(__AVX2__) && defined(__BMI__) && defined(__PCLMUL__) && defined(__LZCNT__) && \
    !SIMDJSON_CAN_ALWAYS_RUN_ICELAKE
namespace {
namespace ondemand = simdjson::haswell::ondemand;
#include "core/v1_extractor.inl"
}  // namespace

std::unique_ptr<V1Extractor> internal::make_v1_extractor_haswell() {
  return std::make_unique<V1ExtractorImpl>();
}
#else
std::unique_ptr<V1Extractor> internal::make_v1_extractor_haswell() { return nullptr; }
#endif

}  // namespace firecount
