// Framing: the Reader (io/reader.h) cutting a MemorySource into whole-line buffers and handing
// them over the queue, with a consumer thread returning them to the pool, as the engine runs it.
// Source reads of 64 KiB (a socket's) and of whole buffers (a file's). Bytes are stream bytes.
//
//   build/bench/framing_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstring>
#include <string>
#include <thread>

#include "core/synthetic_firehose.h"
#include "io/buffer_pool.h"
#include "io/memory_source.h"
#include "io/reader.h"

namespace firecount {
namespace {

const std::string& stream() {
  static const std::string s = [] {
    FirehoseConfig config;
    config.tweets = 10'000;
    SyntheticFirehose firehose(config);
    std::string out(64 << 20, '\0');
    size_t n = 0;
    while (size_t k = firehose.fill(out.data() + n, out.size() - n)) n += k;
    out.resize(n);
    return out;
  }();
  return s;
}

// Runs one Reader over the stream; returns the lines delivered (counted by the consumer).
size_t frame_once(const std::string& bytes, size_t chunk) {
  MemorySource source(bytes, MessageFormat::kTwitterV1, chunk);
  BufferPool pool(8, size_t{1} << 20);
  WorkQueue queue(8);
  Reader reader(source, pool, queue, size_t{16} << 20, [](const std::string&) {});
  size_t lines = 0;
  std::thread consumer([&] {
    Buffer* buffer = nullptr;
    for (;;) {
      queue.wait_dequeue(buffer);
      if (buffer == nullptr) break;
      const char* p = buffer->data();
      const char* end = p + buffer->size;
      while (p < end) {
        const void* nl = std::memchr(p, '\n', static_cast<size_t>(end - p));
        ++lines;
        p = nl ? static_cast<const char*>(nl) + 1 : end;
      }
      pool.release(buffer);
    }
  });
  (void)source.open();
  (void)reader.run();
  queue.enqueue(nullptr);
  consumer.join();
  return lines;
}

void BM_FramingReader(benchmark::State& state) {
  const std::string& bytes = stream();
  const size_t chunk = state.range(0) == 0 ? SIZE_MAX : static_cast<size_t>(state.range(0));
  const size_t expected = static_cast<size_t>(std::count(bytes.begin(), bytes.end(), '\n'));
  if (frame_once(bytes, chunk) != expected) state.SkipWithError("lines lost or split");
  for (auto _ : state) benchmark::DoNotOptimize(frame_once(bytes, chunk));
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * bytes.size()));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * expected));
}

// 0: whole-buffer reads (files), 65536: socket-sized reads.
BENCHMARK(BM_FramingReader)->Arg(0)->Arg(65536)->Unit(benchmark::kMillisecond)->UseRealTime();

}  // namespace
}  // namespace firecount
