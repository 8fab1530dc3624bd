#pragma once
// StreamTestServer: a real TLS server on 127.0.0.1 that serves the live-stream protocols for the
// loopback integration tests, with faults on command.
//
//   Protocol::kHttp      — reads one HTTP/1.1 request, checks its auth (OAuth 1.0a signature
//                          recomputed from the request, or the Bearer token; a bad one gets 401),
//                          then writes the scripted Reply: an error status with headers and body,
//                          or a 200 chunked body whose every chunk is a separate TLS write.
//   Protocol::kWebSocket — same request checks, then a Beast WebSocket accept; each kSend step is
//                          one text message (fragmented into frames of `piece` bytes if set).
//
// Faults are Steps: kSend (with `piece` to cut chunks/frames, `delay` between them for slow
// writes), kRaw (bytes outside the chunked framing: garbage), kSleep, kDrop (close the TCP socket
// with no TLS close_notify, mid-message if you like), kStall (send nothing for `delay`, then
// drop), kEnd (last chunk / close frame). The handler picks the Reply per request, so a script can
// depend on the connection number or on the request (Jetstream's cursor).
//
// Threading: the server runs its own io_context thread; requests() is thread-safe.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "core/oauth1.h"

namespace firecount::testing {

struct Step {
  enum class Kind { kSend, kRaw, kSleep, kDrop, kStall, kEnd };
  Kind kind = Kind::kSend;
  std::string bytes;
  size_t piece = 0;                    // kSend: bytes per chunk / frame (0 = all at once)
  std::chrono::milliseconds delay{0};  // kSend: pause between pieces; kSleep/kStall: duration
};

inline Step send(std::string bytes, size_t piece = 0, std::chrono::milliseconds delay = {}) {
  return {Step::Kind::kSend, std::move(bytes), piece, delay};
}
inline Step raw(std::string bytes) { return {Step::Kind::kRaw, std::move(bytes), 0, {}}; }
inline Step drop() { return {Step::Kind::kDrop, {}, 0, {}}; }
inline Step stall(std::chrono::milliseconds d) { return {Step::Kind::kStall, {}, 0, d}; }
inline Step end() { return {Step::Kind::kEnd, {}, 0, {}}; }

struct Reply {
  int status = 200;
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;  // for error statuses
  std::string content_type = "application/json";
  std::vector<Step> steps;  // for 200 / WebSocket
};

struct Request {
  int connection = 0;  // 0-based accept order
  std::string method;
  std::string target;
  std::string body;
  std::string authorization;
  std::string user_agent;
  bool auth_ok = false;
  std::string auth_problem;
};

class StreamTestServer {
 public:
  enum class Protocol { kHttp, kWebSocket };
  struct Options {
    Protocol protocol = Protocol::kHttp;
    bool wrong_host_certificate = false;    // serve a cert for wrong.example
    std::optional<OAuthCredentials> oauth;  // check OAuth 1.0a signatures with these
    std::string bearer;                     // check "Authorization: Bearer <bearer>"
  };
  using Handler = std::function<Reply(const Request&)>;

  StreamTestServer(Options options, Handler handler);
  ~StreamTestServer();

  uint16_t port() const { return port_; }
  // "https://localhost:PORT" + path (or wss://).
  std::string url(const std::string& path_and_query) const;
  std::vector<Request> requests() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
  uint16_t port_ = 0;
};

}  // namespace firecount::testing
