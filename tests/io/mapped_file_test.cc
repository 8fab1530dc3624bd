// Mapped files (io/mapped_file.h) through the Reader, against the read() path on the same file:
// the same lines at the same offsets, the same oversize lines skipped; appends, truncation, stop.

#include "io/mapped_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <fstream>
#include <functional>
#include <random>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "gtest/gtest.h"
#include "io/fd_source.h"
#include "io/reader.h"

namespace firecount {
namespace {

struct Line {
  uint64_t offset;
  std::string bytes;
  bool operator==(const Line&) const = default;
};

std::ostream& operator<<(std::ostream& os, const Line& line) {
  return os << line.offset << ":" << line.bytes.size() << "B";
}

struct Framed {
  std::vector<Line> lines;  // in order, as the workers would see them, with their source offsets
  uint64_t oversize = 0;
  std::vector<std::string> warnings;
  size_t views = 0;          // buffers that were views into a mapping
  bool whole_lines = true;   // every buffer but the last ends with "\n"
  bool padded = true;        // readable() >= size + kBufferPadding, and those bytes can be read
  bool offsets_rise = true;  // each buffer starts at or after the end of the one before
};

// Runs a Reader over the opened `source` with a consumer thread like an engine worker.
// `on_buffer` runs in the consumer before each buffer is returned (index of the buffer).
Framed frame(Source& source, size_t buffer_bytes, size_t max_line, size_t buffers = 4,
             const std::function<void(size_t)>& on_buffer = nullptr) {
  BufferPool pool(buffers, buffer_bytes);
  WorkQueue queue;
  Framed out;
  Reader reader(source, pool, queue, max_line,
                [&](const std::string& w) { out.warnings.push_back(w); });
  std::vector<std::pair<uint64_t, std::string>> buffers_seen;
  std::thread consumer([&] {
    Buffer* b = nullptr;
    uint64_t last_end = 0;
    for (;;) {
      queue.wait_dequeue(b);
      if (b == nullptr) break;
      if (b->view_file() != nullptr) ++out.views;
      if (b->readable() < b->size + kBufferPadding) out.padded = false;
      volatile char last_padding = b->data()[b->size + kBufferPadding - 1];
      (void)last_padding;
      if (b->stream_offset < last_end) out.offsets_rise = false;
      last_end = b->stream_offset + b->size;
      buffers_seen.emplace_back(b->stream_offset, std::string(b->data(), b->size));
      if (on_buffer) on_buffer(buffers_seen.size() - 1);
      pool.release(b);
    }
  });
  EXPECT_TRUE(reader.run().ok());
  queue.enqueue(nullptr);
  consumer.join();
  reader.finish();
  for (size_t i = 0; i < buffers_seen.size(); ++i) {
    const auto& [offset, bytes] = buffers_seen[i];
    if (i + 1 < buffers_seen.size() && (bytes.empty() || bytes.back() != '\n')) {
      out.whole_lines = false;
    }
    size_t pos = 0;
    while (pos < bytes.size()) {
      size_t nl = bytes.find('\n', pos);
      if (nl == std::string::npos) nl = bytes.size();
      out.lines.push_back({offset + pos, bytes.substr(pos, nl - pos)});
      pos = nl + 1;
    }
  }
  out.oversize = reader.stats().oversize_lines.load();
  return out;
}

class MappedFileTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
    path_ =
        ::testing::TempDir() + "firecount_mapped_" + info->name() + "_" + std::to_string(getpid());
  }
  void TearDown() override { ::unlink(path_.c_str()); }

