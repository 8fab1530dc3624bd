#include "io/socket_source.h"

#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace firecount {
namespace {

constexpr std::chrono::milliseconds kBackoffStep{250};
constexpr std::chrono::milliseconds kBackoffMax{4000};

}  // namespace

SocketSource::SocketSource(std::string host, uint16_t port, MessageFormat format, bool reconnect,
                           std::function<void(const std::string&)> log)
    : host_(std::move(host)),
      port_(port),
      format_(format),
      reconnect_(reconnect),
      log_(std::move(log)) {}

SocketSource::~SocketSource() { close_socket(); }

std::string SocketSource::describe() const {
  const bool v6 = host_.find(':') != std::string::npos;
  return absl::StrCat("socket:", v6 ? "[" : "", host_, v6 ? "]" : "", ":", port_);
}

void SocketSource::close_socket() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

absl::Status SocketSource::connect_once() {
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* list = nullptr;
  const std::string port = std::to_string(port_);
  const int gai = ::getaddrinfo(host_.c_str(), port.c_str(), &hints, &list);
  if (gai != 0) {
    return absl::UnavailableError(absl::StrCat("cannot resolve host '", host_, "' of ", describe(),
                                               ": ", ::gai_strerror(gai)));
  }
  std::string error = "no address";
  for (addrinfo* ai = list; ai; ai = ai->ai_next) {
    const int fd = ::socket(ai->ai_family, ai->ai_socktype | SOCK_CLOEXEC, ai->ai_protocol);
    if (fd < 0) {
      error = std::strerror(errno);
      continue;
    }
    if (::connect(fd, ai->ai_addr, ai->ai_addrlen) == 0) {
      fd_ = fd;
      break;
    }
    error = std::strerror(errno);
    ::close(fd);
  }
  ::freeaddrinfo(list);
  if (fd_ < 0) {
    return absl::UnavailableError(absl::StrCat("cannot connect to ", describe(), ": ", error));
  }
  connects_.fetch_add(1, std::memory_order_relaxed);
  bytes_this_connection_ = 0;
  return absl::OkStatus();
}

bool SocketSource::sleep_unless_stopped(std::chrono::milliseconds delay) {
  const auto until = std::chrono::steady_clock::now() + delay;
  while (std::chrono::steady_clock::now() < until) {
    if (stopped_.load(std::memory_order_relaxed)) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return !stopped_.load(std::memory_order_relaxed);
}

absl::Status SocketSource::open() {
  absl::Status status = connect_once();
  if (status.ok() || !reconnect_) return status;
  // Like Spark's receiver, a live socket source waits for its peer to come up.
  last_error_ = std::string(status.message());
  log_(absl::StrCat(last_error_, "; retrying until it is reachable (Ctrl-C to stop)"));
  return absl::OkStatus();
}

absl::StatusOr<ReadResult> SocketSource::read(char* dest, size_t capacity) {
  std::chrono::milliseconds backoff{0};
  bool reconnected = false;
  for (;;) {
    if (stopped_.load(std::memory_order_relaxed)) return ReadResult{ReadResult::Kind::kStopped, 0};
    if (fd_ < 0) {
      if (!reconnect_) return ReadResult{ReadResult::Kind::kEnd, 0};
      backoff = std::min(backoff + kBackoffStep, kBackoffMax);
      if (!sleep_unless_stopped(backoff)) continue;
      absl::Status status = connect_once();
      if (!status.ok()) {
        if (status.message() != last_error_) {
          last_error_ = std::string(status.message());
          log_(absl::StrCat(last_error_, "; retrying"));
        }
        continue;
      }
      last_error_.clear();
      log_(absl::StrCat("connected to ", describe()));
      backoff = std::chrono::milliseconds(0);
      reconnected = true;
    }
    if (reconnected) {
      // Tell the reader before the new connection's first byte.
      reconnected = false;
      if (bytes_ > 0) return ReadResult{ReadResult::Kind::kDiscontinuity, 0};
    }
    pollfd pfd{fd_, POLLIN, 0};
    const int ready = ::poll(&pfd, 1, 100);
    if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
    const ssize_t n = ::recv(fd_, dest, capacity, 0);
    if (n > 0) {
      bytes_ += static_cast<uint64_t>(n);
      bytes_this_connection_ += static_cast<uint64_t>(n);
      return ReadResult{ReadResult::Kind::kData, static_cast<size_t>(n)};
    }
    if (n < 0 && (errno == EINTR || errno == EAGAIN)) continue;
    const std::string why = n == 0 ? "the peer closed the connection" : std::strerror(errno);
    close_socket();
    if (!reconnect_) return ReadResult{ReadResult::Kind::kEnd, 0};
    log_(absl::StrCat(describe(), ": ", why, " after ", bytes_this_connection_,
                      " bytes; reconnecting"));
    last_error_.clear();
  }
}

}  // namespace firecount
