#include "io/live_source_options.h"

#include "absl/strings/str_cat.h"
#include "core/ascii.h"
#include "io/credentials.h"
#include "io/http_stream_source.h"
#include "io/jetstream_source.h"

namespace firecount {
namespace {

constexpr std::string_view kSpecs[] = {"twitter:filter", "twitter:sample", "x:filter",
                                       "x:sample",       "jetstream",      "mastodon"};

std::string default_endpoint(std::string_view spec) {
  if (spec == "twitter:filter") return "https://stream.twitter.com/1.1/statuses/filter.json";
  if (spec == "twitter:sample") return "https://stream.twitter.com/1.1/statuses/sample.json";
  if (spec == "x:filter") return "https://api.x.com/2/tweets/search/stream";
  if (spec == "x:sample") return "https://api.x.com/2/tweets/sample/stream";
  if (spec == "jetstream") {
    return "wss://jetstream2.us-east.bsky.network/subscribe?wantedCollections=app.bsky.feed.post";
  }
  return "https://mastodon.social/api/v1/streaming/public";
}

}  // namespace

bool is_live_source_spec(std::string_view spec) {
  for (std::string_view s : kSpecs) {
    if (s == spec) return true;
  }
  return false;
}

absl::StatusOr<std::unique_ptr<LiveSource>> make_live_source(std::string_view spec,
                                                             const LiveSourceOptions& options) {
  if (!is_live_source_spec(spec)) {
    return absl::InvalidArgumentError(absl::StrCat(
        "unknown --source ", std::string(spec),
        ": use twitter:filter, twitter:sample, x:filter, x:sample, jetstream or mastodon"));
  }
  const std::string endpoint = options.endpoint.empty() ? default_endpoint(spec) : options.endpoint;
  std::optional<ParsedUrl> url = parse_url(endpoint);
  const bool websocket = spec == "jetstream";
  if (!url || url->scheme != (websocket ? "wss" : "https")) {
    return absl::InvalidArgumentError(
        absl::StrCat("--endpoint ", endpoint, " is not a valid ", websocket ? "wss://" : "https://",
                     " URL (scheme://host[:port]/path[?query]; TLS is required)"));
  }
  if (websocket) {
    if (url->query.find("wantedCollections=") == std::string::npos) {
      url->query +=
          std::string(url->query.empty() ? "" : "&") + "wantedCollections=app.bsky.feed.post";
    }
    int64_t cursor = 0;
    if (!options.cursor.empty() &&
        (!internal::parse_decimal(options.cursor, cursor) || cursor < 0)) {
      return absl::InvalidArgumentError(absl::StrCat(
          "--cursor ", options.cursor, " is not a Jetstream time_us (microseconds since 1970)"));
    }
    return std::make_unique<JetstreamSource>(*url, options, cursor);
  }
  if (spec == "twitter:filter" && options.track.empty() && options.follow.empty() &&
      options.locations.empty()) {
    return absl::InvalidArgumentError(
        "--source twitter:filter needs at least one of --track, --follow or --locations");
  }
  if (spec.substr(0, 8) == "twitter:") {
    auto creds = load_oauth1_credentials(options.credentials_file);
    if (!creds.ok()) return creds.status();
    return std::make_unique<HttpStreamSource>(
        spec == "twitter:filter" ? HttpStreamSource::Kind::kTwitterFilter
                                 : HttpStreamSource::Kind::kTwitterSample,
        *url, options, *std::move(creds), BearerCredentials{});
  }
  if (spec.substr(0, 2) == "x:") {
    auto creds = load_x_bearer_credentials(options.credentials_file);
    if (!creds.ok()) return creds.status();
    return std::make_unique<HttpStreamSource>(
        spec == "x:filter" ? HttpStreamSource::Kind::kXFilter : HttpStreamSource::Kind::kXSample,
        *url, options, OAuth1Credentials{}, *std::move(creds));
  }
  auto creds = load_mastodon_credentials(options.credentials_file);
  if (!creds.ok()) return creds.status();
  return std::make_unique<HttpStreamSource>(HttpStreamSource::Kind::kMastodon, *url, options,
                                            OAuth1Credentials{}, *std::move(creds));
}

}  // namespace firecount
