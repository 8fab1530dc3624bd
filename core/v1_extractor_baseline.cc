// The v1.1 extractor compiled for the build's baseline ISA (see v1_extractor.h), and the
// runtime choice between it and the Haswell build.

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
namespace {
namespace ondemand = simdjson::ondemand;
#include "core/v1_extractor.inl"
}  // namespace

namespace internal {
std::unique_ptr<V1Extractor> make_v1_extractor_baseline() {
  return std::make_unique<V1ExtractorImpl>();
}
#define FIRECOUNT_STR2(x) #x
#define FIRECOUNT_STR(x) FIRECOUNT_STR2(x)
const char* v1_extractor_baseline_name() { return FIRECOUNT_STR(SIMDJSON_BUILTIN_IMPLEMENTATION); }
}  // namespace internal

namespace {
bool cpu_runs(const char* kernel) {
  const auto* implementation = simdjson::get_available_implementations()[kernel];
  return implementation != nullptr && implementation->supported_by_runtime_system();
}
}  // namespace

std::unique_ptr<V1Extractor> make_v1_extractor() {
  // simdjson's icelake check leaves out POPCNT and LZCNT, which the icelake build also uses:
  // every CPU with AVX-512 has both.
  if (cpu_runs("icelake")) {
    if (auto extractor = internal::make_v1_extractor_icelake()) return extractor;
  }
  if (cpu_runs("haswell")) {
    if (auto extractor = internal::make_v1_extractor_haswell()) return extractor;
  }
  return internal::make_v1_extractor_baseline();
}

const char* v1_extractor_implementation() {
  if (cpu_runs("icelake") && internal::make_v1_extractor_icelake()) return "icelake";
  if (cpu_runs("haswell") && internal::make_v1_extractor_haswell()) return "haswell";
  return internal::v1_extractor_baseline_name();
}

}  // namespace firecount
