#include "core/options.h"

#include <charconv>
#include <cmath>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace firecount {
namespace {

absl::Status usage(std::string_view message) {
  return absl::InvalidArgumentError(std::string(message));
}

std::optional<uint64_t> parse_uint(std::string_view s) {
  uint64_t v = 0;
  auto [ptr, ec] = std::from_chars(s.data(), s.data() + s.size(), v);
  if (ec != std::errc() || ptr != s.data() + s.size() || s.empty()) return std::nullopt;
  return v;
}

std::string quoted(std::string_view s) { return absl::StrCat("'", std::string(s), "'"); }

}  // namespace

std::optional<std::chrono::milliseconds> parse_duration(std::string_view text) {
  size_t unit_pos = 0;
  while (unit_pos < text.size() &&
         ((text[unit_pos] >= '0' && text[unit_pos] <= '9') || text[unit_pos] == '.')) {
    ++unit_pos;
  }
  const std::string number(text.substr(0, unit_pos));
  const std::string_view unit = text.substr(unit_pos);
  if (number.empty() || number == "." || number.find('.') != number.rfind('.')) return std::nullopt;
  double scale;
  if (unit.empty() || unit == "s") {
    scale = 1000;
  } else if (unit == "ms") {
    scale = 1;
  } else if (unit == "m" || unit == "min") {
    scale = 60'000;
  } else if (unit == "h") {
    scale = 3'600'000;
  } else {
    return std::nullopt;
  }
  const double ms = std::strtod(number.c_str(), nullptr) * scale;
  if (!std::isfinite(ms) || ms > 1e15) return std::nullopt;
  return std::chrono::milliseconds(static_cast<int64_t>(std::llround(ms)));
}

bool is_live_source_name(std::string_view text) {
  return text == "twitter:filter" || text == "twitter:sample" || text == "x:filter" ||
         text == "x:sample" || text == "jetstream" || text == "mastodon";
}

absl::StatusOr<SourceSpec> parse_source_spec(std::string_view text) {
  SourceSpec spec;
  spec.text = std::string(text);
  if (is_live_source_name(text)) {
    spec.kind = SourceKind::kLive;
  } else if (text == "stdin" || text == "-") {
    spec.kind = SourceKind::kStdin;
  } else if (text == "synthetic") {
    spec.kind = SourceKind::kSynthetic;
  } else if (text.substr(0, 5) == "file:") {
    spec.kind = SourceKind::kFile;
    spec.path = std::string(text.substr(5));
    if (spec.path.empty()) return usage("--source file:PATH needs a path (e.g. file:tweets.json)");
  } else if (text.substr(0, 7) == "socket:") {
    spec.kind = SourceKind::kSocket;
    std::string_view rest = text.substr(7);
    const size_t colon = rest.rfind(':');
    if (colon == std::string_view::npos || colon == 0) {
      return usage(absl::StrCat("--source ", quoted(text),
                                ": expected socket:HOST:PORT (e.g. socket:localhost:9009)"));
    }
    std::string_view host = rest.substr(0, colon);
    if (host.size() > 2 && host.front() == '[' && host.back() == ']') {
      host = host.substr(1, host.size() - 2);
    }
    auto port = parse_uint(rest.substr(colon + 1));
    if (!port || *port == 0 || *port > 65535) {
      return usage(absl::StrCat("--source ", quoted(text), ": port must be 1..65535"));
    }
    spec.host = std::string(host);
    spec.port = static_cast<uint16_t>(*port);
  } else {
    return usage(
        absl::StrCat("--source: unknown source ", quoted(text),
                     " (accepted: file:PATH, stdin, socket:HOST:PORT, synthetic, twitter:filter, "
                     "twitter:sample, x:filter, x:sample, jetstream, mastodon)"));
  }
  return spec;
}

