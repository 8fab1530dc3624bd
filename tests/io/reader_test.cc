#include "io/reader.h"

#include <deque>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "io/memory_source.h"

namespace firecount {
namespace {

// A source that plays a script of reads: data chunks and reconnects.
class ScriptedSource final : public Source {
 public:
  struct Step {
    ReadResult::Kind kind;
    std::string bytes;
  };
  explicit ScriptedSource(std::deque<Step> steps) : steps_(std::move(steps)) {}
  absl::Status open() override { return absl::OkStatus(); }
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override {
    if (steps_.empty()) return ReadResult{ReadResult::Kind::kEnd, 0};
    Step& step = steps_.front();
    if (step.kind != ReadResult::Kind::kData) {
      const auto kind = step.kind;
      steps_.pop_front();
      return ReadResult{kind, 0};
    }
    const size_t n = std::min(capacity, step.bytes.size());
    std::memcpy(dest, step.bytes.data(), n);
    step.bytes.erase(0, n);
    if (step.bytes.empty()) steps_.pop_front();
    return ReadResult{ReadResult::Kind::kData, n};
  }
  void stop() override {}
  MessageFormat format() const override { return MessageFormat::kText; }
  SourcePosition position() const override { return {}; }
  std::string describe() const override { return "scripted"; }

 private:
  std::deque<Step> steps_;
};

struct Framed {
  std::vector<std::string> lines;  // in order, as the workers would see them
  std::vector<std::string> buffers;
  uint64_t oversize = 0, truncated = 0;
  std::vector<std::string> warnings;
  bool every_buffer_ends_a_line = true;
};

Framed frame(Source& source, size_t buffer_bytes, size_t max_line) {
  BufferPool pool(4, buffer_bytes);
  WorkQueue queue;
  Framed out;
  Reader reader(source, pool, queue, max_line,
                [&](const std::string& w) { out.warnings.push_back(w); });
  std::atomic<bool> done{false};
  std::thread t([&] {
    EXPECT_TRUE(reader.run().ok());
    done.store(true);
  });
  auto drain = [&] {
    Buffer* b;
    while (queue.try_dequeue(b)) {
      std::string bytes(b->data(), b->size);
      EXPECT_EQ(b->data()[b->capacity()], '\0');  // padding stays zero
      out.buffers.push_back(bytes);
      pool.release(b);
    }
  };
  while (!done.load()) {
    drain();
    std::this_thread::yield();
  }
  t.join();
  drain();
  for (size_t i = 0; i < out.buffers.size(); ++i) {
    const std::string& bytes = out.buffers[i];
    if (i + 1 < out.buffers.size() && (bytes.empty() || bytes.back() != '\n')) {
      out.every_buffer_ends_a_line = false;
    }
    size_t pos = 0;
    while (pos < bytes.size()) {
      size_t nl = bytes.find('\n', pos);
      if (nl == std::string::npos) nl = bytes.size();
      out.lines.push_back(bytes.substr(pos, nl - pos));
      pos = nl + 1;
    }
  }
  out.oversize = reader.stats().oversize_lines.load();
  out.truncated = reader.stats().truncated_lines.load();
  return out;
}

TEST(ReaderTest, LinesNeverStraddleBuffersWhateverTheChunking) {
  std::mt19937 rng(42);
  for (int round = 0; round < 40; ++round) {
    std::vector<std::string> lines;
    std::string bytes;
    const int count = 1 + static_cast<int>(rng() % 60);
    for (int i = 0; i < count; ++i) {
      std::string line(rng() % 50, 'a' + static_cast<char>(i % 26));
      if (rng() % 5 == 0) line += '\r';  // CRLF lines pass through to the parser
      lines.push_back(line);
      bytes += line + '\n';
    }
    MemorySource source(bytes, MessageFormat::kText, 1 + rng() % 70);
    const Framed f = frame(source, 64, 1 << 20);
    EXPECT_EQ(f.lines, lines) << "round " << round;
    EXPECT_TRUE(f.every_buffer_ends_a_line);
    EXPECT_EQ(f.oversize, 0u);
  }
}

TEST(ReaderTest, LastLineWithoutNewlineIsDelivered) {
  MemorySource source("one\ntwo\nthree", MessageFormat::kText, 3);
  const Framed f = frame(source, 64, 1 << 20);
  EXPECT_EQ(f.lines, (std::vector<std::string>{"one", "two", "three"}));
}

TEST(ReaderTest, KeepAliveLinesArePreserved) {
  MemorySource source("\r\n{\"a\":1}\r\n\r\n\n", MessageFormat::kText, 2);
  const Framed f = frame(source, 64, 1 << 20);
  EXPECT_EQ(f.lines, (std::vector<std::string>{"\r", "{\"a\":1}\r", "\r", ""}));
}

TEST(ReaderTest, LineLargerThanTheBufferGrowsIt) {
  const std::string big(1000, 'x');
  const std::string bytes = "a\n" + big + "\nb\n";
  MemorySource source(bytes, MessageFormat::kText, 7);
  const Framed f = frame(source, 64, 1 << 20);
  EXPECT_EQ(f.lines, (std::vector<std::string>{"a", big, "b"}));
}

TEST(ReaderTest, LineLongerThanTheLimitIsSkippedCountedAndReportedOnce) {
  const std::string huge(5000, 'h');
  const std::string bytes = "a\n" + huge + "\nb\n" + huge + "\nc";
  MemorySource source(bytes, MessageFormat::kText, 100);
  const Framed f = frame(source, 64, 1024);
  EXPECT_EQ(f.lines, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(f.oversize, 2u);
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_NE(f.warnings[0].find("longer than 1024 bytes"), std::string::npos);
}

TEST(ReaderTest, ReconnectDropsThePartialLineOnly) {
  using K = ReadResult::Kind;
  ScriptedSource source({{K::kData, "first\nsec"},
                         {K::kDiscontinuity, ""},
                         {K::kData, "third\nfou"},
                         {K::kData, "rth\n"}});
  const Framed f = frame(source, 64, 1 << 20);
  EXPECT_EQ(f.lines, (std::vector<std::string>{"first", "third", "fourth"}));
  EXPECT_EQ(f.truncated, 1u);
  EXPECT_EQ(f.warnings.size(), 1u);
}

TEST(ReaderTest, StopDropsAPartialLine) {
  using K = ReadResult::Kind;
  ScriptedSource source({{K::kData, "whole\npart"}, {K::kStopped, ""}});
  const Framed f = frame(source, 64, 1 << 20);
  EXPECT_EQ(f.lines, (std::vector<std::string>{"whole"}));
}

}  // namespace
}  // namespace firecount
