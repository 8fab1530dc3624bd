#pragma once
// StreamingSource: what every live source shares — its network thread, the reconnect loop with
// backoff, the bounded LineQueue behind read(), metrics, logging with secrets redacted, and the
// open() hand-shake. Subclasses (io/http_stream_source.h, io/jetstream_source.h) implement one
// connection as a coroutine, run_session(), and report messages with deliver().
//
// Lifecycle: open() starts the thread and waits for the first connection's outcome: the stream is
// up -> OK; a configuration error (401/403/404/406/409/413/416, an unknown host, a rejected
// certificate) -> that error, and the source is stopped; a transient error (refused, 5xx, 420)
// -> OK, and the thread keeps retrying in the background (each failure logged). After open(),
// every failure is retried forever with BackoffPolicy delays.
//
// Threading: read() from one reader thread; stop(), metrics(), last_error(), position() from any
// thread; everything else happens on the source's own network thread.

#include <atomic>
#include <boost/asio/awaitable.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ssl/context.hpp>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/backoff.h"
#include "core/url.h"
#include "io/line_queue.h"
#include "io/live_source_options.h"

namespace firecount {

class StreamingSource : public LiveSource {
 public:
  ~StreamingSource() override;

  absl::Status open() override;
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override;
  void stop() override;
  MessageFormat format() const override { return format_; }
  SourcePosition position() const override;
  std::string describe() const override { return description_; }
  const LiveSourceMetrics& metrics() const override { return metrics_; }
  std::string last_error() const override;

 protected:
  // How one connection ended.
  struct SessionResult {
    ReconnectCause cause = ReconnectCause::kNetwork;
    bool permanent = false;  // a configuration error (see header comment)
    bool clean_end = false;  // the server ended the stream normally
    int http_status = 0;
    std::optional<std::chrono::milliseconds> server_hint;  // Retry-After / x-rate-limit-reset
    std::string error;  // one line, no secrets; empty for a clean end
  };

  StreamingSource(MessageFormat format, ParsedUrl url, std::string description,
                  const LiveSourceOptions& options, OverflowPolicy default_policy,
                  std::chrono::milliseconds default_stall);

  // One connection, from DNS to the end of the stream. Runs on the network thread.
  virtual boost::asio::awaitable<SessionResult> run_session() = 0;
  // The resume token for position() (Jetstream's time_us); thread-safe.
  virtual std::string cursor() const { return {}; }

  // For run_session(): the stream is up (HTTP 200 / WebSocket upgraded).
  void stream_established();
  // One whole message (without terminator); '\n' and '\r' inside must already be gone. A
  // keep-alive line is queued like a message but not counted as one.
  void deliver(std::string_view message, bool is_keep_alive = false);
  // A keep-alive (blank line, SSE comment, WebSocket ping).
  void keep_alive();
  // Payload bytes arrived (any: keep-alives included); feeds metrics and liveness.
  void received(size_t bytes);
  // Secrets that must never be logged (tokens, keys); replaced by "[redacted]".
  void add_secret(std::string secret);
  std::string redact(std::string_view text) const;
  void log(std::string_view line);

  // The message for a non-2xx answer; subclasses add source-specific advice. Thread: network.
  virtual std::string describe_http_error(int status, std::string_view body_excerpt) const;

  boost::asio::ssl::context& tls_context() { return *tls_; }
  const ParsedUrl& url() const { return url_; }
  const LiveSourceOptions& options() const { return options_; }
  std::chrono::milliseconds stall_timeout() const { return stall_timeout_; }
  LiveSourceMetrics& mutable_metrics() { return metrics_; }

 private:
  boost::asio::awaitable<void> connection_loop();
  void finish_open(absl::Status status);
  void set_last_error(std::string error);

  MessageFormat format_;
  ParsedUrl url_;
  std::string description_;
  LiveSourceOptions options_;
  std::chrono::milliseconds stall_timeout_;
  std::vector<std::string> secrets_;
  LiveSourceMetrics metrics_;
  LineQueue queue_;
  BackoffPolicy backoff_;
  bool had_stream_ = false;  // network thread only

  // Declared before io_ so it outlives every stream the io_context still owns at destruction.
  std::unique_ptr<boost::asio::ssl::context> tls_;
  boost::asio::io_context io_;
  std::thread thread_;
  std::atomic<bool> stopping_{false};

  mutable std::mutex mu_;  // guards the fields below
  std::condition_variable open_cv_;
  std::optional<absl::Status> open_result_;
  std::string last_error_;
};

}  // namespace firecount
