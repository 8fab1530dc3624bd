// The v1.1 extractor compiled for Ice Lake (AVX-512 BW/VL/DQ/CD/VBMI2 on top of Haswell's set):
// CMake gives this file, and only this file, those target flags (see v1_extractor.h). simdjson's
// On-Demand front end then builds for its "icelake" kernel, and the shortcut's byte scans take
// 64 bytes at a time into mask registers. Everything here has internal linkage so no AVX-512
// code can stand in for another build's function at link time.

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

#if SIMDJSON_CAN_ALWAYS_RUN_ICELAKE && defined(__POPCNT__)
namespace {
namespace ondemand = simdjson::icelake::ondemand;
#include "core/v1_extractor.inl"
}  // namespace

std::unique_ptr<V1Extractor> internal::make_v1_extractor_icelake() {
  return std::make_unique<V1ExtractorImpl>();
}
#else
std::unique_ptr<V1Extractor> internal::make_v1_extractor_icelake() { return nullptr; }
#endif

}  // namespace firecount
