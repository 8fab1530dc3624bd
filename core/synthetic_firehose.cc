#include "core/synthetic_firehose.h"

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>

#include "core/firehose_pool.h"
#include "core/synthetic_text.h"

namespace firecount {
namespace {

using internal::FirehosePool;
using internal::JsonForm;
using internal::PooledPiece;
using internal::PooledUser;

constexpr size_t kMaxFragments = 12;
constexpr int64_t kTwitterEpochMs = 1288834974657;  // Snowflake ids count from here
constexpr uint32_t kNone = UINT32_MAX;

constexpr std::string_view kLangs[] = {"en", "en", "en", "en", "ja", "ja", "es", "es",
                                       "pt", "ar", "ko", "fr", "tr", "in", "th", "und"};
constexpr std::string_view kBase62 =
    "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

// The separators between text fragments, as JSON (identical in both forms).
constexpr std::string_view kSeparators[] = {" ", "  ", "\\n", " \\n"};
constexpr uint32_t kSeparatorCodePoints[] = {1, 2, 1, 2};

struct TextPlan {
  uint32_t fragment[kMaxFragments];
  uint8_t separator[kMaxFragments];  // before fragment i, i > 0
  uint8_t count = 0;
  uint8_t truncated_count = 0;  // fragments kept in `text` when the status is extended
};

struct StatusPlan {
  int64_t ms = 0;
  uint64_t id = 0;
  uint32_t user = 0;
  uint32_t source = 0;
  uint32_t entities = 0;
  uint32_t extended_entities = 0;
  uint32_t place = kNone;
  uint32_t lang = 0;
  uint32_t reply_to = kNone;  // a pool user
  uint64_t reply_status_id = 0;
  bool extended = false;
  uint32_t retweet_count = 0, favorite_count = 0, quote_count = 0, reply_count = 0;
  TextPlan text;
  StatusPlan* retweeted = nullptr;  // top-level retweets only
};

// Appends to a buffer known to be large enough (the caller checked max_line_bytes()).
class Out {
 public:
  explicit Out(char* p) : p_(p) {}
  template <size_t N>
  void lit(const char (&s)[N]) {
    std::memcpy(p_, s, N - 1);
    p_ += N - 1;
  }
  void put(std::string_view s) {
    std::memcpy(p_, s.data(), s.size());
    p_ += s.size();
  }
  void u64(uint64_t v) {
    char buf[20];
    char* e = buf + sizeof buf;
    char* b = e;
    do {
      *--b = static_cast<char>('0' + v % 10);
      v /= 10;
    } while (v);
    put(std::string_view(b, static_cast<size_t>(e - b)));
  }
  void quoted_u64(uint64_t v) {
    *p_++ = '"';
    u64(v);
    *p_++ = '"';
  }
  char* pos() const { return p_; }

 private:
  char* p_;
};

}  // namespace

struct SyntheticFirehose::Impl {
  explicit Impl(const FirehoseConfig& c)
      : config(c),
        pool(internal::FirehosePoolConfig{.seed = c.seed,
                                          .vocabulary_size = c.vocabulary_size,
                                          .zipf_exponent = c.zipf_exponent,
                                          .fragments = c.text_fragments}),
        rng(c.seed * 0x9E3779B97F4A7C15ULL + 1),
        micros_per_tweet(1000000 / std::max<uint32_t>(c.event_rate, 1)) {
    // Worst case of any line: two full statuses of the largest pieces (a retweet of an
    // extended tweet), every text at its longest and repeated (text, full_text, RT text).
    const size_t text = 64 + kMaxFragments * (pool.max_fragment_bytes() + 4) + 64;
    const size_t status = 1024 + pool.max_user_bytes() + pool.max_source_bytes() +
                          pool.max_place_bytes() + 2 * pool.max_entities_bytes() + 2 * text;
    max_line = 2 * status + text;
    scratch.resize(max_line);
  }

  bool finished() const { return config.tweets != 0 && tweets >= config.tweets; }

  int64_t advance_clock() {
    clock_us += rng.below(2 * micros_per_tweet + 1);
    return config.start_time_ms + static_cast<int64_t>(clock_us / 1000);
  }

  uint64_t snowflake(int64_t ms) {
    return (static_cast<uint64_t>(ms - kTwitterEpochMs) << 22) | (rng.below(1024) << 12) |
           (sequence++ & 0xFFF);
  }

  void date(Out& out, int64_t ms) {
    const int64_t second = ms / 1000;
    if (second != cached_second) {
      cached_second = second;
      internal::format_twitter_date(second, cached_date);
    }
    out.put(std::string_view(cached_date, internal::kTwitterDateSize));
  }

