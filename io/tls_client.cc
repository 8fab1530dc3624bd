#include "io/tls_client.h"

#include <openssl/ssl.h>
#include <openssl/x509_vfy.h>
#include <openssl/x509v3.h>

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/experimental/awaitable_operators.hpp>
#include <boost/asio/ip/address.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/ssl/error.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/error.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/websocket/error.hpp>

#include "absl/strings/str_cat.h"

namespace firecount {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using asio::ip::tcp;
using namespace asio::experimental::awaitable_operators;

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

std::string where(const ParsedUrl& url) { return absl::StrCat(url.host, ":", url.port); }

}  // namespace

absl::StatusOr<std::unique_ptr<asio::ssl::context>> make_tls_client_context(
    const std::string& ca_file) {
  auto ctx = std::make_unique<asio::ssl::context>(asio::ssl::context::tls_client);
  ctx->set_options(asio::ssl::context::default_workarounds | asio::ssl::context::no_sslv2 |
                   asio::ssl::context::no_sslv3 | asio::ssl::context::no_tlsv1 |
                   asio::ssl::context::no_tlsv1_1);
  ctx->set_verify_mode(asio::ssl::verify_peer);
  boost::system::error_code ec;
  ctx->set_default_verify_paths(ec);  // a missing system store is not fatal with --ca-file
  if (!ca_file.empty()) {
    ctx->load_verify_file(ca_file, ec);
    if (ec) {
      return absl::InvalidArgumentError(
          absl::StrCat("cannot load --ca-file ", ca_file, ": ", ec.message(),
                       "; it must be a readable PEM file of CA certificates"));
    }
  }
  return ctx;
}

asio::awaitable<ConnectFailure> connect_tls(TlsStream& stream, const ParsedUrl& url,
                                            std::chrono::milliseconds timeout) {
  ConnectFailure failure;
  auto ex = co_await asio::this_coro::executor;

  // DNS, raced against a timer (the resolver has no timeout of its own).
  tcp::resolver resolver(ex);
  asio::steady_timer timer(ex, timeout);
  auto raced = co_await (resolver.async_resolve(url.host, std::to_string(url.port), kTuple) ||
                         timer.async_wait(kTuple));
  if (raced.index() == 1) {
    failure.message = absl::StrCat("DNS lookup of ", url.host, " timed out after ", timeout.count(),
                                   " ms: check the network and DNS settings");
    co_return failure;
  }
  auto [resolve_ec, endpoints] = std::get<0>(std::move(raced));
  if (resolve_ec) {
    failure.permanent = resolve_ec == asio::error::host_not_found;
    failure.message = absl::StrCat("cannot resolve host ", url.host, " (", resolve_ec.message(),
                                   "): check --endpoint and DNS");
    co_return failure;
  }

  auto& tcp_layer = beast::get_lowest_layer(stream);
  tcp_layer.expires_after(timeout);
  auto [connect_ec, ep] = co_await tcp_layer.async_connect(endpoints, kTuple);
  if (connect_ec) {
    failure.message = absl::StrCat(
        "cannot connect to ", where(url), ": ",
        connect_ec == beast::error::timeout ? std::string("timed out") : connect_ec.message());
    co_return failure;
  }

  SSL* ssl = stream.native_handle();
  boost::system::error_code addr_ec;
  asio::ip::make_address(url.host, addr_ec);
  const bool is_ip = !addr_ec;
  if (is_ip) {
    X509_VERIFY_PARAM_set1_ip_asc(SSL_get0_param(ssl), url.host.c_str());
  } else {
    SSL_set_tlsext_host_name(ssl, url.host.c_str());
    SSL_set_hostflags(ssl, X509_CHECK_FLAG_NO_PARTIAL_WILDCARDS);
    SSL_set1_host(ssl, url.host.c_str());
  }
  tcp_layer.expires_after(timeout);
  auto [hs_ec] = co_await stream.async_handshake(asio::ssl::stream_base::client, kTuple);
  if (hs_ec) {
    long verify = SSL_get_verify_result(ssl);
    if (verify != X509_V_OK) {
      failure.permanent = true;
      std::string hint =
          verify == X509_V_ERR_HOSTNAME_MISMATCH || verify == X509_V_ERR_IP_ADDRESS_MISMATCH
              ? absl::StrCat("the certificate is not valid for ", url.host,
                             ": check --endpoint (use the name on the certificate)")
              : std::string(
                    "if the server uses a private CA, pass --ca-file CA.pem "
                    "(verification cannot be turned off)");
      failure.message =
          absl::StrCat("TLS certificate of ", where(url),
                       " rejected: ", X509_verify_cert_error_string(verify), "; ", hint);
    } else {
      failure.message = absl::StrCat(
          "TLS handshake with ", where(url),
          " failed: ", hs_ec == beast::error::timeout ? std::string("timed out") : hs_ec.message());
    }
    co_return failure;
  }
  co_return failure;
}

ReconnectCause classify_stream_error(const boost::system::error_code& ec) {
  if (ec == beast::error::timeout) return ReconnectCause::kStall;
  if (ec == asio::error::eof || ec == beast::http::error::end_of_stream ||
      ec == asio::ssl::error::stream_truncated || ec == asio::error::connection_reset ||
      ec == beast::websocket::error::closed) {
    return ReconnectCause::kServerClosed;
  }
  if (ec.category() == beast::http::make_error_code(beast::http::error::bad_chunk).category() ||
      ec == beast::websocket::error::message_too_big) {
    return ReconnectCause::kProtocol;
  }
  return ReconnectCause::kNetwork;
}

}  // namespace firecount
