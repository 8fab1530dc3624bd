#pragma once
// Record: what a parse worker extracts from one framed message (one line of the stream).
//
// Every source format (v1.1 NDJSON, raw text lines, later X v2, Jetstream, Mastodon) is reduced to
// this one shape before tokenizing, so tokenizers, counters and (later) event-time windows never
// see source-specific JSON. The string views point into the worker's buffer or the JSON parser's
// string scratch and are valid only until the worker parses its next message.
//
// Threading: a plain value; owned by the worker that produced it.

#include <cstdint>
#include <string_view>

namespace firecount {

// The kinds of message a stream carries. Every framed line is exactly one kind and is counted
// under it; only kTweet records reach the tokenizer.
enum class MessageKind : uint8_t {
  kTweet = 0,       // a status / post with text: counted
  kDelete,          // v1.1 {"delete":...}
  kScrubGeo,        // v1.1 {"scrub_geo":...}
  kLimit,           // v1.1 {"limit":...}
  kStatusWithheld,  // v1.1 {"status_withheld":...}
  kUserWithheld,    // v1.1 {"user_withheld":...}
  kDisconnect,      // v1.1 {"disconnect":...}
  kWarning,         // v1.1 {"warning":...} (stall warnings)
  kOther,           // valid JSON object of no known kind and no text (friends lists, events)
  kKeepAlive,       // blank line (the v1.1 "\r\n" keep-alive)
  kMalformed,       // not one valid JSON object, or a known field of the wrong type
  kInvalidUtf8,     // bytes that are not UTF-8
  kCount_           // number of kinds; not a kind
};

inline constexpr int kMessageKindCount = static_cast<int>(MessageKind::kCount_);

// Stable snake_case name of a kind, used in metrics, snapshots and messages.
constexpr std::string_view message_kind_name(MessageKind kind) {
  switch (kind) {
    case MessageKind::kTweet:
      return "tweet";
    case MessageKind::kDelete:
      return "delete";
    case MessageKind::kScrubGeo:
      return "scrub_geo";
    case MessageKind::kLimit:
      return "limit";
    case MessageKind::kStatusWithheld:
      return "status_withheld";
    case MessageKind::kUserWithheld:
      return "user_withheld";
    case MessageKind::kDisconnect:
      return "disconnect";
    case MessageKind::kWarning:
      return "warning";
    case MessageKind::kOther:
      return "other";
    case MessageKind::kKeepAlive:
      return "keep_alive";
    case MessageKind::kMalformed:
      return "malformed";
    case MessageKind::kInvalidUtf8:
      return "invalid_utf8";
    case MessageKind::kCount_:
      break;
  }
  return "unknown";
}

// Event time unknown (text lines, tweets without created_at / timestamp_ms).
inline constexpr int64_t kNoEventTime = INT64_MIN;

struct Record {
  MessageKind kind = MessageKind::kMalformed;
  std::string_view text;  // the full text: extended_tweet.full_text > full_text > text
  std::string_view id;    // id_str (empty when absent)
  std::string_view lang;  // BCP 47 tag as sent ("en", "ja", "und"); empty when absent
  int64_t event_time_ms = kNoEventTime;  // timestamp_ms, else created_at, in ms since the epoch
  bool is_retweet = false;               // carries a retweeted_status object
};

}  // namespace firecount
