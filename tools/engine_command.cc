// `firecount [options]`: parses the command line, builds the source and sinks, runs the engine
// and turns the outcome into an exit code (0 ok, 1 runtime failure, 2 bad usage).

#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "core/options.h"
#include "core/output_format.h"
#include "core/snapshot_encoding.h"
#include "io/engine.h"
#include "io/fd_source.h"
#include "io/live_source_options.h"
#include "io/signals.h"
#include "io/snapshot_writer.h"
#include "io/socket_source.h"
#include "io/synthetic_source.h"
#include "tools/commands.h"

namespace firecount {
namespace {

constexpr const char* kVersion = "firecount 0.1.0";

void say(const std::string& line) { std::cerr << "firecount: " << line << std::endl; }

LiveSourceOptions live_options(const EngineOptions& o) {
  const LiveFlags& f = o.live;
  LiveSourceOptions l;
  l.endpoint = f.endpoint;
  l.ca_file = f.ca_file;
  l.credentials_file = f.credentials_file;
  l.track = f.track;
  l.follow = f.follow;
  l.locations = f.locations;
  l.language = f.language;
  l.delimited_length = f.delimited_length;
  l.cursor = f.cursor;
  l.stall_timeout = std::chrono::milliseconds(f.stall_timeout_ms);
  l.connect_timeout = std::chrono::milliseconds(f.connect_timeout_ms);
  auto scale = [&](std::chrono::milliseconds& d) {
    d = std::chrono::milliseconds(
        static_cast<int64_t>(static_cast<double>(d.count()) * f.backoff_scale));
  };
  scale(l.backoff.network_step);
  scale(l.backoff.network_cap);
  scale(l.backoff.http_base);
  scale(l.backoff.http_cap);
  scale(l.backoff.rate_limit_base);
  scale(l.backoff.rate_limit_cap);
  l.queue_bytes = static_cast<size_t>(f.queue_mb) << 20;
  l.overflow = f.on_overflow == "block"  ? OverflowPolicy::kBlock
               : f.on_overflow == "drop" ? OverflowPolicy::kDrop
                                         : OverflowPolicy::kSourceDefault;
  l.end_on_server_close = o.once;
  l.log = [](std::string_view line) { say(std::string(line)); };
  return l;
}

absl::StatusOr<std::unique_ptr<Source>> make_source(const EngineOptions& o) {
  switch (o.source.kind) {
    case SourceKind::kLive: {
      auto live = make_live_source(o.source.text, live_options(o));
      if (!live.ok()) return live.status();
      return std::unique_ptr<Source>(std::move(*live));
    }
    case SourceKind::kFile:
      return FdSource::file(o.source.path, o.input_format);
    case SourceKind::kStdin:
      return FdSource::standard_input(o.input_format);
    case SourceKind::kSocket:
      return std::make_unique<SocketSource>(o.source.host, o.source.port, o.input_format,
                                            /*reconnect=*/!o.once, say);
    case SourceKind::kSynthetic: {
      FirehoseConfig config;
      config.seed = o.seed;
      config.tweets = o.tweets;
      return std::make_unique<SyntheticSource>(config, o.rate.value_or(0));
    }
  }
  return absl::InternalError("unknown source kind");
}

std::string summary(const EngineReport& r) {
  const StateTotals& t = r.totals;
  std::string line = absl::StrCat("done (", r.stop_reason, "): ", t.tweets, " tweets, ", t.tokens,
                                  " tokens, ", r.distinct, " distinct words, ", t.bytes,
                                  " bytes in ", absl::StrFormat("%.2f", r.seconds), " s");
  std::string other;
  for (int i = 1; i < kMessageKindCount; ++i) {
    if (t.messages[i] == 0) continue;
    absl::StrAppend(&other, other.empty() ? "" : ", ", t.messages[i], " ",
                    std::string(message_kind_name(static_cast<MessageKind>(i))));
  }
  if (t.retweets_skipped)
    absl::StrAppend(&other, other.empty() ? "" : ", ", t.retweets_skipped, " retweets skipped");
  if (r.oversize_lines)
    absl::StrAppend(&other, other.empty() ? "" : ", ", r.oversize_lines, " oversize lines skipped");
  if (r.truncated_lines)
    absl::StrAppend(&other, other.empty() ? "" : ", ", r.truncated_lines,
                    " partial lines lost to reconnects");
  if (!other.empty()) absl::StrAppend(&line, "; also ", other);
  return line;
}

}  // namespace

int run_engine_command(int argc, char** argv) {
  std::vector<std::string_view> args(argv + 1, argv + argc);
  auto parsed = parse_engine_options(args);
  if (!parsed.ok()) {
    say(std::string(parsed.status().message()));
    return 2;
  }
  const EngineOptions& o = *parsed;
  if (o.help) {
    std::cout << engine_help_text();
    return 0;
  }
  if (o.version) {
    std::cout << kVersion << "\n";
    return 0;
  }

  EngineConfig config;
  config.tokenizer.kind = o.tokenizer;
  if (!o.stopwords.empty() && o.stopwords != "en") {
    std::ifstream in(o.stopwords, std::ios::binary);
    if (!in) {
      say(absl::StrCat("--stopwords: cannot read '", o.stopwords, "': ", std::strerror(errno)));
      return 1;
    }
    std::stringstream contents;
    contents << in.rdbuf();
    config.tokenizer.stopwords = Stopwords::kFile;
    config.tokenizer.stopwords_file = contents.str();
  } else if (o.stopwords == "en") {
    config.tokenizer.stopwords = Stopwords::kEnglish;
  }
  config.skip_retweets = o.skip_retweets;
  config.threads = o.threads;
  config.worker_nice = o.worker_nice;
  config.coordinator_boost = o.coordinator_boost;
  config.batch = o.batch;
  config.once = o.once;
  config.duration = o.duration;
  config.top = o.top;

  // Check the tokenizer before anything starts, so its error is a usage error.
  if (auto tokenizer = make_tokenizer(config.tokenizer); !tokenizer.ok()) {
    say(std::string(tokenizer.status().message()));
    return tokenizer.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }

  SnapshotWriter snapshots(o.snapshot_dir);
  if (absl::Status status = snapshots.prepare(); !status.ok()) {
    say(std::string(status.message()));
    return 1;
  }

  ShutdownSignals signals;  // before any thread starts: they all inherit the blocked mask
  auto made = make_source(o);
  if (!made.ok()) {
    say(std::string(made.status().message()));
    return made.status().code() == absl::StatusCode::kInvalidArgument ? 2 : 1;
  }
  std::unique_ptr<Source> source = std::move(*made);
  absl::Status last_snapshot_status;
  std::string last_snapshot_error;
  uint64_t snapshot_failures = 0;
  auto sink = [&](const BatchResult& result) {
    const std::string text = format_batch(o.output, result, o.top);
    std::fwrite(text.data(), 1, text.size(), stdout);
    std::fflush(stdout);
    last_snapshot_status = snapshots.write_latest(encode_snapshot(result));
    if (!last_snapshot_status.ok()) {
      ++snapshot_failures;
      const std::string message(last_snapshot_status.message());
      if (message != last_snapshot_error) {
        last_snapshot_error = message;
        say(absl::StrCat("snapshot not written: ", message,
                         " (the previous snapshot is kept; counting goes on)"));
      }
    } else if (!last_snapshot_error.empty()) {
      last_snapshot_error.clear();
      say("snapshots are being written again");
    }
  };

  Engine engine(config, *source, sink, say);
  const absl::Status status =
      engine.run([&](std::chrono::milliseconds timeout) { return signals.wait_for(timeout); });
  if (!engine.report().stop_reason.empty()) {
    say(summary(engine.report()));
    if (const std::string line = source->status_line(); !line.empty()) {
      say(absl::StrCat(source->describe(), ": ", line));
    }
  }
  if (!status.ok()) {
    say(std::string(status.message()));
    return 1;
  }
  if (!last_snapshot_status.ok()) {
    say(absl::StrCat("the final snapshot could not be written (", snapshot_failures,
                     " failed writes): ", last_snapshot_status.message()));
    return 1;
  }
  return 0;
}

}  // namespace firecount
