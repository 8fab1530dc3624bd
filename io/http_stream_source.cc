#include "io/http_stream_source.h"

#include <openssl/rand.h>

#include <algorithm>
#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/http.hpp>
#include <chrono>

#include "absl/strings/str_cat.h"
#include "core/line_framer.h"
#include "core/sse_parser.h"
#include "io/tls_client.h"

namespace firecount {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr size_t kReadChunk = 64 * 1024;

MessageFormat format_of(HttpStreamSource::Kind kind) {
  switch (kind) {
    case HttpStreamSource::Kind::kTwitterFilter:
    case HttpStreamSource::Kind::kTwitterSample:
      return MessageFormat::kTwitterV1;
    case HttpStreamSource::Kind::kXFilter:
    case HttpStreamSource::Kind::kXSample:
      return MessageFormat::kXV2;
    case HttpStreamSource::Kind::kMastodon:
      return MessageFormat::kMastodon;
  }
  return MessageFormat::kTwitterV1;
}

std::string_view name_of(HttpStreamSource::Kind kind) {
  switch (kind) {
    case HttpStreamSource::Kind::kTwitterFilter:
      return "twitter:filter";
    case HttpStreamSource::Kind::kTwitterSample:
      return "twitter:sample";
    case HttpStreamSource::Kind::kXFilter:
      return "x:filter";
    case HttpStreamSource::Kind::kXSample:
      return "x:sample";
    case HttpStreamSource::Kind::kMastodon:
      return "mastodon";
  }
  return "live";
}

std::chrono::milliseconds default_stall(HttpStreamSource::Kind kind) {
  switch (kind) {
    case HttpStreamSource::Kind::kTwitterFilter:
    case HttpStreamSource::Kind::kTwitterSample:
      return std::chrono::seconds(90);
    case HttpStreamSource::Kind::kXFilter:
    case HttpStreamSource::Kind::kXSample:
      return std::chrono::seconds(20);
    case HttpStreamSource::Kind::kMastodon:
      return std::chrono::seconds(60);
  }
  return std::chrono::seconds(60);
}

bool is_twitter(HttpStreamSource::Kind k) {
  return k == HttpStreamSource::Kind::kTwitterFilter || k == HttpStreamSource::Kind::kTwitterSample;
}

// A short, single-line excerpt of an error body.
std::string excerpt(std::string_view body) {
  std::string out;
  bool space = false;
  for (char c : body) {
    if (static_cast<unsigned char>(c) < 0x20 || c == ' ') {
      space = !out.empty();
      continue;
    }
    if (space) out.push_back(' ');
    space = false;
    out.push_back(c);
    if (out.size() >= 200) {
      out += "…";
      break;
    }
  }
  return out;
}

size_t count_items(std::string_view list, char sep) {
  if (list.empty()) return 0;
  return static_cast<size_t>(std::count(list.begin(), list.end(), sep)) + 1;
}

}  // namespace

HttpStreamSource::HttpStreamSource(Kind kind, ParsedUrl url, const LiveSourceOptions& options,
                                   OAuth1Credentials oauth, BearerCredentials bearer)
    : StreamingSource(
          format_of(kind), url,
          absl::StrCat(std::string(name_of(kind)), " https://", url.host_header(), url.path),
          options, OverflowPolicy::kDrop, default_stall(kind)),
      kind_(kind),
      oauth_(std::move(oauth)),
      bearer_(std::move(bearer)) {
  add_secret(oauth_.keys.consumer_key);
  add_secret(oauth_.keys.consumer_secret);
  add_secret(oauth_.keys.token);
  add_secret(oauth_.keys.token_secret);
  add_secret(bearer_.token);
  if (is_twitter(kind_)) {
    if (kind_ == Kind::kTwitterFilter) {
      if (!options.track.empty()) params_.emplace_back("track", options.track);
      if (!options.follow.empty()) params_.emplace_back("follow", options.follow);
      if (!options.locations.empty()) params_.emplace_back("locations", options.locations);
    }
    if (!options.language.empty()) params_.emplace_back("language", options.language);
    if (options.delimited_length) params_.emplace_back("delimited", "length");
    params_.emplace_back("stall_warnings", "true");
  }
}

std::string HttpStreamSource::authorization(std::string_view method,
                                            const std::vector<OAuthParam>& signed_params) const {
  if (!is_twitter(kind_)) return "Bearer " + bearer_.token;
  unsigned char random[32];
  RAND_bytes(random, sizeof random);
  std::string nonce = oauth_nonce_from_bytes(
      std::string_view(reinterpret_cast<const char*>(random), sizeof random));
  int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                    std::chrono::system_clock::now().time_since_epoch())
                    .count();
  return oauth_authorization_header(
      method, oauth_base_string_uri("https", url().host, url().port, url().path), signed_params,
      oauth_.keys, nonce, now);
}