absl::StatusOr<EngineOptions> parse_engine_options(const std::vector<std::string_view>& args) {
  EngineOptions o;
  bool source_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string_view arg = args[i];
    std::string flag(arg);
    std::optional<std::string_view> inline_value;
    if (arg.substr(0, 2) == "--") {
      const size_t eq = arg.find('=');
      if (eq != std::string_view::npos) {
        flag = std::string(arg.substr(0, eq));
        inline_value = arg.substr(eq + 1);
      }
    } else {
      return usage(absl::StrCat("unexpected argument ", quoted(arg), " (see firecount --help)"));
    }
    auto value = [&]() -> absl::StatusOr<std::string_view> {
      if (inline_value) return *inline_value;
      if (i + 1 >= args.size()) return usage(absl::StrCat(flag, " needs a value"));
      return args[++i];
    };
    auto no_value = [&]() -> absl::Status {
      if (inline_value) return usage(absl::StrCat(flag, " takes no value"));
      return absl::OkStatus();
    };
    auto count = [&](uint64_t min, uint64_t max) -> absl::StatusOr<uint64_t> {
      auto v = value();
      if (!v.ok()) return v.status();
      auto n = parse_uint(*v);
      if (!n || *n < min || *n > max) {
        return usage(absl::StrCat(flag, ": expected a whole number from ", min, " to ", max,
                                  ", got ", quoted(*v)));
      }
      return *n;
    };
    auto duration = [&]() -> absl::StatusOr<std::chrono::milliseconds> {
      auto v = value();
      if (!v.ok()) return v.status();
      auto d = parse_duration(*v);
      if (!d || d->count() <= 0) {
        return usage(absl::StrCat(flag, ": expected a positive duration like 2s, 500ms or 1m, got ",
                                  quoted(*v)));
      }
      return *d;
    };
#define FIRECOUNT_ASSIGN(lhs, expr)   \
  do {                                \
    auto r_ = (expr);                 \
    if (!r_.ok()) return r_.status(); \
    lhs = *r_;                        \
  } while (0)
#define FIRECOUNT_CHECK_OK(expr) \
  do {                           \
    absl::Status s_ = (expr);    \
    if (!s_.ok()) return s_;     \
  } while (0)

    if (flag == "--help" || flag == "-h") {
      o.help = true;
    } else if (flag == "--version") {
      o.version = true;
    } else if (flag == "--source") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      FIRECOUNT_ASSIGN(o.source, parse_source_spec(v));
      source_given = true;
    } else if (flag == "--input-format") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v == "json") {
        o.input_format = MessageFormat::kTwitterV1;
      } else if (v == "text") {
        o.input_format = MessageFormat::kText;
      } else {
        return usage(
            absl::StrCat("--input-format: unknown value ", quoted(v), " (accepted: json, text)"));
      }
    } else if (flag == "--batch") {
      FIRECOUNT_ASSIGN(o.batch, duration());
    } else if (flag == "--duration") {
      FIRECOUNT_ASSIGN(o.duration, duration());
    } else if (flag == "--once") {
      FIRECOUNT_CHECK_OK(no_value());
      o.once = true;
    } else if (flag == "--top") {
      FIRECOUNT_ASSIGN(o.top, count(1, 100'000'000));
    } else if (flag == "--tokenizer") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v == "split") {
        o.tokenizer = TokenizerKind::kSplit;
      } else if (v == "words") {
        o.tokenizer = TokenizerKind::kWords;
      } else {
        return usage(
            absl::StrCat("--tokenizer: unknown value ", quoted(v), " (accepted: split, words)"));
      }
    } else if (flag == "--output") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v == "pprint") {
        o.output = OutputKind::kPprint;
      } else if (v == "table") {
        o.output = OutputKind::kTable;
      } else if (v == "json") {
        o.output = OutputKind::kJson;
      } else {
        return usage(absl::StrCat("--output: unknown value ", quoted(v),
                                  " (accepted: pprint, table, json)"));
      }
    } else if (flag == "--snapshot-dir") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v.empty()) return usage("--snapshot-dir: needs a directory");
      o.snapshot_dir = std::string(v);
    } else if (flag == "--threads") {
      uint64_t n;
      FIRECOUNT_ASSIGN(n, count(1, 256));
      o.threads = static_cast<unsigned>(n);
    } else if (flag == "--worker-nice") {
      uint64_t n;
      FIRECOUNT_ASSIGN(n, count(0, 19));
      o.worker_nice = static_cast<int>(n);
    } else if (flag == "--coordinator-boost") {
      uint64_t n;
      FIRECOUNT_ASSIGN(n, count(0, 20));
      o.coordinator_boost = static_cast<int>(n);
    } else if (flag == "--tweets") {
      FIRECOUNT_ASSIGN(o.tweets, count(1, UINT64_MAX / 2));
    } else if (flag == "--seed") {
      FIRECOUNT_ASSIGN(o.seed, count(0, UINT64_MAX));
    } else if (flag == "--rate") {
      FIRECOUNT_ASSIGN(o.rate, count(0, 1'000'000'000));
    } else if (flag == "--skip-retweets") {
      FIRECOUNT_CHECK_OK(no_value());
      o.skip_retweets = true;
    } else if (flag == "--stopwords") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v.empty()) return usage("--stopwords: expected en or a file of words");
      o.stopwords = std::string(v);
    } else if (flag == "--endpoint" || flag == "--ca-file" || flag == "--credentials" ||
               flag == "--track" || flag == "--follow" || flag == "--locations" ||
               flag == "--language" || flag == "--cursor") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v.empty()) return usage(absl::StrCat(flag, " needs a value"));
      std::string& target = flag == "--endpoint"      ? o.live.endpoint
                            : flag == "--ca-file"     ? o.live.ca_file
                            : flag == "--credentials" ? o.live.credentials_file
                            : flag == "--track"       ? o.live.track
                            : flag == "--follow"      ? o.live.follow
                            : flag == "--locations"   ? o.live.locations
                            : flag == "--language"    ? o.live.language
                                                      : o.live.cursor;
      target = std::string(v);
      o.live.any = true;
    } else if (flag == "--delimited") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v != "length") {
        return usage(absl::StrCat("--delimited: unknown value ", quoted(v), " (accepted: length)"));
      }
      o.live.delimited_length = true;
      o.live.any = true;
    } else if (flag == "--stall-timeout-ms") {
      FIRECOUNT_ASSIGN(o.live.stall_timeout_ms, count(1, 86'400'000));
      o.live.any = true;
    } else if (flag == "--connect-timeout-ms") {
      FIRECOUNT_ASSIGN(o.live.connect_timeout_ms, count(1, 3'600'000));
      o.live.any = true;
    } else if (flag == "--live-queue-mb") {
      FIRECOUNT_ASSIGN(o.live.queue_mb, count(1, 65'536));
      o.live.any = true;
    } else if (flag == "--backoff-scale") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      const std::string text(v);
      char* end = nullptr;
      const double x = std::strtod(text.c_str(), &end);
      if (text.empty() || end != text.c_str() + text.size() || !(x > 0) || x > 1000) {
        return usage(
            absl::StrCat("--backoff-scale: expected a positive number like 0.5, got ", quoted(v)));
      }
      o.live.backoff_scale = x;
      o.live.any = true;
    } else if (flag == "--on-overflow") {
      std::string_view v;
      FIRECOUNT_ASSIGN(v, value());
      if (v != "block" && v != "drop") {
        return usage(
            absl::StrCat("--on-overflow: unknown value ", quoted(v), " (accepted: block, drop)"));
      }
      o.live.on_overflow = std::string(v);
      o.live.any = true;
    } else {
      return usage(
          absl::StrCat("unknown flag ", quoted(std::string_view(flag)), " (see firecount --help)"));
    }
#undef FIRECOUNT_ASSIGN
#undef FIRECOUNT_CHECK_OK
  }
  (void)source_given;
  const bool synthetic = o.source.kind == SourceKind::kSynthetic;
  const bool live = o.source.kind == SourceKind::kLive;
  if (o.live.any && !live) {
    return usage(
        "--endpoint, --credentials, --track and the other live-source flags need a live "
        "--source (twitter:filter, twitter:sample, x:filter, x:sample, jetstream, "
        "mastodon)");
  }
  if (live && o.input_format == MessageFormat::kText) {
    return usage("--input-format applies to file, stdin and socket sources only");
  }
  if (!synthetic && (o.tweets != 0 || o.rate.has_value())) {
    return usage("--tweets and --rate apply to --source synthetic only");
  }
  if (synthetic && o.input_format == MessageFormat::kText) {
    return usage("--input-format text does not apply to --source synthetic (it writes JSON)");
  }
  if (o.once && synthetic && o.tweets == 0) {
    return usage("--once with --source synthetic needs --tweets N (the stream is endless)");
  }
  if (synthetic && !o.duration && !o.once && o.tweets == 0) {
    o.duration = std::chrono::seconds(10);
  }
  if (!o.rate) o.rate = o.once ? 0 : 20'000;
  if (!o.stopwords.empty() && o.tokenizer != TokenizerKind::kWords) {
    return usage("--stopwords applies to --tokenizer words only");
  }
  if (o.once && o.duration) {
    return usage("--once reads the source to its end; it cannot be combined with --duration");
  }
  return o;
}

