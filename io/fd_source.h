#pragma once
// FdSource: a Source over a file descriptor: `file:PATH` (large read() calls straight into the
// pooled buffers) and `stdin`.
//
// Reads wait in poll() with a short timeout so stop() takes effect even on an idle pipe or
// terminal. A read error is an absl::Status naming the file; end of file is kEnd.
//
// Threading: one reader thread; stop() from any thread.

#include <atomic>
#include <string>

#include "io/source.h"

namespace firecount {

class FdSource final : public Source {
 public:
  // A file source for `path`.
  static std::unique_ptr<FdSource> file(std::string path, MessageFormat format);
  // The process's standard input.
  static std::unique_ptr<FdSource> standard_input(MessageFormat format);

  ~FdSource() override;

  absl::Status open() override;
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override;
  void stop() override { stopped_.store(true, std::memory_order_relaxed); }
  MessageFormat format() const override { return format_; }
  SourcePosition position() const override { return {bytes_, ""}; }
  std::string describe() const override;

 private:
  FdSource(std::string path, bool is_stdin, MessageFormat format)
      : path_(std::move(path)), is_stdin_(is_stdin), format_(format) {}

  std::string path_;
  bool is_stdin_;
  MessageFormat format_;
  int fd_ = -1;
  uint64_t bytes_ = 0;
  std::atomic<bool> stopped_{false};  // relaxed: a request flag, no data hangs off it
};

}  // namespace firecount
