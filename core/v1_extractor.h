#pragma once
// V1Extractor: simdjson On-Demand extraction of one v1.1 message, compiled per CPU target.
//
// simdjson's On-Demand front end is compiled into the including translation unit for the ISA
// that unit targets; without -mavx2 that is the portable "fallback" kernel, several times
// slower. So the same extraction body (core/v1_extractor.inl) is compiled three times: for the
// build's baseline, for Haswell (AVX2, BMI, PCLMUL, LZCNT) and for Ice Lake (AVX-512), and
// make_v1_extractor() picks
// the best one the running CPU supports. No -march=native is needed for full speed.
//
// All walk the top-level fields with raw key matching and take a shortcut at the end of
// Twitter stream statuses (core/v1_extractor.inl, try_stream_tail), and for stream statuses
// parse only the fields up to `truncated` (try_stream_status), and with `truncated:true` the
// line's last fields from `extended_tweet` on. The reference extractor
// (internal::make_v1_extractor_reference) is the plain walk of every field, the oracle the
// differential tests hold the fast one to.
//
// Threading: an instance is not thread-safe (it owns a parser); one per worker.

#include <memory>
#include <string_view>

#include "core/record.h"

namespace firecount {

class V1Extractor {
 public:
  virtual ~V1Extractor() = default;
  // See MessageExtractor::extract; `line` has no "\r\n" and is not blank.
  virtual MessageKind extract(std::string_view line, size_t readable, Record& out) = 0;

  // extract() for a line try_stream_status() already declined: the same answer, without trying
  // that shortcut a second time.
  virtual MessageKind extract_declined(std::string_view line, size_t readable, Record& out) {
    return extract(line, readable, out);
  }

  // The shortcut for a stream status, on the line that starts at `begin` in a buffer of lines
  // ending at `end` (the line ends at its first '\n', else at `end`; a "\r" before the '\n' is
  // allowed; 64 bytes past `end` are readable). Finds the line's end in the same pass as its
  // checks, so the caller need not search for it first. True: a counted tweet, `out` filled
  // exactly as extract() on that line would, `line_end` at its '\n' or `end`. False: the caller
  // must extract() the line; `out` is unspecified, and `line_end` is the line's end if it was
  // found, else nullptr. The reference extractor always returns false.
  virtual bool try_stream_status(const char* begin, const char* end, Record& out,
                                 const char*& line_end) {
    (void)begin, (void)end, (void)out;
    line_end = nullptr;
    return false;
  }
};

// The fastest implementation this CPU runs.
std::unique_ptr<V1Extractor> make_v1_extractor();

// Name of the implementation make_v1_extractor() picks ("icelake", "haswell" or the
// baseline's name).
const char* v1_extractor_implementation();

namespace internal {
std::unique_ptr<V1Extractor> make_v1_extractor_baseline();
std::unique_ptr<V1Extractor> make_v1_extractor_haswell();  // nullptr when not compiled in
std::unique_ptr<V1Extractor> make_v1_extractor_icelake();  // nullptr when not compiled in
const char* v1_extractor_baseline_name();
// The full walk without shortcuts (core/v1_extractor_reference.cc), for tests and benchmarks.
std::unique_ptr<V1Extractor> make_v1_extractor_reference();
}  // namespace internal

}  // namespace firecount
