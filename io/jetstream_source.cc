#include "io/jetstream_source.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>

#include "absl/strings/str_cat.h"
#include "core/jetstream_extractor.h"
#include "io/tls_client.h"
#include "simdjson.h"

namespace firecount {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

}  // namespace

JetstreamSource::JetstreamSource(ParsedUrl url, const LiveSourceOptions& options,
                                 int64_t start_cursor_us)
    : StreamingSource(MessageFormat::kJetstream, url,
                      absl::StrCat("jetstream wss://", url.host_header(), url.path), options,
                      OverflowPolicy::kBlock, std::chrono::seconds(60)),
      deduper_(2 * options.cursor_rewind.count() + 10'000'000) {
  newest_us_.store(start_cursor_us, std::memory_order_relaxed);
}

std::string JetstreamSource::cursor() const {
  int64_t t = newest_us_.load(std::memory_order_relaxed);
  return t > 0 ? std::to_string(t) : std::string();
}

asio::awaitable<StreamingSource::SessionResult> JetstreamSource::run_session() {
  SessionResult result;
  auto ex = co_await asio::this_coro::executor;
  websocket::stream<TlsStream> ws(ex, tls_context());
  ConnectFailure failure = co_await connect_tls(ws.next_layer(), url(), options().connect_timeout);
  if (!failure.message.empty()) {
    result.cause = failure.cause;
    result.permanent = failure.permanent;
    result.error = failure.message;
    co_return result;
  }

  // The WebSocket layer owns the timeouts from here on.
  beast::get_lowest_layer(ws).expires_never();
  websocket::stream_base::timeout timeouts;
  timeouts.handshake_timeout = options().connect_timeout;
  timeouts.idle_timeout = stall_timeout();
  timeouts.keep_alive_pings = false;  // the server pings every 30 s; silence means a stall
  ws.set_option(timeouts);
  std::string agent = options().user_agent;
  ws.set_option(websocket::stream_base::decorator(
      [agent](websocket::request_type& req) { req.set(beast::http::field::user_agent, agent); }));
  ws.read_message_max(options().max_message_bytes);
  ws.control_callback([this](websocket::frame_type kind, beast::string_view) {
    if (kind == websocket::frame_type::ping) keep_alive();
  });

  std::string target = url().target();
  int64_t newest = newest_us_.load(std::memory_order_relaxed);
  if (newest > 0) {
    // A --cursor given by the user is used as is; after our own events, rewind a little.
    int64_t cursor = deduper_.high_water_us() == 0
                         ? newest
                         : std::max<int64_t>(newest - options().cursor_rewind.count(), 1);
    absl::StrAppend(&target, url().query.empty() ? "?" : "&", "cursor=", cursor);
  }
  websocket::response_type response;
  auto [hs_ec] = co_await ws.async_handshake(response, url().host_header(), target, kTuple);
  if (hs_ec) {
    if (hs_ec == websocket::error::upgrade_declined && response.result_int() != 101) {
      int status = static_cast<int>(response.result_int());
      result.http_status = status;
      result.cause = (status == 420 || status == 429) ? ReconnectCause::kRateLimited
                                                      : ReconnectCause::kHttpError;
      result.permanent = status == 400 || status == 401 || status == 403 || status == 404;
      std::string body = response.body();
      if (body.size() > 200) body.resize(200);
      result.error = describe_http_error(status, body);
      if (status == 400) absl::StrAppend(&result.error, "; check the query of --endpoint");
    } else {
      result.cause = classify_stream_error(hs_ec);
      if (result.cause == ReconnectCause::kStall) result.cause = ReconnectCause::kNetwork;
      result.error = absl::StrCat("WebSocket handshake failed: ", hs_ec.message());
    }
    co_return result;
  }
  stream_established();

  simdjson::ondemand::parser parser;
  JetstreamEventId id;
  beast::flat_buffer buffer;
  for (;;) {
    auto [ec, n] = co_await ws.async_read(buffer, kTuple);
    if (ec) {
      result.cause = classify_stream_error(ec);
      if (ec == websocket::error::closed) {
        result.clean_end = true;
        result.error = absl::StrCat("the server closed the WebSocket (",
                                    static_cast<int>(ws.reason().code), ")");
      } else if (result.cause == ReconnectCause::kStall) {
        result.error = absl::StrCat("no frame for ", stall_timeout().count(),
                                    " ms (pings included): the stream stalled");
      } else {
        result.error = absl::StrCat("the WebSocket broke: ", ec.message());
      }
      co_return result;
    }
    received(n);
    scratch_.assign(static_cast<const char*>(buffer.data().data()), buffer.size());
    buffer.consume(buffer.size());
    const size_t len = scratch_.size();
    for (char& c : scratch_) {
      if (c == '\n' || c == '\r') c = ' ';  // JSON whitespace; keeps the event on one line
    }
    scratch_.resize(len + simdjson::SIMDJSON_PADDING, '\0');
    if (read_jetstream_event_id(parser, scratch_.data(), len, scratch_.size(), id)) {
      if (!deduper_.admit(id.time_us, id.key)) {
        mutable_metrics().add(mutable_metrics().duplicates);
        continue;
      }
      if (id.time_us > newest_us_.load(std::memory_order_relaxed)) {
        newest_us_.store(id.time_us, std::memory_order_relaxed);
      }
    }
    deliver(std::string_view(scratch_.data(), len));
  }
}

}  // namespace firecount
