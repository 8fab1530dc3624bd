#pragma once
// FdSource: a Source over a file descriptor: `file:PATH` and `stdin`.
//
// A regular, non-empty file is mapped at open() (io/mapped_file.h; mapped()), and the Reader hands
// the workers views into the mapping, so the file is never copied; read() then continues after
// the mapped length, for bytes appended since open. Anything else (stdin, pipes, FIFOs, character
// devices, /proc files, empty files, or a file the kernel refuses to map) is read with large
// read() calls straight into the pooled buffers. Reads wait in poll() with a short timeout so
// stop() takes effect even on an idle pipe or terminal. A read error is an absl::Status naming
// the file; end of file is kEnd.
//
// Threading: one reader thread; stop() from any thread.

#include <atomic>
#include <memory>
#include <string>

#include "io/mapped_file.h"
#include "io/source.h"

namespace firecount {

// How a file source reads a regular file.
enum class FileAccess {
  kMapIfRegular,  // map it (read() if it cannot be mapped)
  kRead,          // always read() (the reference path in tests)
};

class FdSource final : public Source {
 public:
  // A file source for `path`.
  static std::unique_ptr<FdSource> file(std::string path, MessageFormat format,
                                        FileAccess access = FileAccess::kMapIfRegular);
  // The process's standard input.
  static std::unique_ptr<FdSource> standard_input(MessageFormat format);

  ~FdSource() override;

  absl::Status open() override;
  absl::StatusOr<ReadResult> read(char* dest, size_t capacity) override;
  void stop() override { stopped_.store(true, std::memory_order_relaxed); }
  const MappedFile* mapped() const override { return mapped_.get(); }
  bool stop_requested() const override { return stopped_.load(std::memory_order_relaxed); }
  MessageFormat format() const override { return format_; }
  // For a mapped file, the mapped length counts as delivered: bytes is the file offset of the next
  // read().
  SourcePosition position() const override { return {bytes_, ""}; }
  std::string describe() const override;

 private:
  FdSource(std::string path, bool is_stdin, MessageFormat format, FileAccess access)
      : path_(std::move(path)), is_stdin_(is_stdin), format_(format), access_(access) {}

  std::string path_;
  bool is_stdin_;
  MessageFormat format_;
  FileAccess access_;
  int fd_ = -1;
  std::unique_ptr<MappedFile> mapped_;
  uint64_t bytes_ = 0;
  std::atomic<bool> stopped_{false};  // relaxed: a request flag, no data hangs off it
};

}  // namespace firecount
