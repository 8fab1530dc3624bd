#pragma once
// TLS client plumbing shared by the live sources: the verifying ssl::context, and connect_tls(),
// one coroutine that resolves, connects and handshakes with a timeout on each step and turns any
// failure into a single-line message that says what to do.
//
// Verification is always on: the system trust store plus an optional --ca-file, verify_peer, SNI
// (for host names; not for IP literals, per RFC 6066) and OpenSSL's own host-name / IP check
// (SSL_set1_host / X509_VERIFY_PARAM_set1_ip_asc — equivalent to ssl::host_name_verification, and
// it leaves X509_V_ERR_HOSTNAME_MISMATCH in the verify result so the error can name it).
//
// Threading: the context is shared read-only by the streams of one source; connect_tls runs on
// the source's network thread.

#include <boost/asio/awaitable.hpp>
#include <boost/asio/ssl/context.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/ssl/ssl_stream.hpp>
#include <chrono>
#include <string>

#include "absl/status/statusor.h"
#include "core/backoff.h"
#include "core/url.h"

namespace firecount {

using TlsStream = boost::beast::ssl_stream<boost::beast::tcp_stream>;

// A client context: TLS 1.2+, verify_peer, default verify paths, plus `ca_file` when not empty.
// Errors: InvalidArgument naming the --ca-file that cannot be loaded.
absl::StatusOr<std::unique_ptr<boost::asio::ssl::context>> make_tls_client_context(
    const std::string& ca_file);

struct ConnectFailure {
  ReconnectCause cause = ReconnectCause::kNetwork;
  bool permanent = false;  // DNS name does not exist, certificate rejected
  std::string message;     // one line
};

// Resolves url.host, connects, sets SNI and the host check, and handshakes. On failure returns a
// ConnectFailure; on success an empty message. Each step has `timeout`.
boost::asio::awaitable<ConnectFailure> connect_tls(TlsStream& stream, const ParsedUrl& url,
                                                   std::chrono::milliseconds timeout);

// One line for a network error on an established stream ("… read failed: Connection reset").
ReconnectCause classify_stream_error(const boost::system::error_code& ec);

}  // namespace firecount
