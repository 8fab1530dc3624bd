#pragma once
// SyntheticFirehose: a deterministic generator of Twitter v1.1 streaming messages.
//
// Used by `--source synthetic` (through io/synthetic_source), `firecount gen` and `firecount
// bench`. For a given config (seed included) the byte stream is always the same. It writes whole
// NDJSON lines only: full tweet objects, retweets, extended tweets, delete/limit notices and blank
// keep-alive lines, in the same mix the live v1.1 stream has.
//
// Construction pre-renders a pool of pieces (core/firehose_pool.h, ~20 MB, ~90 ms); fill()
// then stamps ids and timestamps between memcpy'd pieces, at several GB/s.
//
// Shape of the stream (rates per FirehoseConfig): tweet objects of 3..6 KiB each with a user
// object and entities, a share of retweets (an embedded `retweeted_status`), replies, and
// truncated tweets carrying `extended_tweet.full_text`; `delete` and `limit` notices; "\r\n"
// keep-alive lines. Texts are Zipf-distributed words joined by ' ', sometimes by "  " or a
// newline. About half of the lines write non-ASCII as \uXXXX escapes and '/' as "\/", as the
// v1.1 API did; the others are raw UTF-8. Every line is valid JSON and valid UTF-8.
//
// Threading: not thread-safe; one generator per thread.

#include <cstddef>
#include <cstdint>
#include <memory>

namespace firecount {

struct FirehoseConfig {
  uint64_t seed = 1;
  uint64_t tweets = 0;  // number of tweet messages to produce; 0 = endless

  // The text model: distinct words, and P(rank r) ~ 1 / r^zipf_exponent.
  size_t vocabulary_size = 50000;
  double zipf_exponent = 1.0;
  // Pre-rendered text fragments (3..8 words each) that texts are built from; a large vocabulary
  // only shows up in the stream with enough of them (about one per vocabulary word).
  size_t text_fragments = 32768;

  // The message mix, per mille. Non-tweet kinds are shares of all messages; the others of tweets.
  uint32_t keep_alive_per_mille = 10;
  uint32_t delete_per_mille = 30;
  uint32_t limit_per_mille = 5;
  uint32_t retweet_per_mille = 300;
  uint32_t extended_per_mille = 250;  // of original statuses (retweeted ones included)
  uint32_t reply_per_mille = 150;
  uint32_t escaped_per_mille = 500;  // lines written in the \u-escaped form

  // Event time: the first message's timestamp_ms, and the mean tweets per event-time second
  // (the ids and timestamps advance by a random step of that mean).
  int64_t start_time_ms = 1539202764000;  // Wed Oct 10 20:19:24 +0000 2018
  uint32_t event_rate = 5700;             // the 2013 global average, tweets/s
};

// Tweet lines (without the '\n') are kept within these bounds.
inline constexpr size_t kSyntheticTweetMinBytes = 3 * 1024;
inline constexpr size_t kSyntheticTweetMaxBytes = 6 * 1024;

class SyntheticFirehose {
 public:
  explicit SyntheticFirehose(const FirehoseConfig& config);
  ~SyntheticFirehose();
  SyntheticFirehose(const SyntheticFirehose&) = delete;
  SyntheticFirehose& operator=(const SyntheticFirehose&) = delete;

  // Writes as many whole lines (each ending in '\n') as fit into [dest, dest + capacity) and
  // returns the bytes written. Returns 0 when the configured number of tweets has been
  // produced, or when the next line is larger than `capacity` (never when capacity >=
  // max_line_bytes(); the line is kept and delivered by a later call).
  size_t fill(char* dest, size_t capacity);

  // As fill(), but writes at most `max_lines` lines (for paced output). max_lines > 0.
  size_t fill_lines(char* dest, size_t capacity, size_t max_lines);

  // True once the configured number of tweets has been produced and delivered.
  bool done() const;

  // Upper bound of any one line's size, so callers can size buffers.
  size_t max_line_bytes() const;

  // Tweet messages produced so far, and messages of any kind (keep-alives included).
  uint64_t tweets_produced() const;
  uint64_t messages_produced() const;

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace firecount
