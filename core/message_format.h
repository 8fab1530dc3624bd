#pragma once
// MessageFormat: what the lines of a stream are, so the parse workers pick the right extractor.
// Every source declares one (io/source.h); `--input-format` chooses it for file, stdin and socket.
//
// Threading: a plain enum.

namespace firecount {

enum class MessageFormat {
  kTwitterV1,  // v1.1 streaming / REST status objects, one JSON object per line
  kText,       // one raw tweet text per line (what the seed's sender writes to its socket)
  kXV2,        // X API v2 stream lines {"data":…,"matching_rules":…}: core/x_v2_extractor.h
  kJetstream,  // Bluesky Jetstream events, one JSON object per line: core/jetstream_extractor.h
  kMastodon,   // Mastodon SSE events as "event<TAB>data" lines: core/mastodon_extractor.h
};

}  // namespace firecount
