#include "io/signals.h"

#include <signal.h>

#include <cerrno>

namespace firecount {
namespace {

sigset_t shutdown_set() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  return set;
}

}  // namespace

ShutdownSignals::ShutdownSignals() {
  const sigset_t set = shutdown_set();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

ShutdownSignals::~ShutdownSignals() {
  const sigset_t set = shutdown_set();
  pthread_sigmask(SIG_UNBLOCK, &set, nullptr);
}

bool ShutdownSignals::wait_for(std::chrono::milliseconds timeout) {
  if (last_signal_ != 0) return true;
  const sigset_t set = shutdown_set();
  timespec ts;
  ts.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  ts.tv_nsec = static_cast<long>(timeout.count() % 1000) * 1'000'000;
  for (;;) {
    const int sig = sigtimedwait(&set, nullptr, &ts);
    if (sig > 0) {
      last_signal_ = sig;
      return true;
    }
    if (errno == EINTR) continue;
    return false;  // EAGAIN: timed out
  }
}

}  // namespace firecount
