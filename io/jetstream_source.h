#pragma once
// JetstreamSource: the Bluesky Jetstream firehose over WebSocket (wss://…/subscribe?
// wantedCollections=app.bsky.feed.post), no credentials. Each text message is one JSON event and
// is delivered as one line (MessageFormat::kJetstream; core/jetstream_extractor.h reads it).
//
// Resume and dedupe: the source tracks the newest time_us it delivered. A reconnect asks for
// cursor = newest - cursor_rewind (the docs advise rewinding a few seconds for gapless playback),
// and a core/ReplayDeduper drops the replayed events already delivered, so nothing is counted
// twice (skips are counted in metrics().duplicates). position().cursor is that time_us, and
// --cursor resumes from a saved one.
//
// Liveness: Beast's WebSocket idle timeout is the stall timeout (60 s by default); any frame,
// server pings included, resets it, and pings count as keep-alives. Overflow: blocks by default
// (a slow reader back-pressures the socket; if Jetstream drops us, the cursor resume loses
// nothing).
//
// Threading: see io/streaming_source.h; cursor() is thread-safe.

#include <atomic>
#include <cstdint>
#include <string>

#include "core/replay_deduper.h"
#include "io/streaming_source.h"

namespace firecount {

class JetstreamSource final : public StreamingSource {
 public:
  JetstreamSource(ParsedUrl url, const LiveSourceOptions& options, int64_t start_cursor_us);

 protected:
  boost::asio::awaitable<SessionResult> run_session() override;
  std::string cursor() const override;

 private:
  ReplayDeduper deduper_;              // network thread only
  std::atomic<int64_t> newest_us_{0};  // relaxed: a position hint read by checkpoints
  std::string scratch_;                // padded copy of a message for simdjson
};

}  // namespace firecount
