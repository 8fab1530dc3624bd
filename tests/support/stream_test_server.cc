#include "tests/support/stream_test_server.h"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/ssl.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/beast/websocket/ssl.hpp>
#include <cstdio>

#include "tests/support/test_pki.h"

namespace firecount::testing {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
using asio::ip::tcp;
using TlsStream = beast::ssl_stream<beast::tcp_stream>;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

asio::awaitable<void> sleep_for(std::chrono::milliseconds d) {
  asio::steady_timer t(co_await asio::this_coro::executor, d);
  co_await t.async_wait(kTuple);
}

// Shuts the TCP connection under any layered stream down at once: the client sees a drop,
// with no TLS close_notify and no WebSocket close frame.
template <typename Stream>
void close_abruptly(Stream& stream) {
  beast::error_code ignored;
  beast::get_lowest_layer(stream).socket().shutdown(tcp::socket::shutdown_both, ignored);
  beast::get_lowest_layer(stream).socket().close(ignored);
}

std::string reason(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 406:
      return "Not Acceptable";
    case 409:
      return "Conflict";
    case 420:
      return "Enhance Your Calm";
    case 429:
      return "Too Many Requests";
    case 503:
      return "Service Unavailable";
    default:
      return "Status";
  }
}

}  // namespace

struct StreamTestServer::Impl {
  Options options;
  Handler handler;
  asio::io_context io;
  asio::ssl::context tls{asio::ssl::context::tls_server};
  tcp::acceptor acceptor{io};
  std::thread thread;
  mutable std::mutex mu;
  std::vector<Request> requests;
  int connections = 0;
  uint16_t port = 0;

  void check_auth(Request& r) {
    if (options.oauth) {
      std::vector<OAuthParam> header = parse_oauth_authorization_header(r.authorization);
      std::string signature;
      std::vector<OAuthParam> signed_params;
      std::string consumer_key, token;
      for (auto& [k, v] : header) {
        if (k == "oauth_signature")
          signature = v;
        else
          signed_params.emplace_back(k, v);
        if (k == "oauth_consumer_key") consumer_key = v;
        if (k == "oauth_token") token = v;
      }
      size_t q = r.target.find('?');
      std::string path = r.target.substr(0, q);
      if (q != std::string::npos) {
        for (auto& p : form_url_decode(r.target.substr(q + 1))) signed_params.push_back(p);
      }
      if (r.method == "POST") {
        for (auto& p : form_url_decode(r.body)) signed_params.push_back(p);
      }
      std::string expected = oauth_hmac_sha1_signature(
          oauth_signature_base_string(
              r.method, oauth_base_string_uri("https", "localhost", port, path), signed_params),
          options.oauth->consumer_secret, options.oauth->token_secret);
      if (consumer_key != options.oauth->consumer_key || token != options.oauth->token) {
        r.auth_problem = "wrong consumer key or token";
      } else if (signature.empty() || signature != expected) {
        r.auth_problem = "bad signature";
      } else {
        r.auth_ok = true;
      }
    } else if (!options.bearer.empty()) {
      r.auth_ok = r.authorization == "Bearer " + options.bearer;
      if (!r.auth_ok) r.auth_problem = "bad bearer token";
    } else {
      r.auth_ok = true;
    }
  }

  asio::awaitable<void> write_raw(TlsStream& s, std::string bytes) {
    co_await asio::async_write(s, asio::buffer(bytes), kTuple);
  }

  asio::awaitable<void> serve_http(TlsStream& s, const Reply& reply) {
    if (reply.status != 200) {
      std::string out = "HTTP/1.1 " + std::to_string(reply.status) + " " + reason(reply.status) +
                        "\r\nContent-Type: " + reply.content_type +
                        "\r\nContent-Length: " + std::to_string(reply.body.size()) +
                        "\r\nConnection: close\r\n";
      for (auto& [k, v] : reply.headers) out += k + ": " + v + "\r\n";
      out += "\r\n" + reply.body;
      co_await write_raw(s, out);
      co_await s.async_shutdown(kTuple);
      co_return;
    }
    std::string head = "HTTP/1.1 200 OK\r\nContent-Type: " + reply.content_type +
                       "\r\nTransfer-Encoding: chunked\r\n";
    for (auto& [k, v] : reply.headers) head += k + ": " + v + "\r\n";
    co_await write_raw(s, head + "\r\n");
    for (const Step& step : reply.steps) {
      switch (step.kind) {
        case Step::Kind::kSend: {
          size_t piece = step.piece == 0 ? step.bytes.size() : step.piece;
          for (size_t pos = 0; pos < step.bytes.size(); pos += piece) {
            std::string part = step.bytes.substr(pos, piece);
            char size[32];
            std::snprintf(size, sizeof size, "%zx\r\n", part.size());
            auto [ec, n] =
                co_await asio::async_write(s, asio::buffer(size + part + "\r\n"), kTuple);
            if (ec) co_return;
            if (step.delay.count() > 0) co_await sleep_for(step.delay);
          }
          break;
        }
        case Step::Kind::kRaw:
          co_await write_raw(s, step.bytes);
          break;
        case Step::Kind::kSleep:
          co_await sleep_for(step.delay);
          break;
        case Step::Kind::kStall:
          co_await sleep_for(step.delay);
          [[fallthrough]];
        case Step::Kind::kDrop:
          close_abruptly(s);
          co_return;
        case Step::Kind::kEnd:
          co_await write_raw(s, "0\r\n\r\n");
          beast::get_lowest_layer(s).expires_after(std::chrono::seconds(2));
          co_await s.async_shutdown(kTuple);
          co_return;
      }
    }
  }

