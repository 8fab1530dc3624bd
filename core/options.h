#pragma once
// EngineOptions: the engine's command line, parsed and validated.
//
//   firecount [--source SPEC] [--input-format json|text] [--batch DURATION] [--once] [--top N]
//             [--tokenizer split|words] [--output pprint|table|json] [--snapshot-dir DIR]
//             [--threads N] [--worker-nice N] [--coordinator-boost N] [--duration DURATION]
//             [--tweets N] [--seed S] [--rate N]
//             [--skip-retweets] [--stopwords en|FILE] [live-source flags]
//
// parse_engine_options() is pure: it never opens files or prints. A usage error comes back as
// InvalidArgument whose message names the flag and the accepted values; main prints it and
// exits 2. `--flag=value` and `--flag value` are both accepted.
//
// Threading: plain values; thread-safe.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"
#include "core/message_extractor.h"
#include "core/output_format.h"
#include "core/tokenizer.h"

namespace firecount {

enum class SourceKind { kFile, kStdin, kSocket, kSynthetic, kLive };

struct SourceSpec {
  SourceKind kind = SourceKind::kSynthetic;
  std::string path;  // file
  std::string host;  // socket
  uint16_t port = 0;
  std::string text;  // as given (for kLive: "twitter:filter", "jetstream", ...)
};

// The live-source flags (docs/live-sources.md), kept as plain values here; tools/ turns them into
// io's LiveSourceOptions.
struct LiveFlags {
  std::string endpoint, ca_file, credentials_file;
  std::string track, follow, locations, language;
  bool delimited_length = false;
  std::string cursor;
  uint64_t stall_timeout_ms = 0;  // 0: the source's documented default
  uint64_t connect_timeout_ms = 15'000;
  double backoff_scale = 1.0;
  uint64_t queue_mb = 64;
  std::string on_overflow;  // "", "block" or "drop"
  bool any = false;         // a live flag was given
};

// The live sources' names, as accepted by --source.
bool is_live_source_name(std::string_view text);

struct EngineOptions {
  SourceSpec source;
  MessageFormat input_format = MessageFormat::kTwitterV1;
  std::chrono::milliseconds batch{2000};
  bool once = false;
  size_t top = 30;
  TokenizerKind tokenizer = TokenizerKind::kWords;
  OutputKind output = OutputKind::kPprint;
  std::string snapshot_dir = "result/snapshots";
  unsigned threads = 0;        // 0: one per core
  int worker_nice = 5;         // workers' nice value above the coordinator's (0: same priority)
  int coordinator_boost = 15;  // nice steps the coordinator is raised, when permitted (0: never)
  std::optional<std::chrono::milliseconds> duration;  // stop after; synthetic defaults to 10 s
  uint64_t tweets = 0;                                // synthetic: tweets to generate (0 = endless)
  uint64_t seed = 1;                                  // synthetic
  std::optional<uint64_t> rate;  // synthetic: tweets/s (0 = unpaced); default 20000 unless --once
  bool skip_retweets = false;
  std::string stopwords;  // "", "en" or a file path (read by the io layer)
  LiveFlags live;
  bool help = false;
  bool version = false;
};

// Parses argv[1..argc). Errors: InvalidArgument with a one-line message for the user.
absl::StatusOr<EngineOptions> parse_engine_options(const std::vector<std::string_view>& args);

// Parses "2s", "500ms", "1.5s", "2m", "1h" or a plain number of seconds.
std::optional<std::chrono::milliseconds> parse_duration(std::string_view text);

// Parses file:PATH, stdin, socket:HOST:PORT (HOST may be [v6]), synthetic.
absl::StatusOr<SourceSpec> parse_source_spec(std::string_view text);

// The --help text (kept next to the parser so the two cannot drift apart).
std::string engine_help_text();

}  // namespace firecount
