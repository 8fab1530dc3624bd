#pragma once
// SnapshotWriter: replaces DIR/latest.json atomically after every batch.
//
// Each write goes to a temporary file in the same directory, is fsync'ed, renamed over
// latest.json and the directory is fsync'ed, so a reader (or a crash) only ever sees a complete
// old or a complete new snapshot. A failed write (full disk, read-only directory) leaves the
// previous snapshot in place and returns the error; the caller decides whether to go on.
//
// Threading: not thread-safe; used by the batch barrier's thread.

#include <string>
#include <string_view>

#include "absl/status/status.h"

namespace firecount {

// Writes `bytes` to `path` atomically (temp file, fsync, rename, fsync of the directory).
// Errors name the file and the system error.
absl::Status write_file_atomically(const std::string& path, std::string_view bytes);

class SnapshotWriter {
 public:
  explicit SnapshotWriter(std::string dir) : dir_(std::move(dir)) {}

  // Creates the directory (and parents) if needed. Errors name the directory.
  absl::Status prepare();

  absl::Status write_latest(std::string_view bytes);

  const std::string& dir() const { return dir_; }
  std::string latest_path() const { return dir_ + "/latest.json"; }

 private:
  std::string dir_;
};

}  // namespace firecount