std::string HttpStreamSource::parameter_summary() const {
  const LiveSourceOptions& o = options();
  std::string out;
  auto add = [&](std::string_view name, const std::string& value, size_t items,
                 std::string_view unit) {
    if (value.empty()) return;
    absl::StrAppend(&out, out.empty() ? "" : ", ", std::string(name), "=", value, " (", items, " ",
                    std::string(unit), ")");
  };
  add("track", o.track, count_items(o.track, ','), "phrases");
  add("follow", o.follow, count_items(o.follow, ','), "ids");
  add("locations", o.locations, count_items(o.locations, ',') / 4, "boxes");
  add("language", o.language, count_items(o.language, ','), "codes");
  return out.empty() ? std::string("no parameters") : out;
}

std::string HttpStreamSource::describe_http_error(int status, std::string_view body) const {
  std::string base = StreamingSource::describe_http_error(status, body);
  switch (status) {
    case 401:
      return absl::StrCat(
          base, "; credentials from ", is_twitter(kind_) ? oauth_.origin : bearer_.origin,
          is_twitter(kind_) ? " (OAuth 1.0a user context; timestamps must be NTP-synced)" : "");
    case 403:
      return kind_ == Kind::kMastodon
                 ? absl::StrCat(base, "; the token needs the read:statuses scope")
                 : absl::StrCat(base, "; check the app's access level for this endpoint");
    case 406:
      return absl::StrCat(base, ": sent ", parameter_summary(),
                          "; each --track phrase must be 1-60 bytes, --locations boxes "
                          "lon,lat,lon,lat south-west first, and filter needs --track, --follow "
                          "or --locations");
    case 413:
      return absl::StrCat(base, ": sent ", parameter_summary(),
                          "; the limits are 400 track phrases, 5000 follow ids, 25 boxes");
    case 416:
      return absl::StrCat(base, ": the count parameter is not allowed or out of range");
    case 409:
      return absl::StrCat(base,
                          "; the filtered stream has no rules: add one with "
                          "`firecount rules add --rule VALUE`");
    default:
      return base;
  }
}

