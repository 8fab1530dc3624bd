#pragma once
// SyntheticFirehose: a deterministic generator of Twitter v1.1 streaming messages.
//
// Used by `--source synthetic` (through io/synthetic_source), `firecount gen` and `firecount
// bench`. For a given config (seed included) the byte stream is always the same. It writes whole
// NDJSON lines only: full tweet objects, retweets, extended tweets, delete/limit notices and blank
// keep-alive lines, in the same mix the live v1.1 stream has.
//
// Threading: not thread-safe; one generator per thread.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace firecount {

struct FirehoseConfig {
  uint64_t seed = 1;
  uint64_t tweets = 0;  // number of tweet messages to produce; 0 = endless
};

class SyntheticFirehose {
 public:
  explicit SyntheticFirehose(const FirehoseConfig& config);
  ~SyntheticFirehose();
  SyntheticFirehose(const SyntheticFirehose&) = delete;
  SyntheticFirehose& operator=(const SyntheticFirehose&) = delete;

  // Writes as many whole lines (each ending in '\n') as fit into [dest, dest + capacity) and
  // returns the bytes written; 0 only when the configured number of tweets has been produced.
  // If capacity is smaller than the next line, returns 0 only at the end; otherwise at least one
  // line is written when capacity >= max_line_bytes().
  size_t fill(char* dest, size_t capacity);

  // Upper bound of any one line's size, so callers can size buffers.
  size_t max_line_bytes() const;

  // Tweet messages produced so far.
  uint64_t tweets_produced() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace firecount
