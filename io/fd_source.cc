#include "io/fd_source.h"

#include <fcntl.h>
#include <poll.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "absl/status/status.h"
#include "absl/strings/str_cat.h"

namespace firecount {

std::unique_ptr<FdSource> FdSource::file(std::string path, MessageFormat format,
                                         FileAccess access) {
  return std::unique_ptr<FdSource>(new FdSource(std::move(path), false, format, access));
}

std::unique_ptr<FdSource> FdSource::standard_input(MessageFormat format) {
  return std::unique_ptr<FdSource>(new FdSource("", true, format, FileAccess::kRead));
}

FdSource::~FdSource() {
  mapped_.reset();
  if (fd_ >= 0 && !is_stdin_) ::close(fd_);
}

std::string FdSource::describe() const { return is_stdin_ ? "stdin" : "file:" + path_; }

absl::Status FdSource::open() {
  if (is_stdin_) {
    fd_ = STDIN_FILENO;
    return absl::OkStatus();
  }
  fd_ = ::open(path_.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd_ < 0) {
    const int err = errno;
    const std::string message = absl::StrCat("cannot open ", describe(), ": ", std::strerror(err));
    if (err == ENOENT) return absl::NotFoundError(message);
    if (err == EACCES) return absl::PermissionDeniedError(message);
    return absl::UnavailableError(message);
  }
  struct stat st;
  const bool stat_ok = ::fstat(fd_, &st) == 0;
  if (stat_ok && S_ISDIR(st.st_mode)) {
    return absl::InvalidArgumentError(absl::StrCat("cannot read ", describe(), ": is a directory"));
  }
  ::posix_fadvise(fd_, 0, 0, POSIX_FADV_SEQUENTIAL);
  if (access_ == FileAccess::kMapIfRegular && stat_ok && S_ISREG(st.st_mode) && st.st_size > 0) {
    // /proc files are regular with st_size 0: they stay on read(), like empty files.
    auto mapped = MappedFile::map(fd_, static_cast<uint64_t>(st.st_size));
    if (mapped.ok() && ::lseek(fd_, st.st_size, SEEK_SET) == st.st_size) {
      mapped_ = std::move(*mapped);
      bytes_ = mapped_->size();
    }
  }
  return absl::OkStatus();
}

absl::StatusOr<ReadResult> FdSource::read(char* dest, size_t capacity) {
  for (;;) {
    if (stopped_.load(std::memory_order_relaxed)) return ReadResult{ReadResult::Kind::kStopped, 0};
    if (is_stdin_) {
      pollfd pfd{fd_, POLLIN, 0};
      const int ready = ::poll(&pfd, 1, 100);
      if (ready == 0 || (ready < 0 && errno == EINTR)) continue;
    }
    const ssize_t n = ::read(fd_, dest, capacity);
    if (n > 0) {
      bytes_ += static_cast<uint64_t>(n);
      return ReadResult{ReadResult::Kind::kData, static_cast<size_t>(n)};
    }
    if (n == 0) return ReadResult{ReadResult::Kind::kEnd, 0};
    if (errno == EINTR || errno == EAGAIN) continue;
    return absl::DataLossError(absl::StrCat("read failed on ", describe(), " at byte ", bytes_,
                                            ": ", std::strerror(errno)));
  }
}

}  // namespace firecount
