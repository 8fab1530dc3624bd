#pragma once
// Source: where the stream's bytes come from (a file, stdin, a TCP socket, the synthetic
// generator; later HTTPS and WebSocket streams and Kafka).
//
// A source delivers newline-delimited messages as a byte stream; the Reader (io/reader.h) frames
// those bytes into whole-line buffers for the parse workers. Sources whose wire format is not
// line-based (length-delimited v1.1, WebSocket frames, SSE events) re-frame each message as one
// line before handing it out. A source also says which message format its lines carry, so the
// workers pick the right extractor, and where it is in the stream, so a checkpoint can resume it.
//
// Threading: a source is used by exactly one thread, the reader's, except stop(), which any
// thread may call to make a blocked read() return soon.

#include <cstddef>
#include <cstdint>
#include <string>

#include "absl/status/statusor.h"
#include "core/message_format.h"

namespace firecount {

class MappedFile;

// A resumable position: enough for a later checkpoint to reopen the source where it stopped.
struct SourcePosition {
  uint64_t bytes = 0;  // bytes delivered since the source opened (file offset for files)
  std::string cursor;  // source-specific resume token (a Jetstream time_us, a Kafka offset)
};

// What one read() produced.
struct ReadResult {
  enum class Kind {
    kData,           // `bytes` > 0 bytes were written to the destination
    kEnd,            // the stream ended for good (end of file, peer closed with --once)
    kDiscontinuity,  // the connection was re-established: a partial line read before is lost
    kStopped,        // stop() was called
  };
  Kind kind = Kind::kData;
  size_t bytes = 0;
};

class Source {
 public:
  virtual ~Source() = default;

  // Opens the source (connects, opens the file). Errors: NotFound / PermissionDenied /
  // Unavailable, with a message naming the source and what to do.
  virtual absl::Status open() = 0;

  // Reads up to `capacity` bytes into `dest`, blocking until at least one byte, the end, a
  // reconnect or stop(). Errors are unrecoverable failures (a file read error); sources that can
  // reconnect do so inside read() and report kDiscontinuity.
  virtual absl::StatusOr<ReadResult> read(char* dest, size_t capacity) = 0;

  // Makes a blocked or later read() return kStopped soon. Thread-safe.
  virtual void stop() = 0;

  // A regular file mapped into memory at open(), or nullptr. The Reader then cuts the mapping
  // into views for the workers and calls read() only for the bytes after it (appended since
  // open); such a source's read() starts at offset mapped()->size(). Valid until destruction.
  virtual const MappedFile* mapped() const { return nullptr; }
  // Whether stop() was called; the Reader polls it while it cuts views out of mapped().
  // Thread-safe.
  virtual bool stop_requested() const { return false; }

  virtual MessageFormat format() const = 0;
  virtual SourcePosition position() const = 0;

  // Short human description for logs ("file:/data/x.json", "socket:localhost:9009").
  virtual std::string describe() const = 0;

  // The source's own counters as one line ("connects=3 reconnects=2(network=1,stall=1) ..."), for
  // the run summary and the snapshot; "" for sources without any. Thread-safe.
  virtual std::string status_line() const { return ""; }
};

}  // namespace firecount