  void write(const std::string& bytes) {
    std::ofstream(path_, std::ios::binary | std::ios::trunc) << bytes;
  }
  // Writes `bytes` to the file and maps all of it.
  std::unique_ptr<MappedFile> write_and_map(const std::string& bytes) {
    write(bytes);
    const int fd = ::open(path_.c_str(), O_RDONLY);
    EXPECT_GE(fd, 0);
    auto mapped = MappedFile::map(fd, bytes.size());
    ::close(fd);
    EXPECT_TRUE(mapped.ok()) << mapped.status();
    return mapped.ok() ? std::move(*mapped) : nullptr;
  }
  // An opened source over the file.
  std::unique_ptr<FdSource> source(FileAccess access) {
    auto s = FdSource::file(path_, MessageFormat::kText, access);
    EXPECT_TRUE(s->open().ok());
    return s;
  }
  // Frames the file both ways and checks they agree; returns the mapped framing.
  Framed both_ways(size_t buffer_bytes, size_t max_line, const std::string& what) {
    auto read_source = source(FileAccess::kRead);
    auto map_source = source(FileAccess::kMapIfRegular);
    const Framed by_read = frame(*read_source, buffer_bytes, max_line);
    const Framed by_map = frame(*map_source, buffer_bytes, max_line);
    EXPECT_EQ(read_source->mapped(), nullptr);
    EXPECT_EQ(by_read.views, 0u);
    EXPECT_EQ(by_map.lines, by_read.lines) << what;
    EXPECT_EQ(by_map.oversize, by_read.oversize) << what;
    EXPECT_EQ(by_map.warnings, by_read.warnings) << what;
    EXPECT_TRUE(by_map.whole_lines) << what;
    EXPECT_TRUE(by_map.padded) << what;
    EXPECT_TRUE(by_map.offsets_rise) << what;
    return by_map;
  }

  std::string path_;
};

TEST_F(MappedFileTest, RandomFilesGiveTheSameLinesAsRead) {
  std::mt19937 rng(7);
  size_t views = 0;
  for (int round = 0; round < 120; ++round) {
    const size_t buffer_bytes = std::vector<size_t>{64, 100, 300, 4096, 10000}[rng() % 5];
    const size_t max_line = std::vector<size_t>{64, 500, 3000, 1 << 20}[rng() % 4];
    // Lengths cluster around the 64-byte margin, the view size and the line limit.
    const size_t anchors[] = {0, 1, kBufferPadding, buffer_bytes, max_line};
    std::string bytes;
    const int count = static_cast<int>(rng() % 400);
    for (int i = 0; i < count; ++i) {
      size_t length = rng() % 200;
      if (rng() % 3 == 0) {
        const size_t anchor = anchors[rng() % 5];
        length = anchor + rng() % 5;
        if (anchor >= 2) length -= 2;
      }
      std::string line(length, static_cast<char>('a' + i % 26));
      if (rng() % 6 == 0 && !line.empty()) line.back() = '\r';  // CRLF
      bytes += line;
      if (i + 1 < count || rng() % 2 == 0) bytes += '\n';  // sometimes no "\n" at the end
    }
    // The end of the file lands anywhere relative to the last view's padding.
    bytes += std::string(rng() % 3 == 0 ? rng() % 130 : 0, 'z');
    write(bytes);
    const Framed f = both_ways(buffer_bytes, max_line, "round " + std::to_string(round));
    views += f.views;
    if (testing::Test::HasFailure()) break;
  }
  EXPECT_GT(views, 1000u);  // the mapped path was taken, not a fallback to read()
}

TEST_F(MappedFileTest, LongLinesAroundTheLimitAndTheLastStretch) {
  const size_t limit = 1000;
  for (size_t tail : {0u, 1u, 63u, 64u, 65u, 200u}) {
    for (size_t long_length : {limit - 2, limit - 1, limit, limit + 1, size_t{5000}}) {
      std::string bytes = "a\n" + std::string(long_length, 'L') + "\nb\n" +
                          std::string(long_length, 'M') + "\n" + std::string(tail, 't');
      write(bytes);
      both_ways(128, limit, std::to_string(long_length) + "/" + std::to_string(tail));
      // The long line runs to the end of the file, with or without its "\n".
      write("a\n" + std::string(long_length, 'L') + std::string(tail ? 1 : 0, '\n'));
      both_ways(128, limit, "at the end " + std::to_string(long_length));
    }
  }
}

