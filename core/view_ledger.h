#pragma once
// ViewLedger: which bytes of a mapped file no view in flight needs any more, so that their pages
// can leave the process in large steps instead of one drop per view.
//
// The reader hands out views of a mapped file in file order (io/reader.h); workers return them in
// any order. Every byte below the oldest view still out has been read and is not needed again
// (bytes between views, such as a skipped oversize line, only by the reader, which has moved
// on). returned() answers with that stretch, from the end of the last one answered, once it is at
// least `step` long; rest() answers with whatever is left at the end. Dropping a page costs a TLB
// shootdown on every core the process runs on, so fewer, larger drops are much cheaper; the
// process then holds at most the views in flight plus one step of the file.
//
// Threading: not thread-safe; MappedFile (io/mapped_file.h) guards its ledger with a mutex.

#include <cstddef>
#include <cstdint>
#include <deque>

namespace firecount {

class ViewLedger {
 public:
  struct Range {
    uint64_t begin = 0;
    uint64_t end = 0;  // empty when end <= begin
    bool empty() const { return end <= begin; }
  };

  explicit ViewLedger(uint64_t step) : step_(step) {}

  // A view of [begin, end) goes out. Views go out in file order and do not overlap.
  void handed_out(uint64_t begin, uint64_t end);

  // The view handed out at `begin` came back. Returns the bytes no view needs any more, not
  // returned before, if they are at least `step` long; else an empty range (they are kept for a
  // later answer). A begin that is not out is ignored.
  Range returned(uint64_t begin);

  // Everything below the oldest view still out (or below the end of the newest view, if none is
  // out) not returned before, whatever its length.
  Range rest();

  size_t in_flight() const { return views_.size(); }

 private:
  struct View {
    uint64_t begin;
    bool returned;
  };
  uint64_t done() const;  // every byte below is no longer needed

  uint64_t step_;
  std::deque<View> views_;  // handed out, oldest first; returned ones leave from the front
  uint64_t newest_end_ = 0;
  uint64_t answered_ = 0;  // ranges below were returned by returned() or rest()
};

}  // namespace firecount
