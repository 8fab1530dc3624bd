#pragma once
// Snapshot encoding: the bytes of `latest.json`, the file a batch leaves on disk.
//
//   {"version":1,"batch":N,"time":"ISO-8601","final":bool,"source":"...",
//    ["source_status":"connects=1 reconnects=0() ...",]   (live sources only)
//    "totals":{"tweets":N,"tokens":N,"distinct":N,"bytes":N,"retweets_skipped":N},
//    "messages":{"tweet":N,"delete":N,...},"top":[["word",count],...]}
//
// `version` lets a later reader (checkpoint recovery) refuse a format it does not know. The io
// layer writes these bytes atomically (io/snapshot_writer.h). Pure; thread-safe.

#include <string>

#include "core/batch_result.h"

namespace firecount {

inline constexpr int kSnapshotVersion = 1;

std::string encode_snapshot(const BatchResult& result);

}  // namespace firecount