TEST_F(MappedFileTest, SmallFiles) {
  for (const std::string& bytes : std::vector<std::string>{
           std::string("partial line only"), "\n", "\r\n\r\n", "x\n", std::string(63, 'y'),
           std::string(64, 'y'), std::string(64, 'y') + "\n", std::string(65, 'y') + "\nz",
           std::string(4095, 'p') + "\n", std::string(4096, 'p') + "\n" + std::string(200, 'q')}) {
    write(bytes);
    both_ways(64, 1 << 20, std::to_string(bytes.size()) + " bytes");
  }
  write("partial line only");
  auto s = source(FileAccess::kMapIfRegular);
  const Framed f = frame(*s, 64, 1 << 20);
  EXPECT_EQ(f.lines, (std::vector<Line>{{0, "partial line only"}}));
}

TEST_F(MappedFileTest, EmptyFileIsReadNotMapped) {
  write("");
  auto s = source(FileAccess::kMapIfRegular);
  const Framed f = frame(*s, 64, 1 << 20);
  EXPECT_EQ(s->mapped(), nullptr);
  EXPECT_TRUE(f.lines.empty());
}

TEST_F(MappedFileTest, ProcFilesAndPipesAreReadNotMapped) {
  auto proc = FdSource::file("/proc/self/status", MessageFormat::kText);
  ASSERT_TRUE(proc->open().ok());
  const Framed f = frame(*proc, 4096, 1 << 20);
  EXPECT_EQ(proc->mapped(), nullptr);
  EXPECT_FALSE(f.lines.empty());
}

// Lines 0..n-1 of the given length (with "\n"), each starting with its number.
std::string numbered_lines(int n, size_t length) {
  std::string bytes;
  for (int i = 0; i < n; ++i) {
    std::string line = std::to_string(i) + ":";
    line.resize(length - 1, 'x');
    bytes += line + "\n";
  }
  return bytes;
}

TEST_F(MappedFileTest, BytesAppendedAfterOpenAreReadToTheNewEnd) {
  const std::string first = numbered_lines(3000, 100);
  const std::string more = numbered_lines(500, 77) + "last without newline";
  write(first.substr(0, first.size() - 30));  // the mapping ends inside a line
  auto s = source(FileAccess::kMapIfRegular);
  ASSERT_NE(s->mapped(), nullptr);
  EXPECT_EQ(s->mapped()->size(), first.size() - 30);
  std::ofstream(path_, std::ios::binary | std::ios::app) << first.substr(first.size() - 30) << more;
  const Framed f = frame(*s, 4096, 1 << 20);
  std::string delivered;
  for (const Line& line : f.lines) {
    EXPECT_EQ(line.offset, delivered.size());
    delivered += line.bytes + "\n";
  }
  EXPECT_EQ(delivered, first + more + "\n");
  EXPECT_GT(f.views, 50u);
}

TEST_F(MappedFileTest, TruncatedAfterOpenEndsAtTheNewEndWithAWarning) {
  const std::string bytes = numbered_lines(20000, 100);  // 2 MB: many pages past the cut
  for (const uint64_t cut : {uint64_t{100} * 1234, uint64_t{100} * 1234 + 50, uint64_t{1}}) {
    write(bytes);
    auto s = source(FileAccess::kMapIfRegular);
    ASSERT_NE(s->mapped(), nullptr);
    ASSERT_EQ(::truncate(path_.c_str(), static_cast<off_t>(cut)), 0);
    const Framed f = frame(*s, 4096, 1 << 20);
    ASSERT_EQ(f.lines.size(), cut / 100) << cut;  // whole lines before the cut; the cut one dropped
    for (size_t i = 0; i < f.lines.size(); ++i) {
      ASSERT_EQ(f.lines[i].offset, i * 100);
      ASSERT_EQ(f.lines[i].bytes, bytes.substr(i * 100, 99));
    }
    ASSERT_EQ(f.warnings.size(), 1u);
    EXPECT_NE(f.warnings[0].find(" shrank from 2000000 to " + std::to_string(cut) +
                                 " bytes while being read: lines from byte " + std::to_string(cut) +
                                 " on were not counted"),
              std::string::npos)
        << f.warnings[0];
  }
}