  asio::awaitable<void> serve_websocket(TlsStream&& s, const http::request<http::string_body>& req,
                                        const Reply& reply) {
    if (reply.status != 200 && reply.status != 101) {
      co_await serve_http(s, reply);
      co_return;
    }
    websocket::stream<TlsStream> ws(std::move(s));
    beast::get_lowest_layer(ws).expires_never();
    auto [accept_ec] = co_await ws.async_accept(req, kTuple);
    if (accept_ec) co_return;
    ws.text(true);
    for (const Step& step : reply.steps) {
      switch (step.kind) {
        case Step::Kind::kSend: {
          if (step.piece == 0 || step.piece >= step.bytes.size()) {
            auto [ec, n] = co_await ws.async_write(asio::buffer(step.bytes), kTuple);
            if (ec) co_return;
          } else {
            for (size_t pos = 0; pos < step.bytes.size(); pos += step.piece) {
              bool fin = pos + step.piece >= step.bytes.size();
              auto [ec, n] = co_await ws.async_write_some(
                  fin,
                  asio::buffer(step.bytes.data() + pos,
                               std::min(step.piece, step.bytes.size() - pos)),
                  kTuple);
              if (ec) co_return;
              if (step.delay.count() > 0) co_await sleep_for(step.delay);
            }
          }
          break;
        }
        case Step::Kind::kRaw: {
          co_await asio::async_write(ws.next_layer(), asio::buffer(step.bytes), kTuple);
          break;
        }
        case Step::Kind::kSleep:
          co_await sleep_for(step.delay);
          break;
        case Step::Kind::kStall:
          co_await sleep_for(step.delay);
          [[fallthrough]];
        case Step::Kind::kDrop:
          close_abruptly(ws);
          co_return;
        case Step::Kind::kEnd: {
          auto [ec] = co_await ws.async_close(websocket::close_code::normal, kTuple);
          (void)ec;
          // Drain until the client's close frame arrives.
          beast::flat_buffer b;
          co_await ws.async_read(b, kTuple);
          co_return;
        }
      }
    }
  }

  asio::awaitable<void> session(tcp::socket socket) {
    TlsStream s(std::move(socket), tls);
    beast::get_lowest_layer(s).expires_after(std::chrono::seconds(10));
    auto [hs_ec] = co_await s.async_handshake(asio::ssl::stream_base::server, kTuple);
    if (hs_ec) co_return;  // e.g. the client rejected our certificate
    beast::flat_buffer buffer;
    http::request<http::string_body> req;
    auto [read_ec, n] = co_await http::async_read(s, buffer, req, kTuple);
    if (read_ec) co_return;
    beast::get_lowest_layer(s).expires_never();
    Request r;
    {
      std::lock_guard lock(mu);
      r.connection = connections++;
    }
    r.method = std::string(req.method_string());
    r.target = std::string(req.target());
    r.body = req.body();
    r.authorization = std::string(req[http::field::authorization]);
    r.user_agent = std::string(req[http::field::user_agent]);
    check_auth(r);
    Reply reply;
    if (r.auth_ok) {
      reply = handler(r);
    } else {
      reply.status = 401;
      reply.body = R"({"title":"Unauthorized","detail":")" + r.auth_problem + "\"}";
    }
    {
      std::lock_guard lock(mu);
      requests.push_back(r);
    }
    if (options.protocol == Protocol::kWebSocket) {
      co_await serve_websocket(std::move(s), req, reply);
    } else {
      co_await serve_http(s, reply);
    }
  }

  asio::awaitable<void> accept_loop() {
    for (;;) {
      auto [ec, socket] = co_await acceptor.async_accept(kTuple);
      if (ec) co_return;
      asio::co_spawn(io, session(std::move(socket)), asio::detached);
    }
  }
};

StreamTestServer::StreamTestServer(Options options, Handler handler) : impl_(new Impl) {
  impl_->options = std::move(options);
  impl_->handler = std::move(handler);
  const TestPki& pki = test_pki();
  const std::string& cert =
      impl_->options.wrong_host_certificate ? pki.wrong_host_cert_pem : pki.server_cert_pem;
  const std::string& key =
      impl_->options.wrong_host_certificate ? pki.wrong_host_key_pem : pki.server_key_pem;
  impl_->tls.use_certificate_chain(asio::buffer(cert));
  impl_->tls.use_private_key(asio::buffer(key), asio::ssl::context::pem);
  tcp::endpoint ep(asio::ip::make_address("127.0.0.1"), 0);
  impl_->acceptor.open(ep.protocol());
  impl_->acceptor.set_option(tcp::acceptor::reuse_address(true));
  impl_->acceptor.bind(ep);
  impl_->acceptor.listen();
  port_ = impl_->acceptor.local_endpoint().port();
  impl_->port = port_;
  asio::co_spawn(impl_->io, impl_->accept_loop(), asio::detached);
  impl_->thread = std::thread([this] { impl_->io.run(); });
}

StreamTestServer::~StreamTestServer() {
  impl_->io.stop();
  impl_->thread.join();
}

std::string StreamTestServer::url(const std::string& path_and_query) const {
  std::string scheme = impl_->options.protocol == Protocol::kWebSocket ? "wss" : "https";
  return scheme + "://localhost:" + std::to_string(port_) + path_and_query;
}

std::vector<Request> StreamTestServer::requests() const {
  std::lock_guard lock(impl_->mu);
  return impl_->requests;
}

}  // namespace firecount::testing
