#include "io/line_queue.h"

#include <gtest/gtest.h>

#include <string>
#include <thread>

namespace firecount {
namespace {

std::string read_some(LineQueue& q, size_t cap, ReadResult::Kind* kind = nullptr) {
  std::string buf(cap, '\0');
  ReadResult r = q.read(buf.data(), cap);
  if (kind) *kind = r.kind;
  return buf.substr(0, r.bytes);
}

TEST(LineQueueTest, DeliversBytesAcrossSmallReadsAndWraps) {
  LineQueue q(1024, /*block_when_full=*/false);
  std::string expected;
  std::string got;
  for (int round = 0; round < 50; ++round) {
    std::string line = "line " + std::to_string(round) + std::string(round * 7 % 300, 'x');
    ASSERT_TRUE(q.push_line(line));
    expected += line + "\n";
    while (q.size_bytes() > 0) got += read_some(q, 13);
  }
  EXPECT_EQ(got, expected);
}

TEST(LineQueueTest, DropPolicyDropsWholeLinesWhenFull) {
  LineQueue q(1024, false);
  int accepted = 0;
  for (int i = 0; i < 100; ++i) accepted += q.push_line(std::string(99, 'a')) ? 1 : 0;
  EXPECT_EQ(accepted, 10);                            // 10 x 100 bytes fit in 1024
  EXPECT_FALSE(q.push_line(std::string(5000, 'b')));  // larger than the queue
}

TEST(LineQueueTest, DiscontinuityIsReportedBetweenLines) {
  LineQueue q(1024, false);
  q.push_line("first");
  q.push_discontinuity();
  q.push_line("second");
  ReadResult::Kind kind;
  EXPECT_EQ(read_some(q, 100, &kind), "first\n");
  EXPECT_EQ(read_some(q, 100, &kind), "");
  EXPECT_EQ(kind, ReadResult::Kind::kDiscontinuity);
  EXPECT_EQ(read_some(q, 100, &kind), "second\n");
  q.close();
  read_some(q, 100, &kind);
  EXPECT_EQ(kind, ReadResult::Kind::kEnd);
}

TEST(LineQueueTest, BlockPolicyWaitsForTheReaderAndStopWakesBothSides) {
  LineQueue q(1024, /*block_when_full=*/true);
  std::thread producer([&] {
    for (int i = 0; i < 200; ++i) ASSERT_TRUE(q.push_line(std::string(99, 'z')));
    q.close();
  });
  size_t total = 0;
  ReadResult::Kind kind = ReadResult::Kind::kData;
  while (kind != ReadResult::Kind::kEnd) total += read_some(q, 256, &kind).size();
  producer.join();
  EXPECT_EQ(total, 200u * 100u);  // nothing dropped

  LineQueue blocked(1024, true);
  for (int i = 0; i < 10; ++i) blocked.push_line(std::string(99, 'a'));
  std::thread waiter([&] { EXPECT_FALSE(blocked.push_line(std::string(99, 'a'))); });
  std::this_thread::sleep_for(std::chrono::milliseconds(20));
  blocked.stop();
  waiter.join();
  read_some(blocked, 10, &kind);
  EXPECT_EQ(kind, ReadResult::Kind::kStopped);
}

}  // namespace
}  // namespace firecount