TEST_F(MappedFileTest, TruncatedWhileViewsAreInFlightEndsCleanly) {
  const std::string bytes = numbered_lines(40000, 100);  // 4 MB
  write(bytes);
  auto s = source(FileAccess::kMapIfRegular);
  const uint64_t cut = 100 * 15000 + 30;
  const Framed f = frame(*s, 64 << 10, 1 << 20, 4, [&](size_t i) {
    if (i == 2) EXPECT_EQ(::truncate(path_.c_str(), static_cast<off_t>(cut)), 0);
  });
  // Every line before the cut, then maybe lines of zeros (views handed over before the cut was
  // seen): nothing else, nothing past them.
  size_t i = 0;
  for (; i < f.lines.size() && f.lines[i].offset < 15000 * 100; ++i) {
    ASSERT_EQ(f.lines[i].offset, i * 100);
    ASSERT_EQ(f.lines[i].bytes, bytes.substr(i * 100, 99));
  }
  EXPECT_EQ(i, 15000u);
  for (; i < f.lines.size(); ++i) {
    EXPECT_EQ(f.lines[i].bytes.find_first_not_of('\0', f.lines[i].offset < cut ? 30 : 0),
              std::string::npos)
        << "line at " << f.lines[i].offset;
  }
  ASSERT_EQ(f.warnings.size(), 1u);
  EXPECT_NE(f.warnings[0].find("shrank from 4000000 to " + std::to_string(cut)), std::string::npos)
      << f.warnings[0];
}

TEST_F(MappedFileTest, StopMidFileDeliversAPrefixOfWholeLines) {
  const std::string bytes = numbered_lines(50000, 100);
  write(bytes);
  auto s = source(FileAccess::kMapIfRegular);
  const Framed f = frame(*s, 4096, 1 << 20, 2, [&](size_t i) {
    if (i == 3) s->stop();
  });
  EXPECT_GE(f.lines.size(), 4u * 40);
  EXPECT_LT(f.lines.size(), 1000u);  // the reader stopped within a couple of views
  for (size_t i = 0; i < f.lines.size(); ++i) {
    ASSERT_EQ(f.lines[i].offset, i * 100);
    ASSERT_EQ(f.lines[i].bytes, bytes.substr(i * 100, 99));
  }
}

TEST_F(MappedFileTest, ReleasedPagesReadTheSameAgain) {
  const std::string bytes = numbered_lines(1000, 100);
  const std::unique_ptr<MappedFile> mapped = write_and_map(bytes);
  ASSERT_NE(mapped, nullptr);
  const MappedFile& m = *mapped;
  EXPECT_EQ(std::string(m.data(), m.size()), bytes);
  m.prefault(0, m.size());
  m.release(0, m.size());
  EXPECT_EQ(std::string(m.data(), m.size()), bytes);
  EXPECT_FALSE(m.shrunk());
}

// The resident bytes of the mapping at `data` (its "Rss:" in /proc/self/smaps), or -1.
long long mapping_rss_bytes(const char* data) {
  std::ifstream smaps("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(smaps, line)) {
    unsigned long long begin = 0, end = 0;
    if (std::sscanf(line.c_str(), "%llx-%llx ", &begin, &end) == 2 && line.find(' ') != 0) {
      inside = begin == reinterpret_cast<uintptr_t>(data);
      continue;
    }
    long long kb = 0;
    if (inside && std::sscanf(line.c_str(), "Rss: %lld kB", &kb) == 1) return kb * 1024;
  }
  return -1;
}

