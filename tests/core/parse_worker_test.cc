#include "core/parse_worker.h"

#include <map>
#include <random>
#include <string>
#include <string_view>
#include <vector>

#include "core/synthetic_firehose.h"
#include "gtest/gtest.h"

namespace firecount {
namespace {

constexpr size_t kPadding = 64;

std::unique_ptr<ParseWorker> make_worker() {
  auto tokenizer = make_tokenizer(TokenizerConfig{});
  EXPECT_TRUE(tokenizer.ok());
  return std::make_unique<ParseWorker>(MessageFormat::kTwitterV1, std::move(*tokenizer), false);
}

std::map<std::string, uint64_t> words_of(const BatchDelta& delta) {
  std::map<std::string, uint64_t> words;
  for (const WordTable::Entry& e : delta.counts.entries()) words[std::string(e.word())] = e.count;
  return words;
}

// The synthetic stream's lines, with the variations a buffer of lines meets: "\r\n" endings,
// blank lines, a bad byte in the part after `truncated` (stage 1 does not see it on the fast
// path), a status cut and followed by a whole one, a malformed line.
std::vector<std::string> varied_lines(uint64_t seed) {
  FirehoseConfig config;
  config.seed = seed;
  config.tweets = 300;
  SyntheticFirehose firehose(config);
  std::string bytes(firehose.max_line_bytes() * 4, '\0');
  std::string all;
  while (size_t n = firehose.fill(bytes.data(), bytes.size())) all.append(bytes.data(), n);
  std::vector<std::string> lines;
  for (size_t start = 0; start < all.size();) {
    size_t nl = all.find('\n', start);
    if (nl == std::string::npos) nl = all.size();
    std::string line = all.substr(start, nl - start);
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(std::move(line));
    start = nl + 1;
  }
  std::mt19937 rng(static_cast<uint32_t>(seed));
  std::vector<std::string> out;
  for (size_t i = 0; i < lines.size(); ++i) {
    std::string line = lines[i];
    switch (rng() % 12) {
      case 0:
        line += '\r';
        break;
      case 1:
        out.emplace_back("");  // a blank line before it
        break;
      case 2:
        if (line.size() > 200) line[line.size() - 100 - rng() % 100] = '\xff';
        break;
      case 3:
        if (line.size() > 200 && i + 1 < lines.size()) {
          line = line.substr(0, line.size() / 2) + lines[i + 1];
        }
        break;
      case 4:
        line = "{\"created_at\":";
        break;
      default:
        break;
    }
    out.push_back(std::move(line));
  }
  return out;
}

// A buffer of lines, processed in slices as the engine does, counts exactly what the same lines
// counted one at a time do: the fast path finds each line's end itself (and stops at it).
TEST(ParseWorkerTest, ABufferOfLinesCountsAsItsLinesOneByOne) {
  for (uint64_t seed : {1u, 2u, 3u}) {
    const std::vector<std::string> lines = varied_lines(seed);
    std::string buffer;
    for (size_t i = 0; i < lines.size(); ++i) {
      buffer += lines[i];
      if (i + 1 < lines.size() || seed != 2) buffer += '\n';  // seed 2: the last line lacks it
    }
    const size_t size = buffer.size();
    buffer.append(kPadding, '\0');

    auto by_line = make_worker();
    BatchDelta want;
    size_t offset = 0;
    for (const std::string& line : lines) {
      std::string padded = line + std::string(kPadding, '\0');
      by_line->process_line(std::string_view(padded.data(), line.size()), padded.size(), offset,
                            want);
      offset += line.size() + 1;
    }

    auto by_buffer = make_worker();
    BatchDelta got;
    std::mt19937 rng(static_cast<uint32_t>(seed) * 7);
    for (size_t done = 0; done < size;) {
      // A slice of whole lines, of random length.
      size_t n = std::min(size - done, size_t{1} + rng() % 20000);
      const size_t nl = buffer.find('\n', done + n - 1);
      n = nl == std::string::npos || nl >= size ? size - done : nl + 1 - done;
      by_buffer->process(buffer.data() + done, n, buffer.size() - done, done, got);
      done += n;
    }

    EXPECT_EQ(got.messages, want.messages) << "seed " << seed;
    EXPECT_EQ(got.tokens, want.tokens) << "seed " << seed;
    EXPECT_GT(got.tweets(), 200u) << "seed " << seed;
    EXPECT_GT(got.messages[static_cast<int>(MessageKind::kMalformed)], 0u) << "seed " << seed;
    EXPECT_GT(got.messages[static_cast<int>(MessageKind::kInvalidUtf8)], 0u) << "seed " << seed;
    EXPECT_GT(got.messages[static_cast<int>(MessageKind::kKeepAlive)], 0u) << "seed " << seed;
    EXPECT_EQ(got.first_malformed.stream_offset, want.first_malformed.stream_offset);
    EXPECT_EQ(got.first_invalid_utf8.stream_offset, want.first_invalid_utf8.stream_offset);
    EXPECT_EQ(words_of(got), words_of(want)) << "seed " << seed;
  }
}

}  // namespace
}  // namespace firecount
