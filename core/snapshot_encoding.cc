#include "core/snapshot_encoding.h"

#include "core/output_format.h"
#include "core/tweet_time.h"

namespace firecount {

std::string encode_snapshot(const BatchResult& r) {
  const StateTotals& t = *r.totals;
  std::string out;
  out += "{\"version\":" + std::to_string(kSnapshotVersion);
  out += ",\"batch\":" + std::to_string(r.batch);
  out += ",\"time\":\"" + format_iso8601(r.time_ms) + "\"";
  out += r.final ? ",\"final\":true" : ",\"final\":false";
  out += ",\"source\":";
  append_json_string(out, r.source);
  if (!r.source_status.empty()) {
    out += ",\"source_status\":";
    append_json_string(out, r.source_status);
  }
  out += ",\"totals\":{\"tweets\":" + std::to_string(t.tweets);
  out += ",\"tokens\":" + std::to_string(t.tokens);
  out += ",\"distinct\":" + std::to_string(r.distinct);
  out += ",\"bytes\":" + std::to_string(t.bytes);
  out += ",\"retweets_skipped\":" + std::to_string(t.retweets_skipped) + "}";
  out += ",\"messages\":{";
  for (int i = 0; i < kMessageKindCount; ++i) {
    if (i) out += ',';
    out += '"';
    out += message_kind_name(static_cast<MessageKind>(i));
    out += "\":" + std::to_string(t.messages[i]);
  }
  out += "},\"top\":[";
  const Ranking& ranking = *r.ranking;
  for (size_t i = 0; i < ranking.size(); ++i) {
    if (i) out += ',';
    out += '[';
    append_json_string(out, ranking[i].first);
    out += ',' + std::to_string(ranking[i].second) + ']';
  }
  out += "]}\n";
  return out;
}

}  // namespace firecount