// Views handed out and returned in order, each read through: the pages below the views out leave
// the process in steps, so it never holds much more than a step of the file.
TEST_F(MappedFileTest, ReturnedViewsLeaveTheProcessInSteps) {
  constexpr uint64_t kView = 1 << 20;
  const std::string bytes = numbered_lines(6 * MappedFile::kDropStep / 100, 100);
  const std::unique_ptr<MappedFile> mapped = write_and_map(bytes);
  ASSERT_NE(mapped, nullptr);
  const MappedFile& m = *mapped;
  long long peak = 0;
  uint64_t sum = 0;
  for (uint64_t begin = 0; begin < m.size(); begin += kView) {
    const uint64_t end = std::min<uint64_t>(begin + kView, m.size());
    m.prefault(begin, end);
    m.view_handed_out(begin, end);
    for (uint64_t i = begin; i < end; i += 512) sum += static_cast<unsigned char>(m.data()[i]);
    peak = std::max(peak, mapping_rss_bytes(m.data()));
    m.view_returned(begin);
  }
  EXPECT_GT(sum, 0u);
  ASSERT_GT(peak, 0);  // smaps was read
  EXPECT_LE(peak, static_cast<long long>(MappedFile::kDropStep + 2 * kView));
  EXPECT_LE(mapping_rss_bytes(m.data()), static_cast<long long>(MappedFile::kDropStep + kView));
  EXPECT_EQ(std::string(m.data(), m.size()), bytes);  // dropped pages read the same again
}

TEST_F(MappedFileTest, SigbusPastTheNewEndReadsZerosAndIsRecorded) {
  const std::string bytes = numbered_lines(1000, 100);  // 100000 bytes, 25 pages
  const std::unique_ptr<MappedFile> mapped = write_and_map(bytes);
  ASSERT_NE(mapped, nullptr);
  const MappedFile& m = *mapped;
  ASSERT_EQ(::truncate(path_.c_str(), 10000), 0);
  const volatile char* data = m.data();
  EXPECT_EQ(data[50000], '\0');  // SIGBUS, handled: zeros from that page on
  EXPECT_TRUE(m.shrunk());
  EXPECT_EQ(m.first_zeroed(), 49152u);
  EXPECT_EQ(data[99999], '\0');
  EXPECT_EQ(data[9999], bytes[9999]);  // before the cut: the file's bytes
  EXPECT_EQ(m.current_size(), 10000u);
}

TEST(MappedFileDeathTest, SigbusOutsideOurMappingsStillKills) {
  GTEST_FLAG_SET(death_test_style, "threadsafe");
  const std::string path = ::testing::TempDir() + "firecount_sigbus_" + std::to_string(getpid());
  std::ofstream(path) << std::string(100000, 'x');
  // Install the handler (with a mapping of our own), then fault in a mapping that is not ours.
  EXPECT_EXIT(
      {
        const int fd = ::open(path.c_str(), O_RDONLY);
        auto ours = MappedFile::map(fd, 100000);
        if (!ours.ok()) _exit(3);
        const auto* theirs = static_cast<const volatile char*>(
            ::mmap(nullptr, 100000, PROT_READ, MAP_SHARED, fd, 0));
        if (::ftruncate(::open(path.c_str(), O_WRONLY), 10) != 0) _exit(4);
        (void)theirs[50000];
        _exit(0);
      },
      ::testing::KilledBySignal(SIGBUS), "");
  EXPECT_EXIT(
      {
        const int fd = ::open(path.c_str(), O_RDONLY);
        auto ours = MappedFile::map(fd, 100000);
        raise(SIGBUS);
        _exit(0);
      },
      ::testing::KilledBySignal(SIGBUS), "");
  ::unlink(path.c_str());
}

}  // namespace
}  // namespace firecount
