// Fuzz target: every fast v1.1 extractor kernel (baseline, Haswell, Ice Lake, as the CPU runs
// them) must give the reference walk's answer on any line, and the stream-status shortcut
// (try_stream_status, which finds the line's end itself) must either decline or give that same
// answer with the line's end where it is.
//
// Some differences are by design, not bugs: the shortcut takes the JSON syntax between
// `truncated` and the stream tail on trust beyond bracket counts, and top-level keys it reads
// written twice there (core/v1_extractor.inl, try_stream_tail; the reference has its own version
// of that shortcut). So the answers must be equal when the line is valid JSON without a repeated
// top-level key (simdjson's DOM parser, which validates everything, decides); on other lines only
// invalid UTF-8 must be found by all or none. Crashes and sanitizer reports count everywhere.
//
// The input is one line: its bytes up to the first '\n' (a line never holds one). Each kernel
// extracts it as the worker would (MessageExtractor: try_stream_status on the buffer, then the
// full path), from a buffer holding the line, a '\n', a second line and simdjson's padding. The
// target aborts with the line and both answers printed when they differ. Built two ways
// (fuzz/CMakeLists.txt):
//   v1_extractor_fuzzer  libFuzzer (clang, -fsanitize=fuzzer):
//                        build-fuzz/fuzz/v1_extractor_fuzzer fuzz/corpus/v1_extractor
//   v1_extractor_replay  a plain program (any compiler, fuzz/replay_main.cc) that runs the
//                        target once per file named on the command line, or on stdin.

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/v1_extractor.h"
#include "simdjson.h"

namespace {

struct Answer {
  firecount::MessageKind kind;
  std::string text, id, lang;
  int64_t event_time_ms;
  bool is_retweet;
  bool operator==(const Answer&) const = default;
};

// True when `line` is one valid JSON value, and if an object, one without a repeated key.
bool strictly_valid(const std::string& line) {
  static simdjson::dom::parser parser;
  simdjson::dom::element doc;
  if (parser.parse(line).get(doc)) return false;
  simdjson::dom::object object;
  if (doc.get_object().get(object)) return true;
  std::vector<std::string_view> keys;
  for (auto field : object) keys.push_back(field.key);
  std::sort(keys.begin(), keys.end());
  return std::adjacent_find(keys.begin(), keys.end()) == keys.end();
}

// The fast answer `got` may stand for the reference's `want` (see the top of this file).
bool agrees(const Answer& want, const Answer& got, bool strict) {
  if (strict) return got == want;
  return (want.kind == firecount::MessageKind::kInvalidUtf8) ==
         (got.kind == firecount::MessageKind::kInvalidUtf8);
}

Answer answer_of(firecount::MessageKind kind, const firecount::Record& r) {
  if (kind != firecount::MessageKind::kTweet) return Answer{kind, "", "", "", 0, false};
  return Answer{
      kind,        std::string(r.text), std::string(r.id), std::string(r.lang), r.event_time_ms,
      r.is_retweet};
}

void print(const char* label, const Answer& a) {
  std::fprintf(stderr, "%s: kind %s text \"%s\" id \"%s\" lang \"%s\" time %lld retweet %d\n",
               label, std::string(firecount::message_kind_name(a.kind)).c_str(), a.text.c_str(),
               a.id.c_str(), a.lang.c_str(), static_cast<long long>(a.event_time_ms),
               a.is_retweet ? 1 : 0);
}

[[noreturn]] void fail(const std::string& line, const char* what, const Answer& want,
                       const Answer& got) {
  std::fprintf(stderr, "%s on a line of %zu bytes: %s\n", what, line.size(), line.c_str());
  print("reference", want);
  print("fast     ", got);
  std::abort();
}

struct Kernels {
  std::unique_ptr<firecount::V1Extractor> reference =
      firecount::internal::make_v1_extractor_reference();
  std::vector<std::unique_ptr<firecount::V1Extractor>> fast;
  Kernels() {
    fast.push_back(firecount::internal::make_v1_extractor_baseline());
    add_if_runs("haswell", firecount::internal::make_v1_extractor_haswell());
    add_if_runs("icelake", firecount::internal::make_v1_extractor_icelake());
  }
  void add_if_runs(const char* kernel, std::unique_ptr<firecount::V1Extractor> made) {
    const auto* impl = simdjson::get_available_implementations()[kernel];
    if (made && impl != nullptr && impl->supported_by_runtime_system()) {
      fast.push_back(std::move(made));
    }
  }
};

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static Kernels* const kernels = new Kernels();
  std::string line(reinterpret_cast<const char*>(data), size);
  if (const size_t nl = line.find('\n'); nl != std::string::npos) line.resize(nl);
  // Lines are framed without their "\r\n" and blank lines are keep-alives: the extractors never
  // see either.
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.find_first_not_of(" \t\r") == std::string::npos) return 0;

  const std::string second = "{\"limit\":{\"track\":1}}";
  std::string buffer = line + "\n" + second;
  const size_t readable = buffer.size() + simdjson::SIMDJSON_PADDING;
  buffer.resize(readable, ' ');

  firecount::Record want_record;
  const firecount::MessageKind want_kind = kernels->reference->extract(
      std::string_view(buffer.data(), line.size()), readable, want_record);
  const Answer want = answer_of(want_kind, want_record);
  const bool strict = strictly_valid(line);
  for (auto& fast : kernels->fast) {
    firecount::Record r;
    const firecount::MessageKind kind =
        fast->extract(std::string_view(buffer.data(), line.size()), readable, r);
    const Answer got = answer_of(kind, r);
    if (!agrees(want, got, strict)) fail(line, "extract() differs", want, got);

    firecount::Record s;
    const char* line_end = nullptr;
    const char* const data_end = buffer.data() + line.size() + 1 + second.size();
    if (fast->try_stream_status(buffer.data(), data_end, s, line_end)) {
      const Answer shortcut = answer_of(firecount::MessageKind::kTweet, s);
      if (!agrees(want, shortcut, strict)) {
        fail(line, "try_stream_status() differs", want, shortcut);
      }
      if (line_end != buffer.data() + line.size()) {
        fail(line, "try_stream_status() found another line end", want, shortcut);
      }
    }
  }
  return 0;
}
