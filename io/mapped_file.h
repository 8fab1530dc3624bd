#pragma once
// MappedFile: a read-only mapping of a regular file's first size() bytes (its length at open), so
// the Reader (io/reader.h) can hand the parse workers views into the page cache instead of
// read()-copying the file into buffers.
//
// FdSource (io/fd_source.h) maps regular, non-empty files. The Reader cuts the mapping into views
// of whole lines (Buffer::set_view, io/buffer_pool.h), prefault()s each and records it with
// view_handed_out() before handing it over; when a worker returns a view, BufferPool::release()
// calls view_returned(). Once the bytes below every view still out reach kDropStep past the last
// drop, their pages leave the process (they stay in the page cache): the resident size is bounded
// by the views in flight plus a step, not by the file, and a drop (a TLB shootdown on every core
// the process runs on) comes once per step, not once per view (core/view_ledger.h).
//
// A file truncated underneath: touching a mapped page past the file's new end raises SIGBUS. A
// process-wide handler, installed with the first mapping, looks the faulting address up among the
// live mappings. Inside one (a BUS_ADRERR), it maps anonymous zero pages over the rest of that
// mapping, records the offset, and returns: the access reads zeros instead of crashing, and
// shrunk() turns true. For any other SIGBUS it hands over to the handler installed before it, or
// restores the default action and re-raises (the process dies as it would have without us).
// prefault() meets the same truncation as an error instead of a signal and records it the same way.
//
// Threading: map() and the destructor on one thread; everything else is const and thread-safe
// (the reader prefaults and hands views out while workers return others).

#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>

#include "absl/status/statusor.h"
#include "core/view_ledger.h"

namespace firecount {

class MappedFile {
 public:
  // Maps the first `size` (> 0) bytes of the regular file open on `fd` (which the MappedFile
  // duplicates; the caller keeps its own). Errors: Unavailable with the mmap errno, e.g. a file
  // system that cannot map, or too many live mappings for the SIGBUS handler's table; callers
  // fall back to read().
  static absl::StatusOr<std::unique_ptr<MappedFile>> map(int fd, uint64_t size);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;

  const char* data() const { return data_; }
  uint64_t size() const { return size_; }

  // Maps the pages of bytes [begin, end) into the page table now (MADV_POPULATE_READ, Linux 5.14+;
  // nothing on older kernels), so a worker does not stall on faults. A range past the file's end
  // records a shrink (see shrunk()) instead of raising SIGBUS. Thread-safe.
  void prefault(uint64_t begin, uint64_t end) const;

  // Drops the whole pages of [begin, end) from this process (MADV_DONTNEED). Rounds `begin` down
  // and `end` down to pages: the page holding `end` is the next view's first page. Safe while
  // another thread still reads those pages: they fault back in from the page cache. Thread-safe.
  void release(uint64_t begin, uint64_t end) const;

  // The pages below every view out leave the process in steps of this many bytes.
  static constexpr uint64_t kDropStep = uint64_t{4} << 20;
  // A view of [begin, end) goes out (in file order) / came back (any order, any thread): see the
  // top of this file. Thread-safe.
  void view_handed_out(uint64_t begin, uint64_t end) const;
  void view_returned(uint64_t begin) const;

  // True once the file was found shorter than size(): an access past its end raised SIGBUS (the
  // handler mapped zeros there) or prefault() met the end. Thread-safe.
  bool shrunk() const;
  // The lowest offset known to read as zeros since the file shrank (a page start), or size().
  uint64_t first_zeroed() const;
  // The file's current length (fstat), or size() if fstat fails. Thread-safe.
  uint64_t current_size() const;

 private:
  MappedFile(int fd, const char* data, uint64_t size, uint64_t mapped_bytes, int slot)
      : fd_(fd), data_(data), size_(size), mapped_bytes_(mapped_bytes), slot_(slot) {}

  mutable std::mutex ledger_mutex_;
  mutable ViewLedger ledger_{kDropStep};  // guarded by ledger_mutex_

  int fd_;
  const char* data_;
  uint64_t size_;
  uint64_t mapped_bytes_;  // size_ rounded up to pages
  int slot_;               // index in the SIGBUS handler's table of live mappings
};

}  // namespace firecount
