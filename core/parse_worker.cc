#include "core/parse_worker.h"

#include <algorithm>
#include <cstring>
#include <vector>

#include "core/word_table.h"

namespace firecount {
namespace {

void sample(std::string_view line, uint64_t offset, BadLineSample& out) {
  out.stream_offset = offset;
  out.excerpt.assign(line.substr(0, BadLineSample::kExcerptBytes));
}

}  // namespace

ParseWorker::ParseWorker(MessageFormat format, std::unique_ptr<Tokenizer> tokenizer,
                         bool skip_retweets)
    : extractor_(format), tokenizer_(std::move(tokenizer)), skip_retweets_(skip_retweets) {}

void ParseWorker::process(const char* data, size_t size, size_t readable, uint64_t stream_offset,
                          BatchDelta& delta) {
  const char* p = data;
  const char* const end = data + size;
  while (p < end) {
    const auto offset = static_cast<size_t>(p - data);
    const char* line_end = nullptr;
    const MessageKind kind = extractor_.extract_next(p, end, readable - offset, record_, line_end);
    count(kind, std::string_view(p, static_cast<size_t>(line_end - p)), stream_offset + offset,
          delta);
    p = line_end < end ? line_end + 1 : end;
  }
  delta.bytes += size;
}

void ParseWorker::process_line(std::string_view line, size_t readable, uint64_t stream_offset,
                               BatchDelta& delta) {
  count(extractor_.extract(line, readable, record_), line, stream_offset, delta);
}

void ParseWorker::count(MessageKind kind, std::string_view line, uint64_t stream_offset,
                        BatchDelta& delta) {
  const int index = static_cast<int>(kind);
  if (kind != MessageKind::kTweet) {
    if (kind == MessageKind::kMalformed && delta.messages[index] == 0) {
      sample(line, stream_offset, delta.first_malformed);
    } else if (kind == MessageKind::kInvalidUtf8 && delta.messages[index] == 0) {
      sample(line, stream_offset, delta.first_invalid_utf8);
    }
    ++delta.messages[index];
    return;
  }
  if (skip_retweets_ && record_.is_retweet) {
    ++delta.retweets_skipped;
    return;
  }
  ++delta.messages[index];
  if (record_.event_time_ms != kNoEventTime) {
    delta.min_event_time_ms = std::min(delta.min_event_time_ms, record_.event_time_ms);
    delta.max_event_time_ms = std::max(delta.max_event_time_ms, record_.event_time_ms);
  }
  tokens_.clear();
  tokenizer_->tokenize(record_.text, tokens_);
  delta.counts.add_all(tokens_.tokens());
  delta.tokens += tokens_.size();
}

}  // namespace firecount