  void plan_text(TextPlan& t, bool extended) {
    t.count = static_cast<uint8_t>(extended ? rng.between(6, 10) : rng.between(1, 5));
    t.truncated_count = static_cast<uint8_t>(extended ? rng.between(2, 3) : t.count);
    for (size_t i = 0; i < t.count; ++i) {
      t.fragment[i] = static_cast<uint32_t>(rng.below(pool.fragments().size()));
      const uint64_t r = rng.below(1000);
      t.separator[i] = r < 940 ? 0 : r < 970 ? 1 : r < 990 ? 2 : 3;
    }
  }

  void plan_status(StatusPlan& s, int64_t ms, bool top_level) {
    s.ms = ms;
    s.id = snowflake(ms);
    s.user = static_cast<uint32_t>(rng.below(pool.users().size()));
    s.source = static_cast<uint32_t>(rng.below(pool.sources().size()));
    s.entities = static_cast<uint32_t>(rng.below(pool.entities().size()));
    s.extended_entities = static_cast<uint32_t>(rng.below(pool.entities().size()));
    s.place = rng.chance(30) ? static_cast<uint32_t>(rng.below(pool.places().size())) : kNone;
    s.lang = static_cast<uint32_t>(rng.below(std::size(kLangs)));
    s.reply_to = kNone;
    if (rng.chance(config.reply_per_mille)) {
      s.reply_to = static_cast<uint32_t>(rng.below(pool.users().size()));
      s.reply_status_id = snowflake(ms - static_cast<int64_t>(rng.below(86400000)));
    }
    s.extended = rng.chance(config.extended_per_mille);
    s.retweet_count = top_level ? 0 : static_cast<uint32_t>(rng.below(1 + rng.below(50000)));
    s.favorite_count = top_level ? 0 : static_cast<uint32_t>(rng.below(1 + rng.below(100000)));
    s.quote_count = top_level ? 0 : static_cast<uint32_t>(rng.below(100));
    s.reply_count = top_level ? 0 : static_cast<uint32_t>(rng.below(500));
    s.retweeted = nullptr;
    plan_text(s.text, s.extended);
  }

  // The status whose own text is counted: the retweeted one for retweets.
  static StatusPlan& text_owner(StatusPlan& s) { return s.retweeted ? *s.retweeted : s; }

  // Writes a status's text. `full` selects extended_tweet.full_text over the truncated `text`.
  // Returns the number of code points written (for display_text_range).
  uint32_t write_text(Out& out, const StatusPlan& s, JsonForm form, bool full) {
    uint32_t cps = 0;
    if (s.retweeted) {
      out.lit("RT @");
      const std::string& name = pool.users()[s.retweeted->user].screen_name;
      out.put(name);
      out.lit(": ");
      return 6 + static_cast<uint32_t>(name.size()) + write_text(out, *s.retweeted, form, false);
    }
    if (s.reply_to != kNone) {
      const std::string& name = pool.users()[s.reply_to].screen_name;
      out.lit("@");
      out.put(name);
      out.lit(" ");
      cps += 2 + static_cast<uint32_t>(name.size());
    }
    const TextPlan& t = s.text;
    const size_t n = full || !s.extended ? t.count : t.truncated_count;
    for (size_t i = 0; i < n; ++i) {
      if (i) {
        out.put(kSeparators[t.separator[i]]);
        cps += kSeparatorCodePoints[t.separator[i]];
      }
      const PooledPiece& f = pool.fragments()[t.fragment[i]];
      out.put(pool.get(f, form));
      cps += f.code_points;
    }
    if (!full && s.extended) {
      form == JsonForm::kRaw ? out.lit("… https://t.co/") : out.lit("\\u2026 https:\\/\\/t.co\\/");
      uint64_t v = s.id;
      char link[10];
      for (char& c : link) {
        c = kBase62[v % 62];
        v /= 62;
      }
      out.put(std::string_view(link, sizeof link));
      cps += 24;
    }
    return cps;
  }

