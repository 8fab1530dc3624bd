#pragma once
// SocketSource: `socket:HOST:PORT`, a TCP client that reads lines exactly like Spark's
// socketTextStream (the seed's sender listens on localhost:9009 and writes one text per line).
//
// Unlike Spark's receiver it survives its peer: when the connection fails or the peer closes,
// it reconnects forever with a linear backoff (250 ms steps up to 4 s) and reports
// kDiscontinuity so the reader drops a partial line. With `reconnect == false` (--once) the
// first end of stream is the end, and a failure to connect is an error.
// Each state change is reported once through `log` (never per retry).
//
// Threading: one reader thread; stop() from any thread (takes effect within 100 ms).

#include <atomic>
#include <chrono>
#include <functional>
#include <string>

#include "io/source.h"

namespace firecount {

class SocketSource final : public Source {
 public:
  SocketSource(std::string host, uint16_t port, MessageFormat format, bool reconnect,
               std::function<void(const std::string&)> log);
  ~SocketSource() override;

  absl::Status open() override;
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override;
  void stop() override { stopped_.store(true, std::memory_order_relaxed); }
  MessageFormat format() const override { return format_; }
  SourcePosition position() const override { return {bytes_, ""}; }
  std::string describe() const override;

  uint64_t connects() const { return connects_.load(std::memory_order_relaxed); }

 private:
  absl::Status connect_once();
  // Sleeps up to `delay` in small steps; false if stopped meanwhile.
  bool sleep_unless_stopped(std::chrono::milliseconds delay);
  void close_socket();

  std::string host_;
  uint16_t port_;
  MessageFormat format_;
  bool reconnect_;
  std::function<void(const std::string&)> log_;
  int fd_ = -1;
  uint64_t bytes_ = 0;
  uint64_t bytes_this_connection_ = 0;
  std::string last_error_;
  std::atomic<bool> stopped_{false};   // relaxed: a request flag only
  std::atomic<uint64_t> connects_{0};  // relaxed: a statistic
};

}  // namespace firecount
