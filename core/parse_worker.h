#pragma once
// ParseWorker: the per-core hot path. Takes a buffer of whole lines, and for each line extracts
// the record (core/message_extractor.h), tokenizes its text (core/tokenizer.h) and counts the
// tokens into the worker's current BatchDelta. No locks, atomics or allocations per word.
//
// The engine (io/engine.h) runs one ParseWorker per worker thread; tests and benchmarks call it
// directly on plain byte ranges.
//
// Threading: not thread-safe; one instance per thread.

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string_view>
#include <vector>

#include "core/batch_delta.h"
#include "core/message_extractor.h"
#include "core/token_list.h"
#include "core/tokenizer.h"

namespace firecount {

class ParseWorker {
 public:
  ParseWorker(MessageFormat format, std::unique_ptr<Tokenizer> tokenizer, bool skip_retweets);

  // Processes every line in [data, data + size): lines end in "\n" (or "\r\n"); the last one may
  // lack it. `readable` bytes from `data` may be read (>= size + simdjson::SIMDJSON_PADDING).
  // `stream_offset` is the source offset of data[0], used to point at bad lines.
  void process(const char* data, size_t size, size_t readable, uint64_t stream_offset,
               BatchDelta& delta);

  // Processes one line (no trailing "\n"). Same contract as process().
  void process_line(std::string_view line, size_t readable, uint64_t stream_offset,
                    BatchDelta& delta);

 private:
  // Counts the record just extracted from `line` (or the line's kind, if it is no tweet).
  void count(MessageKind kind, std::string_view line, uint64_t stream_offset, BatchDelta& delta);

  MessageExtractor extractor_;
  std::unique_ptr<Tokenizer> tokenizer_;
  bool skip_retweets_;
  Record record_;
  TokenList tokens_;
};

}  // namespace firecount