  void write_status(Out& out, const StatusPlan& s, JsonForm form, bool top_level) {
    out.lit("{\"created_at\":\"");
    date(out, s.ms);
    out.lit("\",\"id\":");
    out.u64(s.id);
    out.lit(",\"id_str\":");
    out.quoted_u64(s.id);
    out.lit(",\"text\":\"");
    write_text(out, s, form, false);
    out.lit("\",\"source\":");
    out.put(pool.get(pool.sources()[s.source], form));
    s.extended ? out.lit(",\"truncated\":true") : out.lit(",\"truncated\":false");
    if (s.reply_to == kNone) {
      out.lit(
          ",\"in_reply_to_status_id\":null,\"in_reply_to_status_id_str\":null,"
          "\"in_reply_to_user_id\":null,\"in_reply_to_user_id_str\":null,"
          "\"in_reply_to_screen_name\":null");
    } else {
      const PooledUser& to = pool.users()[s.reply_to];
      out.lit(",\"in_reply_to_status_id\":");
      out.u64(s.reply_status_id);
      out.lit(",\"in_reply_to_status_id_str\":");
      out.quoted_u64(s.reply_status_id);
      out.lit(",\"in_reply_to_user_id\":");
      out.put(to.id);
      out.lit(",\"in_reply_to_user_id_str\":\"");
      out.put(to.id);
      out.lit("\",\"in_reply_to_screen_name\":\"");
      out.put(to.screen_name);
      out.lit("\"");
    }
    out.lit(",\"user\":");
    out.put(pool.get(pool.users()[s.user].json, form));
    out.lit(",\"geo\":null,\"coordinates\":null,\"place\":");
    s.place == kNone ? out.lit("null") : out.put(pool.get(pool.places()[s.place], form));
    out.lit(",\"contributors\":null");
    if (s.retweeted) {
      out.lit(",\"retweeted_status\":");
      write_status(out, *s.retweeted, form, false);
    }
    out.lit(",\"is_quote_status\":false");
    if (s.extended) {
      out.lit(",\"extended_tweet\":{\"full_text\":\"");
      const uint32_t cps = write_text(out, s, form, true);
      out.lit("\",\"display_text_range\":[0,");
      out.u64(cps);
      out.lit("],\"entities\":");
      out.put(pool.get(pool.entities()[s.extended_entities], form));
      out.lit("}");
    }
    out.lit(",\"quote_count\":");
    out.u64(s.quote_count);
    out.lit(",\"reply_count\":");
    out.u64(s.reply_count);
    out.lit(",\"retweet_count\":");
    out.u64(s.retweet_count);
    out.lit(",\"favorite_count\":");
    out.u64(s.favorite_count);
    out.lit(",\"entities\":");
    out.put(pool.get(pool.entities()[s.entities], form));
    out.lit(",\"favorited\":false,\"retweeted\":false,\"filter_level\":\"low\",\"lang\":\"");
    out.put(kLangs[s.lang]);
    if (top_level) {
      out.lit("\",\"timestamp_ms\":");
      out.quoted_u64(static_cast<uint64_t>(s.ms));
      out.lit("}");
    } else {
      out.lit("\"}");
    }
  }

  // Moves a tweet's size towards [kSyntheticTweetMinBytes, kSyntheticTweetMaxBytes]; false
  // when nothing is left to change.
  bool grow(StatusPlan& top) {
    StatusPlan& owner = text_owner(top);
    if (top.place == kNone) {
      top.place = static_cast<uint32_t>(rng.below(pool.places().size()));
      return true;
    }
    const std::vector<uint32_t>& media = pool.media_entities();
    if (!std::binary_search(media.begin(), media.end(), top.entities)) {
      top.entities = media[rng.below(media.size())];
      return true;
    }
    if (owner.text.count < kMaxFragments) {
      TextPlan& t = owner.text;
      t.fragment[t.count] = static_cast<uint32_t>(rng.below(pool.fragments().size()));
      t.separator[t.count] = 0;
      if (!owner.extended) t.truncated_count = static_cast<uint8_t>(t.count + 1);
      ++t.count;
      return true;
    }
    return false;
  }

  bool shrink(StatusPlan& top) {
    StatusPlan& owner = text_owner(top);
    if (top.place != kNone || owner.place != kNone) {
      top.place = owner.place = kNone;
      return true;
    }
    const auto smallest = static_cast<uint32_t>(pool.smallest_entities());
    if (top.entities != smallest || owner.extended_entities != smallest) {
      top.entities = owner.entities = owner.extended_entities = smallest;
      return true;
    }
    TextPlan& t = owner.text;
    if (t.count > 1) {
      --t.count;
      const auto keep = static_cast<uint8_t>(std::max(1, t.count - 1));
      t.truncated_count = owner.extended ? std::min(t.truncated_count, keep) : t.count;
      return true;
    }
    return false;
  }