asio::awaitable<StreamingSource::SessionResult> HttpStreamSource::run_session() {
  SessionResult result;
  auto ex = co_await asio::this_coro::executor;
  TlsStream stream(ex, tls_context());
  ConnectFailure failure = co_await connect_tls(stream, url(), options().connect_timeout);
  if (!failure.message.empty()) {
    result.cause = failure.cause;
    result.permanent = failure.permanent;
    result.error = failure.message;
    co_return result;
  }

  // The request. v1.1 filter sends its parameters as a form body; everything else uses the query.
  std::vector<OAuthParam> signed_params = form_url_decode(url().query);
  std::string target = url().target();
  http::verb method = http::verb::get;
  std::string body;
  if (kind_ == Kind::kTwitterFilter) {
    method = http::verb::post;
    body = form_url_encode(params_);
  } else if (is_twitter(kind_) && !params_.empty()) {
    absl::StrAppend(&target, url().query.empty() ? "?" : "&", form_url_encode(params_));
  } else if ((kind_ == Kind::kXFilter || kind_ == Kind::kXSample) &&
             url().query.find("tweet.fields=") == std::string::npos) {
    absl::StrAppend(&target, url().query.empty() ? "?" : "&", "tweet.fields=created_at%2Clang");
  }
  for (const auto& p : params_) signed_params.push_back(p);
  http::request<http::string_body> req{method, target, 11};
  req.set(http::field::host, url().host_header());
  req.set(http::field::user_agent, options().user_agent);
  req.set(http::field::authorization,
          authorization(method == http::verb::post ? "POST" : "GET", signed_params));
  req.set(http::field::accept_encoding, "identity");
  if (kind_ == Kind::kMastodon) {
    req.set(http::field::accept, "text/event-stream");
    req.set(http::field::cache_control, "no-cache");
  }
  if (method == http::verb::post) {
    req.set(http::field::content_type, "application/x-www-form-urlencoded");
    req.body() = body;
  }
  req.prepare_payload();

  auto& tcp = beast::get_lowest_layer(stream);
  tcp.expires_after(options().connect_timeout);
  auto [write_ec, written] = co_await http::async_write(stream, req, kTuple);
  if (write_ec) {
    result.cause = classify_stream_error(write_ec);
    result.error = absl::StrCat("sending the request failed: ", write_ec.message());
    co_return result;
  }

  beast::flat_buffer buffer;
  http::response_parser<http::buffer_body> parser;
  parser.body_limit(boost::none);  // the body is endless
  parser.header_limit(64 * 1024);
  tcp.expires_after(options().connect_timeout);
  auto [header_ec, header_bytes] = co_await http::async_read_header(stream, buffer, parser, kTuple);
  if (header_ec) {
    result.cause = classify_stream_error(header_ec);
    if (result.cause == ReconnectCause::kStall) result.cause = ReconnectCause::kNetwork;
    result.error = absl::StrCat("reading the response header failed: ", header_ec.message());
    co_return result;
  }
  std::vector<char> chunk(kReadChunk);
  const int status = static_cast<int>(parser.get().result_int());
  if (status != 200) {
    // Read a little of the error body for the message, then give up on this connection.
    std::string error_body;
    while (!parser.is_done() && error_body.size() < 2048) {
      parser.get().body().data = chunk.data();
      parser.get().body().size = chunk.size();
      tcp.expires_after(options().connect_timeout);
      auto [ec, n] = co_await http::async_read_some(stream, buffer, parser, kTuple);
      error_body.append(chunk.data(), chunk.size() - parser.get().body().size);
      if (ec && ec != http::error::need_buffer) break;
    }
    const auto& res = parser.get();
    int64_t now = std::chrono::duration_cast<std::chrono::seconds>(
                      std::chrono::system_clock::now().time_since_epoch())
                      .count();
    std::optional<int64_t> hint_s;
    if (auto it = res.find(http::field::retry_after); it != res.end()) {
      hint_s = parse_retry_after(std::string_view(it->value().data(), it->value().size()), now);
    }
    if (auto it = res.find("x-rate-limit-reset"); it != res.end()) {
      auto reset =
          parse_rate_limit_reset(std::string_view(it->value().data(), it->value().size()), now);
      if (reset && (!hint_s || *reset > *hint_s)) hint_s = reset;
    }
    if (hint_s) result.server_hint = std::chrono::seconds(*hint_s);
    result.http_status = status;
    result.cause = (status == 420 || status == 429) ? ReconnectCause::kRateLimited
                                                    : ReconnectCause::kHttpError;
    result.permanent = status == 401 || status == 403 || status == 404 || status == 406 ||
                       status == 409 || status == 413 || status == 416;
    result.error = describe_http_error(status, excerpt(error_body));
    co_return result;
  }

  stream_established();
  LineFramer lines(LineFramer::Mode::kCrlf, options().max_message_bytes);
  LengthFramer lengths(options().max_message_bytes);
  SseParser sse(options().max_message_bytes);
  std::string event_line;
  auto on_message = [&](std::string_view m) {
    if (m.empty()) {
      keep_alive();
      deliver(m, /*is_keep_alive=*/true);  // the blank line, as the v1.1 / v2 wire has it
    } else {
      deliver(m);
    }
  };
  auto on_event = [&](const SseEvent& e) {
    event_line.assign(e.type);
    event_line.push_back('\t');
    event_line.append(e.data);
    for (size_t i = e.type.size() + 1; i < event_line.size(); ++i) {
      if (event_line[i] == '\n' || event_line[i] == '\r') event_line[i] = ' ';
    }
    deliver(event_line);
  };
  auto on_comment = [&](std::string_view) { keep_alive(); };

  for (;;) {
    parser.get().body().data = chunk.data();
    parser.get().body().size = chunk.size();
    tcp.expires_after(stall_timeout());
    auto [ec, n] = co_await http::async_read_some(stream, buffer, parser, kTuple);
    if (ec == http::error::need_buffer) ec = {};
    size_t got = chunk.size() - parser.get().body().size;
    if (got > 0) {
      received(got);
      std::string_view bytes(chunk.data(), got);
      FramerStatus fs = FramerStatus::kOk;
      if (kind_ == Kind::kMastodon) {
        fs = sse.feed(bytes, on_event, on_comment);
      } else if (options().delimited_length && is_twitter(kind_)) {
        fs = lengths.feed(bytes, on_message);
      } else {
        fs = lines.feed(bytes, on_message);
      }
      if (fs != FramerStatus::kOk) {
        result.cause = ReconnectCause::kProtocol;
        result.error = absl::StrCat("the stream's framing broke (",
                                    std::string(framer_status_name(fs)), "); reconnecting");
        co_return result;
      }
    }
    if (ec) {
      result.cause = classify_stream_error(ec);
      result.error = result.cause == ReconnectCause::kStall
                         ? absl::StrCat("no data for ", stall_timeout().count(),
                                        " ms (keep-alives included): the stream stalled")
                         : absl::StrCat("the stream broke: ", ec.message());
      co_return result;
    }
    if (parser.is_done()) {
      result.cause = ReconnectCause::kServerClosed;
      result.clean_end = true;
      co_return result;
    }
  }
}

}  // namespace firecount
