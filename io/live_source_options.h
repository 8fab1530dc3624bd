#pragma once
// LiveSourceOptions and make_live_source: the engine's entry point to the live sources.
//
//   --source twitter:filter | twitter:sample   v1.1 streaming, OAuth 1.0a
//   (MessageFormat::kTwitterV1)
//   --source x:filter | x:sample               X API v2, Bearer token         (MessageFormat::kXV2)
//   --source jetstream                         Bluesky Jetstream, WebSocket
//   (MessageFormat::kJetstream)
//   --source mastodon                          Mastodon public timeline, SSE
//   (MessageFormat::kMastodon)
//
// Every live source is a Source (io/source.h) whose read() blocks: a network thread of its own
// connects, reconnects forever with the documented backoff, frames each message as one
// '\n'-terminated line and queues the lines (bounded; see OverflowPolicy) for read(). TLS
// verification (system store + --ca-file, SNI, host name) is always on.
//
// The engine's CLI parses its flags into LiveSourceOptions (docs/live-sources.md lists them) and
// calls make_live_source with the text after --source. Credentials are read here, once; they never
// appear in errors, logs, describe() or metrics.
//
// Threading: make_live_source is thread-safe; the returned Source follows io/source.h.

#include <chrono>
#include <cstddef>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "absl/status/statusor.h"
#include "core/backoff.h"
#include "io/live_source_metrics.h"
#include "io/source.h"

namespace firecount {

// What a live source does when the reader falls behind and its queue is full.
enum class OverflowPolicy {
  kSourceDefault,  // kDrop for twitter/x/mastodon, kBlock for jetstream
  kBlock,          // stop reading the socket until there is room (TCP back-pressure; the server
                   // may disconnect a slow client — Jetstream then resumes from its cursor)
  kDrop,           // keep reading; drop whole new messages that do not fit, counted in metrics
};

struct LiveSourceOptions {
  std::string endpoint;           // --endpoint URL: replaces scheme, host, port and path
  std::string ca_file;            // --ca-file PEM: trusted in addition to the system store
  std::string credentials_file;   // --credentials FILE (JSON); else environment variables
  std::string track;              // --track     v1.1 filter: comma-separated phrases
  std::string follow;             // --follow    v1.1 filter: comma-separated user IDs
  std::string locations;          // --locations v1.1 filter: lon,lat,lon,lat[,…] boxes
  std::string language;           // --language  v1.1: comma-separated BCP 47 codes
  bool delimited_length = false;  // --delimited length: v1.1 length-prefixed framing
  std::string cursor;             // --cursor: Jetstream time_us to resume from

  // 0 = the source's documented default: v1.1 90 s, X v2 20 s, Jetstream and Mastodon 60 s.
  std::chrono::milliseconds stall_timeout{0};          // --stall-timeout-ms
  std::chrono::milliseconds connect_timeout{15'000};   // --connect-timeout-ms (DNS, TCP, TLS, HTTP)
  std::chrono::microseconds cursor_rewind{2'000'000};  // Jetstream: replay this much on resume
  BackoffConfig backoff;                               // --backoff-scale scales all of it
  size_t queue_bytes = size_t{64} << 20;               // --live-queue-mb
  size_t max_message_bytes = size_t{16} << 20;         // larger messages are dropped, counted
  OverflowPolicy overflow = OverflowPolicy::kSourceDefault;  // --on-overflow block|drop
  bool end_on_server_close = false;  // --once: a clean end of stream ends the source (kEnd)
  std::string user_agent = "firecount/0.1";

  // Receives one-line diagnostics (reconnects, errors that say what to do). Default: stderr with a
  // "firecount: " prefix. Called on the network thread.
  std::function<void(std::string_view)> log;
};

// A Source with live-source extras the engine may use.
class LiveSource : public Source {
 public:
  // Counters for the metrics output. Thread-safe.
  virtual const LiveSourceMetrics& metrics() const = 0;
  // The last error seen (single line, no secrets), or "" when none. Thread-safe.
  virtual std::string last_error() const = 0;

  std::string status_line() const override { return metrics().snapshot().to_string(); }
};

// Builds the source named by `spec` ("twitter:filter", "twitter:sample", "x:filter", "x:sample",
// "jetstream", "mastodon"). Reads credentials now. Errors: InvalidArgument (unknown spec, bad
// --endpoint, a filter without --track/--follow/--locations), NotFound / InvalidArgument
// (credentials missing or unreadable: names the file, the keys and the variables it looked for).
// The source connects in open(). Thread-safe.
absl::StatusOr<std::unique_ptr<LiveSource>> make_live_source(std::string_view spec,
                                                             const LiveSourceOptions& options);

// True for the specs make_live_source accepts (so the CLI can route --source).
bool is_live_source_spec(std::string_view spec);

}  // namespace firecount
