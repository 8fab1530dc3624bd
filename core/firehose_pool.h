#pragma once
// FirehosePool: the pre-rendered JSON pieces the synthetic firehose stamps its messages from.
//
// SyntheticFirehose builds one pool when it is constructed and then only copies pieces out of
// it, so producing a tweet is mostly memcpy. Every piece is rendered in both JSON forms the v1.1
// API used (raw UTF-8 and \u-escaped ASCII, see synthetic_text.h): user objects, entity blocks,
// places, `source` strings, and text fragments (runs of Zipf-distributed vocabulary words) that
// the firehose joins into tweet texts.
//
// Threading: immutable after construction; safe to read from any number of threads.

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/synthetic_text.h"

namespace firecount::internal {

// What to build. SyntheticFirehose derives it from its FirehoseConfig.
struct FirehosePoolConfig {
  uint64_t seed = 1;
  size_t vocabulary_size = 50000;
  double zipf_exponent = 1.0;
  size_t fragments = 32768;  // text fragments of 3..8 words each
  size_t users = 4096;
  size_t entity_blocks = 2048;
};

// One piece in both forms, as offsets into the pool's arena.
struct PooledPiece {
  uint32_t offset[2] = {0, 0};  // indexed by JsonForm
  uint32_t size[2] = {0, 0};
  uint32_t code_points = 0;  // of the decoded string (text fragments only)
};

struct PooledUser {
  PooledPiece json;         // the whole "user" object
  std::string screen_name;  // ASCII: identical in both forms
  std::string id;           // decimal digits
};

class FirehosePool {
 public:
  explicit FirehosePool(const FirehosePoolConfig& config);
  FirehosePool(const FirehosePool&) = delete;
  FirehosePool& operator=(const FirehosePool&) = delete;

  std::string_view get(const PooledPiece& piece, JsonForm form) const {
    const int f = static_cast<int>(form);
    return std::string_view(arena_.data() + piece.offset[f], piece.size[f]);
  }

  const std::vector<PooledPiece>& fragments() const { return fragments_; }
  const std::vector<PooledUser>& users() const { return users_; }
  const std::vector<PooledPiece>& entities() const { return entities_; }
  const std::vector<PooledPiece>& places() const { return places_; }
  const std::vector<PooledPiece>& sources() const { return sources_; }
  // The vocabulary the fragments were drawn from, most frequent first.
  const std::vector<std::string>& vocabulary() const { return vocabulary_; }

  // Index of the smallest entity block (what a size-limited tweet falls back to), and the
  // indices of the blocks carrying a photo (large ones, for tweets below the size range).
  size_t smallest_entities() const { return smallest_entities_; }
  const std::vector<uint32_t>& media_entities() const { return media_entities_; }
  // Largest piece of each kind in either form, for line-size bounds.
  size_t max_fragment_bytes() const { return max_fragment_; }
  size_t max_user_bytes() const { return max_user_; }
  size_t max_entities_bytes() const { return max_entities_; }
  size_t max_place_bytes() const { return max_place_; }
  size_t max_source_bytes() const { return max_source_; }

 private:
  class Builder;

  std::string arena_;
  std::vector<std::string> vocabulary_;
  std::vector<PooledPiece> fragments_;
  std::vector<PooledUser> users_;
  std::vector<PooledPiece> entities_;
  std::vector<PooledPiece> places_;
  std::vector<PooledPiece> sources_;
  std::vector<uint32_t> media_entities_;
  size_t smallest_entities_ = 0;
  size_t max_fragment_ = 0;
  size_t max_user_ = 0;
  size_t max_entities_ = 0;
  size_t max_place_ = 0;
  size_t max_source_ = 0;
};

}  // namespace firecount::internal
