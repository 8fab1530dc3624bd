#include "core/backoff.h"

#include <gtest/gtest.h>

namespace firecount {
namespace {

using std::chrono::milliseconds;

TEST(BackoffTest, NetworkErrorsAreLinearTo16Seconds) {
  BackoffPolicy p{BackoffConfig{}};
  EXPECT_EQ(p.next_delay(ReconnectCause::kNetwork), milliseconds(250));
  EXPECT_EQ(p.next_delay(ReconnectCause::kNetwork), milliseconds(500));
  EXPECT_EQ(p.next_delay(ReconnectCause::kStall), milliseconds(750));
  for (int i = 0; i < 100; ++i) p.next_delay(ReconnectCause::kNetwork);
  EXPECT_EQ(p.next_delay(ReconnectCause::kNetwork), milliseconds(16'000));
  EXPECT_TRUE(p.at_cap());
}

TEST(BackoffTest, EstablishedStreamReconnectsImmediatelyOnce) {
  BackoffPolicy p{BackoffConfig{}};
  p.next_delay(ReconnectCause::kNetwork);
  p.on_stream_established();
  EXPECT_EQ(p.next_delay(ReconnectCause::kServerClosed), milliseconds(0));
  EXPECT_EQ(p.next_delay(ReconnectCause::kNetwork), milliseconds(250));
}

TEST(BackoffTest, HttpErrorsAreExponentialFrom5To320Seconds) {
  BackoffPolicy p{BackoffConfig{}};
  const int64_t expected[] = {5, 10, 20, 40, 80, 160, 320, 320};
  for (int64_t s : expected)
    EXPECT_EQ(p.next_delay(ReconnectCause::kHttpError), milliseconds(s * 1000));
}

TEST(BackoffTest, RateLimitStartsAtOneMinuteAndDoubles) {
  BackoffPolicy p{BackoffConfig{}};
  EXPECT_EQ(p.next_delay(ReconnectCause::kRateLimited), milliseconds(60'000));
  EXPECT_EQ(p.next_delay(ReconnectCause::kHttpError), milliseconds(5'000));
  EXPECT_EQ(p.next_delay(ReconnectCause::kRateLimited), milliseconds(120'000));
  p.on_stream_established();
  EXPECT_EQ(p.next_delay(ReconnectCause::kRateLimited), milliseconds(60'000));
}

TEST(BackoffTest, ServerHintLengthensNeverShortens) {
  BackoffPolicy p{BackoffConfig{}};
  EXPECT_EQ(p.next_delay(ReconnectCause::kRateLimited, milliseconds(90'000)), milliseconds(90'000));
  EXPECT_EQ(p.next_delay(ReconnectCause::kRateLimited, milliseconds(1'000)), milliseconds(120'000));
  BackoffConfig c;
  c.max_server_hint = milliseconds(10'000);
  BackoffPolicy q{c};
  EXPECT_EQ(q.next_delay(ReconnectCause::kHttpError, milliseconds(999'999)), milliseconds(10'000));
}

TEST(BackoffTest, ScaledConfigForTests) {
  BackoffConfig c{milliseconds(1), milliseconds(4),  milliseconds(2),  milliseconds(8),
                  milliseconds(3), milliseconds(12), milliseconds(100)};
  BackoffPolicy p{c};
  EXPECT_EQ(p.next_delay(ReconnectCause::kHttpError), milliseconds(2));
  EXPECT_EQ(p.next_delay(ReconnectCause::kHttpError), milliseconds(4));
  EXPECT_EQ(p.next_delay(ReconnectCause::kRateLimited), milliseconds(3));
}

TEST(BackoffTest, ParsesRetryAfterAndRateLimitReset) {
  EXPECT_EQ(parse_retry_after("120", 0), 120);
  EXPECT_EQ(parse_retry_after(" 7 ", 0), 7);
  // 1994-11-06T08:49:37Z = 784111777.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 - 30), 30);
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111777 + 30), 0);
  EXPECT_FALSE(parse_retry_after("soon", 0).has_value());
  EXPECT_EQ(parse_rate_limit_reset("1700000100", 1700000000), 100);
  EXPECT_EQ(parse_rate_limit_reset("1600000000", 1700000000), 0);
  EXPECT_FALSE(parse_rate_limit_reset("x", 0).has_value());
}

}  // namespace
}  // namespace firecount