std::string engine_help_text() {
  return R"(firecount: count what a tweet stream talks about, in real time, on one machine.

Usage: firecount [options]
       firecount gen --tweets N [--seed S] [--rate N]     write the synthetic stream as NDJSON
       firecount bench [--threads 1..N] [--input FILE]    the firehose benchmark
       firecount rules list|add|delete ...               X API v2 filtered-stream rules

Source:
  --source SPEC          where messages come from (default: synthetic)
                           file:PATH          NDJSON file (or text lines, see --input-format)
                           stdin              standard input
                           socket:HOST:PORT   connect and read lines, like Spark's socketTextStream;
                                              reconnects when the peer goes away
                           synthetic          built-in v1.1 firehose generator
                           twitter:filter, twitter:sample   v1.1 streaming, OAuth 1.0a
                           x:filter, x:sample               X API v2, Bearer token
                           jetstream                        Bluesky Jetstream (no account)
                           mastodon                         Mastodon public timeline, SSE
                         (live streams: see "Live sources" below and docs/live-sources.md)
  --input-format F       json (one v1.1 message per line, default) or text (one tweet text per line)
  --tweets N             synthetic: stop after N tweets (default: endless)
  --seed S               synthetic: generator seed (default 1)
  --rate N               synthetic: tweets per second, 0 = as fast as possible
                         (default 20000; 0 with --once)

Live sources:
  --credentials FILE     JSON credentials (twitter: API_key/API_secret_key/access_token/
                         access_token_secret or consumerKey/...; x and mastodon: bearer_token /
                         access_token); default: environment variables. Never printed.
  --endpoint URL         replace the stream's host and path (proxies, mirrors, tests)
  --ca-file PEM          trust these CAs too (TLS verification is always on)
  --track, --follow, --locations, --language
                         v1.1 filter predicates (comma-separated)
  --delimited length     v1.1 length-prefixed framing
  --cursor TIME_US       jetstream: resume from this time_us
  --stall-timeout-ms N   reconnect after N ms without a byte (default: v1.1 90000, v2 20000,
                         jetstream and mastodon 60000)
  --connect-timeout-ms N limit for DNS, TCP, TLS and the response header (default 15000)
  --backoff-scale X      scale every reconnect delay (default 1)
  --live-queue-mb N      bound of messages waiting for the workers (default 64)
  --on-overflow P        block or drop when that bound is hit (default: drop; jetstream: block)

Counting:
  --tokenizer T          words (default): Unicode words, case-folded, #hashtags, @mentions, emoji,
                         URLs dropped (docs/tokenizer.md); split: exactly the seed job's
                         line.split(" ") on each line of the text
  --skip-retweets        do not count retweets (counted as skipped in the metrics)
  --stopwords en|FILE    words tokenizer: drop stop words (built-in English list or one per line)
  --threads N            parse/count workers (default: one per core)
  --worker-nice N        run the workers N nice steps below the coordinator, so batch boundaries
                         are not delayed on a saturated machine (0..19, default 5; 0: equal
                         priority, e.g. when other jobs share the machine)
  --coordinator-boost N  run the coordinator (folds, boundaries) N nice steps above the process
                         when it may (root, CAP_SYS_NICE or RLIMIT_NICE; otherwise it stays as
                         it is), so it never waits for a CPU behind the workers (0..20, default
                         15; 0: never)

Output:
  --batch DURATION       batch interval, like StreamingContext(sc, 2) (default 2s; 500ms, 1m, ...)
  --once                 read the source to its end, print one final result, exit
  --duration DURATION    stop after this long (default: 10s for synthetic without --tweets,
                         otherwise until the source ends or Ctrl-C)
  --top N                words shown per batch (default 30)
  --output O             pprint (default, like DStream.pprint), table (like the Structured
                         Streaming console sink) or json (one object per batch)
  --snapshot-dir DIR     after every batch, DIR/latest.json is replaced atomically
                         (default result/snapshots)

  --help                 this text
  --version              the version

Ordering: count descending, then word ascending by bytes. Times are UTC.
Exit codes: 0 success, 1 runtime failure, 2 bad usage. SIGINT/SIGTERM finish the current batch,
write the final snapshot and exit 0.
)";
}

}  // namespace firecount
