#pragma once
// Reconnect backoff for live streams, as the Twitter / X streaming docs prescribe:
//   - an established stream that drops is reconnected immediately, once;
//   - network errors (DNS, TCP, TLS, stalls, server closed the stream, garbage on the wire) back
//     off linearly: +250 ms per attempt up to 16 s;
//   - HTTP errors back off exponentially: 5 s, 10 s, … up to 320 s;
//   - HTTP 420 / 429 back off exponentially from 1 min (every rate-limit answer doubles it);
//   - a server hint (Retry-After, x-rate-limit-reset) lengthens the delay, never shortens it.
// All bases and caps are configurable so the loopback tests run in milliseconds.
//
// Pure logic: the caller passes the current time where a hint needs it. Used by the live sources
// in io/ (one policy per connection loop).
//
// Threading: not thread-safe; owned by one connection loop.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string_view>

namespace firecount {

// Why a live source reconnected (metrics label and backoff regime).
enum class ReconnectCause : uint8_t {
  kNetwork = 0,   // DNS, TCP, TLS failure or a read error
  kStall,         // no byte (keep-alives included) within the stall timeout
  kServerClosed,  // the server ended the stream (EOF, close frame, end of chunked body)
  kProtocol,      // bytes that cannot be framed (bad length prefix, oversized message, bad HTTP)
  kHttpError,     // a non-200 answer other than 420 / 429
  kRateLimited,   // 420 or 429
  kCount_
};

inline constexpr int kReconnectCauseCount = static_cast<int>(ReconnectCause::kCount_);

constexpr std::string_view reconnect_cause_name(ReconnectCause cause) {
  switch (cause) {
    case ReconnectCause::kNetwork:
      return "network";
    case ReconnectCause::kStall:
      return "stall";
    case ReconnectCause::kServerClosed:
      return "server_closed";
    case ReconnectCause::kProtocol:
      return "protocol";
    case ReconnectCause::kHttpError:
      return "http_error";
    case ReconnectCause::kRateLimited:
      return "rate_limited";
    case ReconnectCause::kCount_:
      break;
  }
  return "unknown";
}

struct BackoffConfig {
  std::chrono::milliseconds network_step{250};
  std::chrono::milliseconds network_cap{16'000};
  std::chrono::milliseconds http_base{5'000};
  std::chrono::milliseconds http_cap{320'000};
  std::chrono::milliseconds rate_limit_base{60'000};
  std::chrono::milliseconds rate_limit_cap{960'000};
  // Server hints above this are clamped (a broken Retry-After must not park the source forever).
  std::chrono::milliseconds max_server_hint{3'600'000};
};

class BackoffPolicy {
 public:
  explicit BackoffPolicy(const BackoffConfig& config) : config_(config) {}

  // The stream is up and delivered data: every regime starts over, and the next drop reconnects
  // without waiting.
  void on_stream_established();

  // The delay before the next connect attempt after a failure of `cause`. `server_hint` is the
  // longest wait a server asked for (see server_hint_delay), if any.
  std::chrono::milliseconds next_delay(ReconnectCause cause,
                                       std::optional<std::chrono::milliseconds> server_hint = {});

  // True when the last delay returned was its regime's cap (worth an alert in the logs).
  bool at_cap() const { return at_cap_; }

 private:
  BackoffConfig config_;
  bool established_ = false;
  int network_attempts_ = 0;
  int http_attempts_ = 0;
  int rate_limit_attempts_ = 0;
  bool at_cap_ = false;
};

// Parses a Retry-After value: delta-seconds ("120") or an IMF-fixdate ("Sun, 06 Nov 1994 08:49:37
// GMT"). Returns the wait in seconds from `now_epoch_s` (never negative), or nullopt if unparsable.
std::optional<int64_t> parse_retry_after(std::string_view value, int64_t now_epoch_s);

// Parses x-rate-limit-reset (UNIX seconds when the window resets) into a wait from `now_epoch_s`.
std::optional<int64_t> parse_rate_limit_reset(std::string_view value, int64_t now_epoch_s);

}  // namespace firecount
