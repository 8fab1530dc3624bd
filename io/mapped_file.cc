#include "io/mapped_file.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <mutex>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

#ifndef MADV_POPULATE_READ
#define MADV_POPULATE_READ 22
#endif

namespace firecount {
namespace internal {

// One live mapping, as the SIGBUS handler sees it. Lock-free atomics only: the handler may run on
// any thread at any time, so it reads these and nothing else.
struct LiveMapping {
  std::atomic<uintptr_t> begin{0};
  std::atomic<uintptr_t> end{0};  // 0: a free slot
  // The lowest address the handler mapped zeros over (a page start); UINTPTR_MAX: none.
  std::atomic<uintptr_t> first_zeroed{UINTPTR_MAX};
};

constexpr int kMaxLiveMappings = 64;
LiveMapping g_live[kMaxLiveMappings];
std::mutex g_register_mutex;  // serializes claiming and freeing slots (never taken by the handler)
struct sigaction g_previous_sigbus;
uintptr_t g_page_size = 4096;
// Cleared when the kernel refuses MADV_POPULATE_READ (before 5.14): prefault() then does nothing.
// Relaxed: a hint; a stale read costs one more failing madvise.
std::atomic<bool> g_populate_works{true};

void lower_to(std::atomic<uintptr_t>& value, uintptr_t candidate) {
  uintptr_t current = value.load(std::memory_order_relaxed);
  while (candidate < current &&
         !value.compare_exchange_weak(current, candidate, std::memory_order_release,
                                      std::memory_order_relaxed)) {
  }
}

void on_sigbus(int sig, siginfo_t* info, void* context) {
  const int saved_errno = errno;
  const auto address = reinterpret_cast<uintptr_t>(info->si_addr);
  if (info->si_code == BUS_ADRERR) {
    for (LiveMapping& live : g_live) {
      const uintptr_t end = live.end.load(std::memory_order_acquire);
      if (end == 0 || address >= end) continue;
      const uintptr_t begin = live.begin.load(std::memory_order_relaxed);
      if (address < begin) continue;
      // The file ends before this page: read zeros from here to the end of the mapping instead.
      const uintptr_t page = address & ~(g_page_size - 1);
      void* zeros = ::mmap(reinterpret_cast<void*>(page), end - page, PROT_READ,
                           MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
      if (zeros == MAP_FAILED) break;
      lower_to(live.first_zeroed, page);
      errno = saved_errno;
      return;
    }
  }
  // Not ours: whoever handled SIGBUS before us, else the default action (terminate, core dump).
  if ((g_previous_sigbus.sa_flags & SA_SIGINFO) != 0 && g_previous_sigbus.sa_sigaction != nullptr) {
    errno = saved_errno;
    g_previous_sigbus.sa_sigaction(sig, info, context);
    return;
  }
  if ((g_previous_sigbus.sa_flags & SA_SIGINFO) == 0 && g_previous_sigbus.sa_handler != SIG_DFL &&
      g_previous_sigbus.sa_handler != SIG_IGN) {
    errno = saved_errno;
    g_previous_sigbus.sa_handler(sig);
    return;
  }
  struct sigaction default_action {};
  default_action.sa_handler = SIG_DFL;
  sigemptyset(&default_action.sa_mask);
  sigaction(SIGBUS, &default_action, nullptr);
  raise(SIGBUS);  // delivered when this handler returns (or at once, for a fault, on retry)
}

void install_sigbus_handler() {
  g_page_size = static_cast<uintptr_t>(sysconf(_SC_PAGESIZE));
  struct sigaction action {};
  action.sa_sigaction = on_sigbus;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESTART;
  sigaction(SIGBUS, &action, &g_previous_sigbus);
}

}  // namespace internal

using internal::g_live;
using internal::g_page_size;

absl::StatusOr<std::unique_ptr<MappedFile>> MappedFile::map(int fd, uint64_t size) {
  static std::once_flag installed;
  std::call_once(installed, internal::install_sigbus_handler);
  const uint64_t mapped_bytes = (size + g_page_size - 1) & ~uint64_t{g_page_size - 1};
  void* data = ::mmap(nullptr, mapped_bytes, PROT_READ, MAP_PRIVATE, fd, 0);
  if (data == MAP_FAILED) {
    return absl::UnavailableError(absl::StrCat("mmap failed: ", std::strerror(errno)));
  }
  const int own_fd = ::fcntl(fd, F_DUPFD_CLOEXEC, 0);
  int slot = -1;
  {
    std::lock_guard lock(internal::g_register_mutex);
    for (int i = 0; i < internal::kMaxLiveMappings && own_fd >= 0; ++i) {
      internal::LiveMapping& live = g_live[i];
      if (live.end.load(std::memory_order_relaxed) != 0) continue;
      live.first_zeroed.store(UINTPTR_MAX, std::memory_order_relaxed);
      live.begin.store(reinterpret_cast<uintptr_t>(data), std::memory_order_relaxed);
      live.end.store(reinterpret_cast<uintptr_t>(data) + mapped_bytes, std::memory_order_release);
      slot = i;
      break;
    }
  }
  if (slot < 0) {
    const int err = errno;
    ::munmap(data, mapped_bytes);
    if (own_fd >= 0) {
      ::close(own_fd);
      return absl::UnavailableError("too many mapped files for the SIGBUS handler");
    }
    return absl::UnavailableError(absl::StrCat("dup failed: ", std::strerror(err)));
  }
  return std::unique_ptr<MappedFile>(
      new MappedFile(own_fd, static_cast<const char*>(data), size, mapped_bytes, slot));
}

MappedFile::~MappedFile() {
  {
    std::lock_guard lock(internal::g_register_mutex);
    g_live[slot_].end.store(0, std::memory_order_release);
    g_live[slot_].begin.store(0, std::memory_order_relaxed);
  }
  ::munmap(const_cast<char*>(data_), mapped_bytes_);
  ::close(fd_);
}

void MappedFile::prefault(uint64_t begin, uint64_t end) const {
  end = std::min(end, mapped_bytes_);
  if (begin >= end || !internal::g_populate_works.load(std::memory_order_relaxed)) return;
  const uint64_t first = begin & ~uint64_t{g_page_size - 1};
  if (::madvise(const_cast<char*>(data_) + first, end - first, MADV_POPULATE_READ) == 0) return;
  if (errno == EFAULT) {
    // A page in the range lies past the file's end now: the first one the file no longer covers.
    const uint64_t now = current_size();
    const uint64_t past = std::max((now + g_page_size - 1) & ~uint64_t{g_page_size - 1}, first);
    internal::lower_to(g_live[slot_].first_zeroed, reinterpret_cast<uintptr_t>(data_) + past);
  } else if (errno == EINVAL) {
    internal::g_populate_works.store(false, std::memory_order_relaxed);
  }
}

void MappedFile::release(uint64_t begin, uint64_t end) const {
  const uint64_t first = begin & ~uint64_t{g_page_size - 1};
  const uint64_t last = std::min(end, mapped_bytes_) & ~uint64_t{g_page_size - 1};
  if (first < last) ::madvise(const_cast<char*>(data_) + first, last - first, MADV_DONTNEED);
}

void MappedFile::view_handed_out(uint64_t begin, uint64_t end) const {
  std::lock_guard lock(ledger_mutex_);
  ledger_.handed_out(begin, end);
}

void MappedFile::view_returned(uint64_t begin) const {
  ViewLedger::Range drop;
  {
    std::lock_guard lock(ledger_mutex_);
    drop = ledger_.returned(begin);
  }
  // Outside the lock: the shootdown takes microseconds, and drops never overlap.
  if (!drop.empty()) release(drop.begin, drop.end);
}

bool MappedFile::shrunk() const {
  return g_live[slot_].first_zeroed.load(std::memory_order_acquire) != UINTPTR_MAX;
}

uint64_t MappedFile::first_zeroed() const {
  const uintptr_t address = g_live[slot_].first_zeroed.load(std::memory_order_acquire);
  if (address == UINTPTR_MAX) return size_;
  return std::min<uint64_t>(address - reinterpret_cast<uintptr_t>(data_), size_);
}

uint64_t MappedFile::current_size() const {
  struct stat st;
  if (::fstat(fd_, &st) != 0) return size_;
  return static_cast<uint64_t>(st.st_size);
}

}  // namespace firecount
