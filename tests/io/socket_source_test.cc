#include "io/socket_source.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <string>
#include <thread>
#include <vector>

#include "gtest/gtest.h"
#include "io/engine.h"

namespace firecount {
namespace {

// A real TCP server on 127.0.0.1 that plays one script per accepted connection, like the seed's
// sender: each script is written in small pieces, then the connection is closed.
class LineServer {
 public:
  explicit LineServer(std::vector<std::string> scripts) : scripts_(std::move(scripts)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    int one = 1;
    ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    addr.sin_port = 0;
    EXPECT_EQ(::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr), 0);
    EXPECT_EQ(::listen(fd_, 4), 0);
    socklen_t len = sizeof addr;
    ::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len);
    port_ = ntohs(addr.sin_port);
    thread_ = std::thread([this] { serve(); });
  }
  ~LineServer() {
    thread_.join();
    ::close(fd_);
  }
  uint16_t port() const { return port_; }
  bool finished() const { return finished_.load(); }

 private:
  void serve() {
    for (const std::string& script : scripts_) {
      const int c = ::accept(fd_, nullptr, nullptr);
      if (c < 0) break;
      for (size_t i = 0; i < script.size(); i += 7) {
        const size_t n = std::min<size_t>(7, script.size() - i);
        if (::send(c, script.data() + i, n, MSG_NOSIGNAL) < 0) break;
        std::this_thread::sleep_for(std::chrono::microseconds(200));
      }
      ::close(c);
    }
    finished_.store(true);
  }

  std::vector<std::string> scripts_;
  int fd_;
  uint16_t port_ = 0;
  std::thread thread_;
  std::atomic<bool> finished_{false};
};

struct EngineRun {
  StateTotals totals;
  Ranking ranking;
  uint64_t truncated = 0;
  uint64_t connects = 0;
  std::vector<std::string> log;
};

EngineRun run_engine(LineServer& server, bool reconnect) {
  EngineRun run;
  SocketSource source("127.0.0.1", server.port(), MessageFormat::kText, reconnect,
                      [&](const std::string& line) { run.log.push_back(line); });
  EngineConfig config;
  config.threads = 2;
  config.batch = std::chrono::milliseconds(100);
  config.top = 100;
  Engine engine(
      config, source, [](const BatchResult&) {},
      [&](const std::string& line) { run.log.push_back(line); });
  int grace = 0;
  const absl::Status status = engine.run([&](std::chrono::milliseconds t) {
    std::this_thread::sleep_for(t);
    // Stop a reconnecting source a little after the server has played every script.
    return server.finished() && ++grace > 10;
  });
  EXPECT_TRUE(status.ok()) << status;
  run.totals = engine.report().totals;
  run.ranking = engine.state().ranking();
  run.truncated = engine.report().truncated_lines;
  run.connects = source.connects();
  return run;
}

TEST(SocketSourceTest, ReadsLinesUntilThePeerClosesWithOnce) {
  LineServer server({"hello world\nhello\r\nbye"});
  const EngineRun run = run_engine(server, /*reconnect=*/false);
  EXPECT_EQ(run.totals.tweets, 3u);
  EXPECT_EQ(run.totals.tokens, 4u);
  EXPECT_EQ(run.ranking, (Ranking{{"hello", 2}, {"bye", 1}, {"world", 1}}));
}

TEST(SocketSourceTest, ReconnectsAfterThePeerGoesAwayAndDropsOnlyThePartialLine) {
  LineServer server({"a b\nc d\npartial li", "e f\n", "g\n"});
  const EngineRun run = run_engine(server, /*reconnect=*/true);
  EXPECT_GE(run.connects, 3u);  // the kernel may accept one more before the server closes
  EXPECT_EQ(run.truncated, 1u);
  EXPECT_EQ(run.totals.tweets, 4u);  // "a b", "c d", "e f", "g"
  EXPECT_EQ(run.totals.tokens, 7u);
  bool said_reconnecting = false;
  for (const auto& line : run.log) {
    if (line.find("reconnecting") != std::string::npos) said_reconnecting = true;
  }
  EXPECT_TRUE(said_reconnecting);
}

TEST(SocketSourceTest, OnceFailsClearlyWhenNobodyListens) {
  // Bind and close a socket to find a port with no listener.
  const int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  ::bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr);
  socklen_t len = sizeof addr;
  ::getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len);
  ::close(fd);
  SocketSource source("127.0.0.1", ntohs(addr.sin_port), MessageFormat::kText, false,
                      [](const std::string&) {});
  const absl::Status status = source.open();
  EXPECT_FALSE(status.ok());
  EXPECT_NE(status.message().find("cannot connect to socket:127.0.0.1:"), std::string::npos)
      << status;
}

}  // namespace
}  // namespace firecount
