#include "io/streaming_source.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <chrono>
#include <cstdio>

#include "absl/strings/str_cat.h"
#include "io/tls_client.h"

namespace firecount {

namespace asio = boost::asio;

StreamingSource::StreamingSource(MessageFormat format, ParsedUrl url, std::string description,
                                 const LiveSourceOptions& options, OverflowPolicy default_policy,
                                 std::chrono::milliseconds default_stall)
    : format_(format),
      url_(std::move(url)),
      description_(std::move(description)),
      options_(options),
      stall_timeout_(options.stall_timeout.count() > 0 ? options.stall_timeout : default_stall),
      queue_(options.queue_bytes, (options.overflow == OverflowPolicy::kSourceDefault
                                       ? default_policy
                                       : options.overflow) == OverflowPolicy::kBlock),
      backoff_(options.backoff) {}

StreamingSource::~StreamingSource() {
  stop();
  if (thread_.joinable()) thread_.join();
}

absl::Status StreamingSource::open() {
  if (thread_.joinable()) return absl::FailedPreconditionError(describe() + " is already open");
  auto tls = make_tls_client_context(options_.ca_file);
  if (!tls.ok()) return tls.status();
  tls_ = std::move(*tls);
  asio::co_spawn(io_, connection_loop(), asio::detached);
  thread_ = std::thread([this] { io_.run(); });
  std::unique_lock lock(mu_);
  open_cv_.wait(lock, [&] { return open_result_.has_value(); });
  absl::Status status = *open_result_;
  lock.unlock();
  if (!status.ok()) {
    stop();
    thread_.join();
  }
  return status;
}

absl::StatusOr<ReadResult> StreamingSource::read(char* dest, size_t capacity) {
  ReadResult r = queue_.read(dest, capacity);
  metrics_.queue_bytes.store(static_cast<int64_t>(queue_.size_bytes()), std::memory_order_relaxed);
  return r;
}

void StreamingSource::stop() {
  stopping_.store(true, std::memory_order_relaxed);
  queue_.stop();
  io_.stop();  // pending operations are abandoned; their frames die with io_
  finish_open(absl::CancelledError(describe() + " was stopped"));
}

SourcePosition StreamingSource::position() const {
  SourcePosition p;
  p.bytes = metrics_.bytes.load(std::memory_order_relaxed);
  p.cursor = cursor();
  return p;
}

std::string StreamingSource::last_error() const {
  std::lock_guard lock(mu_);
  return last_error_;
}

void StreamingSource::finish_open(absl::Status status) {
  {
    std::lock_guard lock(mu_);
    if (open_result_.has_value()) return;
    open_result_ = std::move(status);
  }
  open_cv_.notify_all();
}

void StreamingSource::set_last_error(std::string error) {
  std::lock_guard lock(mu_);
  last_error_ = std::move(error);
}

void StreamingSource::stream_established() {
  metrics_.add(metrics_.connects);
  metrics_.backoff_ms.store(0, std::memory_order_relaxed);
  metrics_.last_http_status.store(200, std::memory_order_relaxed);
  metrics_.mark_alive();
  backoff_.on_stream_established();
  if (had_stream_) queue_.push_discontinuity();
  had_stream_ = true;
  finish_open(absl::OkStatus());
}

void StreamingSource::deliver(std::string_view message, bool is_keep_alive) {
  if (message.size() > options_.max_message_bytes || !queue_.push_line(message)) {
    if (is_keep_alive) return;
    metrics_.add(metrics_.dropped_messages);
    metrics_.add(metrics_.dropped_bytes, message.size() + 1);
    return;
  }
  if (!is_keep_alive) metrics_.add(metrics_.messages);
}

void StreamingSource::keep_alive() {
  metrics_.add(metrics_.keep_alives);
  metrics_.mark_alive();
}

void StreamingSource::received(size_t bytes) {
  metrics_.add(metrics_.bytes, bytes);
  metrics_.mark_alive();
}

void StreamingSource::add_secret(std::string secret) {
  if (!secret.empty()) secrets_.push_back(std::move(secret));
}

std::string StreamingSource::redact(std::string_view text) const {
  std::string out(text);
  for (const std::string& s : secrets_) {
    for (size_t pos = out.find(s); pos != std::string::npos; pos = out.find(s, pos)) {
      out.replace(pos, s.size(), "[redacted]");
    }
  }
  for (char& c : out) {
    if (c == '\n' || c == '\r') c = ' ';  // errors stay on one line
  }
  return out;
}

void StreamingSource::log(std::string_view line) {
  std::string safe = redact(line);
  if (options_.log) {
    options_.log(safe);
  } else {
    std::fprintf(stderr, "firecount: %s\n", safe.c_str());
  }
}

std::string StreamingSource::describe_http_error(int status, std::string_view excerpt) const {
  std::string where = absl::StrCat(url_.host, url_.path);
  std::string what;
  switch (status) {
    case 401:
      what = "credentials rejected; check them and the system clock";
      break;
    case 403:
      what = "access forbidden: the account or app lacks access to this stream";
      break;
    case 404:
      what = "no stream here: check --endpoint";
      break;
    case 406:
    case 413:
    case 416:
      what = "request parameters rejected";
      break;
    case 420:
    case 429:
      what = "rate limited: too many connections with these credentials; backing off";
      break;
    default:
      what = status >= 500 ? "server error; retrying with backoff" : "unexpected answer; retrying";
  }
  std::string out = absl::StrCat("HTTP ", status, " from ", where, ": ", what);
  if (!excerpt.empty()) absl::StrAppend(&out, " (server said: ", std::string(excerpt), ")");
  return out;
}

asio::awaitable<void> StreamingSource::connection_loop() {
  asio::steady_timer timer(co_await asio::this_coro::executor);
  // Say each distinct failure once; repeats are counted and summed up when something changes.
  std::string last_logged;
  uint64_t repeats = 0;
  while (!stopping_.load(std::memory_order_relaxed)) {
    metrics_.add(metrics_.connect_attempts);
    SessionResult result = co_await run_session();
    if (stopping_.load(std::memory_order_relaxed)) break;
    if (result.http_status != 0) {
      metrics_.last_http_status.store(result.http_status, std::memory_order_relaxed);
    }
    if (result.clean_end && options_.end_on_server_close) {
      log(absl::StrCat(describe(), ": the server ended the stream; stopping (--once)"));
      queue_.close();
      finish_open(absl::OkStatus());
      break;
    }
    std::string error = result.error.empty()
                            ? absl::StrCat(describe(), ": the server ended the stream")
                            : absl::StrCat(describe(), ": ", result.error);
    error = redact(error);
    set_last_error(error);
    if (result.permanent && !had_stream_) {
      finish_open(absl::FailedPreconditionError(error));
      break;
    }
    finish_open(absl::OkStatus());  // transient: keep trying in the background
    metrics_.add(metrics_.reconnects[static_cast<int>(result.cause)]);
    auto delay = backoff_.next_delay(result.cause, result.server_hint);
    metrics_.backoff_ms.store(delay.count(), std::memory_order_relaxed);
    if (error != last_logged) {
      if (repeats > 0) {
        log(absl::StrCat("(the previous error repeated ", repeats, " more times)"));
      }
      log(absl::StrCat(error, "; reconnecting in ", delay.count(), " ms",
                       backoff_.at_cap() ? " (backoff at its cap)" : "",
                       " (repeats of this error are counted, not shown)"));
      last_logged = error;
      repeats = 0;
    } else {
      ++repeats;
    }
    timer.expires_after(delay);
    co_await timer.async_wait(asio::as_tuple(asio::use_awaitable));
  }
}

}  // namespace firecount