  size_t write_tweet(char* dest, int64_t ms) {
    const auto form = rng.chance(config.escaped_per_mille) ? JsonForm::kEscaped : JsonForm::kRaw;
    StatusPlan top;
    StatusPlan original;
    if (rng.chance(config.retweet_per_mille)) {
      plan_status(original, ms - static_cast<int64_t>(rng.between(1000, 259200000)), false);
      plan_status(top, ms, true);
      top.extended = false;
      top.reply_to = kNone;
      top.retweeted = &original;
    } else {
      plan_status(top, ms, true);
    }
    size_t size = 0;
    for (int attempt = 0; attempt < 24; ++attempt) {
      Out out(dest);
      write_status(out, top, form, true);
      size = static_cast<size_t>(out.pos() - dest);
      if (size < kSyntheticTweetMinBytes && grow(top)) continue;
      if (size > kSyntheticTweetMaxBytes && shrink(top)) continue;
      break;
    }
    dest[size] = '\n';
    return size + 1;
  }

  size_t write_delete(char* dest, int64_t ms) {
    Out out(dest);
    const uint64_t id = snowflake(ms - static_cast<int64_t>(rng.below(30LL * 86400000)));
    const PooledUser& user = pool.users()[rng.below(pool.users().size())];
    out.lit("{\"delete\":{\"status\":{\"id\":");
    out.u64(id);
    out.lit(",\"id_str\":");
    out.quoted_u64(id);
    out.lit(",\"user_id\":");
    out.put(user.id);
    out.lit(",\"user_id_str\":\"");
    out.put(user.id);
    out.lit("\"},\"timestamp_ms\":");
    out.quoted_u64(static_cast<uint64_t>(ms));
    out.lit("}}\n");
    return static_cast<size_t>(out.pos() - dest);
  }

  size_t write_limit(char* dest, int64_t ms) {
    Out out(dest);
    limit_track += rng.between(1, 400);
    out.lit("{\"limit\":{\"track\":");
    out.u64(limit_track);
    out.lit(",\"timestamp_ms\":");
    out.quoted_u64(static_cast<uint64_t>(ms));
    out.lit("}}\n");
    return static_cast<size_t>(out.pos() - dest);
  }

  // Writes the next message (at most max_line bytes) and returns its size.
  size_t write_message(char* dest) {
    ++messages;
    const int64_t ms = advance_clock();
    uint32_t r = static_cast<uint32_t>(rng.below(1000));
    if (r < config.keep_alive_per_mille) {
      std::memcpy(dest, "\r\n", 2);
      return 2;
    }
    r -= config.keep_alive_per_mille;
    if (r < config.delete_per_mille) return write_delete(dest, ms);
    r -= config.delete_per_mille;
    if (r < config.limit_per_mille) return write_limit(dest, ms);
    ++tweets;
    return write_tweet(dest, ms);
  }

  FirehoseConfig config;
  FirehosePool pool;
  internal::Rng rng;
  uint64_t micros_per_tweet;
  uint64_t clock_us = 0;
  uint64_t sequence = 0;
  uint64_t limit_track = 0;
  uint64_t tweets = 0;
  uint64_t messages = 0;
  int64_t cached_second = -1;
  char cached_date[internal::kTwitterDateSize] = {};
  size_t max_line = 0;
  std::string scratch;  // a line rendered near the end of a caller's buffer
  size_t pending = 0;   // bytes of scratch not yet delivered
};

SyntheticFirehose::SyntheticFirehose(const FirehoseConfig& config)
    : impl_(std::make_unique<Impl>(config)) {}

SyntheticFirehose::~SyntheticFirehose() = default;

size_t SyntheticFirehose::fill(char* dest, size_t capacity) {
  return fill_lines(dest, capacity, SIZE_MAX);
}

size_t SyntheticFirehose::fill_lines(char* dest, size_t capacity, size_t max_lines) {
  Impl& s = *impl_;
  char* out = dest;
  char* const end = dest + capacity;
  if (s.pending) {
    if (s.pending > capacity) return 0;
    std::memcpy(out, s.scratch.data(), s.pending);
    out += s.pending;
    s.pending = 0;
    --max_lines;
  }
  for (; max_lines != 0 && !s.finished(); --max_lines) {
    const auto room = static_cast<size_t>(end - out);
    if (room >= s.max_line) {
      out += s.write_message(out);
      continue;
    }
    const size_t n = s.write_message(s.scratch.data());
    if (n > room) {
      s.pending = n;
      break;
    }
    std::memcpy(out, s.scratch.data(), n);
    out += n;
  }
  return static_cast<size_t>(out - dest);
}

bool SyntheticFirehose::done() const { return impl_->finished() && impl_->pending == 0; }

size_t SyntheticFirehose::max_line_bytes() const { return impl_->max_line; }

uint64_t SyntheticFirehose::tweets_produced() const { return impl_->tweets; }

uint64_t SyntheticFirehose::messages_produced() const { return impl_->messages; }

}  // namespace firecount
