// Temporary diagnostics (not committed).
#include <simdjson.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <cstdio>
#include <chrono>
#include <algorithm>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include "core/message_extractor.h"
#include "core/parse_worker.h"
#include "core/batch_delta.h"
#include "core/tokenizer.h"
#include "core/simple_words.h"
#include "core/synthetic_firehose.h"
#include "core/text_islands.h"
#include "core/words_memo.h"
#include "core/words_tokenizer.h"
using namespace firecount;
std::vector<std::string> synthetic_texts(uint64_t tweets) {
  FirehoseConfig config;
  config.tweets = tweets;
  SyntheticFirehose firehose(config);
  std::string buffer(firehose.max_line_bytes() * 64 + simdjson::SIMDJSON_PADDING, '\0');
  MessageExtractor extractor(MessageFormat::kTwitterV1);
  Record record;
  std::vector<std::string> texts;
  for (;;) {
    const size_t bytes = firehose.fill(buffer.data(), buffer.size() - simdjson::SIMDJSON_PADDING);
    if (bytes == 0) break;
    for (size_t pos = 0; pos < bytes;) {
      const size_t eol = buffer.find('\n', pos);
      const std::string_view line(buffer.data() + pos, eol - pos);
      if (extractor.extract(line, buffer.size() - pos, record) == MessageKind::kTweet)
        texts.emplace_back(record.text);
      pos = eol + 1;
    }
  }
  return texts;
}
const icu::Normalizer2* nz;
bool safe_start(const char* s, size_t p, size_t n) {
  const auto* bytes = reinterpret_cast<const uint8_t*>(s);
  const auto end = static_cast<int32_t>(std::min(n, p + 4));
  auto i = static_cast<int32_t>(p);
  UChar32 d;
  U8_NEXT(bytes, i, end, d);
  if (d < 0x80 || d >= 0x20000) return false;
  bool safe = nz->hasBoundaryBefore(d) && !U_IS_SURROGATE(d);
  if (safe) {
    UErrorCode status = U_ZERO_ERROR;
    const icu::UnicodeString folded = nz->normalize(icu::UnicodeString(d), status);
    safe = U_SUCCESS(status) && !folded.isEmpty();
    if (safe) {
      switch (u_getIntPropertyValue(folded.char32At(0), UCHAR_WORD_BREAK)) {
        case U_WB_EXTEND: case U_WB_FORMAT: case U_WB_ZWJ: case U_WB_WSEGSPACE: case U_WB_CR:
        case U_WB_LF: case U_WB_NEWLINE: safe = false; break;
        default: break;
      }
    }
  }
  return safe;
}
__attribute__((noinline)) size_t run_tokenize(WordsTokenizer& t, const std::vector<std::string>& texts) {
  TokenList list; size_t n = 0;
  for (auto& x : texts) { list.clear(); t.tokenize(x, list); n += list.size(); }
  return n;
}
__attribute__((noinline)) void run_worker(ParseWorker& w, const std::string& data, size_t size, BatchDelta& d) {
  w.process(data.data(), size, data.size(), 0, d);
}
int main(int argc, char** argv) {
  if (argc > 2) {
    FirehoseConfig config; config.tweets = std::atoi(argv[1]);
    SyntheticFirehose fh(config);
    std::string data; std::string buf(fh.max_line_bytes() * 64, '\0');
    for (;;) { size_t b = fh.fill(buf.data(), buf.size()); if (!b) break; data.append(buf.data(), b); }
    size_t size = data.size(); data.append(simdjson::SIMDJSON_PADDING, '\0');
    TokenizerConfig tc; tc.kind = std::string(argv[2]) == "words" ? TokenizerKind::kWords : TokenizerKind::kSplit;
    ParseWorker w(MessageFormat::kTwitterV1, std::move(make_tokenizer(tc).value()), false);
    BatchDelta d;
    run_worker(w, data, size, d);
    printf("done %zu bytes\n", size);
    return 0;
  }
  if (argc > 1) {
    auto texts = synthetic_texts(std::atoi(argv[1]));
    auto t = *WordsTokenizer::create(nullptr);
    size_t n = run_tokenize(*t, texts);
    std::vector<double> times;
    for (int r = 0; r < (getenv("RUNS") ? atoi(getenv("RUNS")) : 7); ++r) {
      auto fresh = *WordsTokenizer::create(nullptr);
      auto t0 = std::chrono::steady_clock::now();
      run_tokenize(*fresh, texts);
      times.push_back(std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    {
      auto warm = *WordsTokenizer::create(nullptr);
      run_tokenize(*warm, texts);
      auto t0 = std::chrono::steady_clock::now();
      run_tokenize(*warm, texts);
      printf("warm pass %.4f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
      warm->clear_memo();
      t0 = std::chrono::steady_clock::now();
      run_tokenize(*warm, texts);
      printf("warm tables, cold memo %.4f s\n", std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count());
    }
    std::sort(times.begin(), times.end());
    printf("fresh tokenizer over %zu texts: min %.4f s median %.4f s\n", texts.size(), times[0], times[3]);
    printf("tokens %zu memo entries %zu flushes %zu bytes %zu\n", n, t->memo().entries(), t->memo().flushes(), t->memo().bytes_in_use());
    return 0;
  }
  UErrorCode st = U_ZERO_ERROR;
  nz = icu::Normalizer2::getNFKCCasefoldInstance(st);
  auto texts = synthetic_texts(100000);
  size_t bytes = 0, ascii_texts = 0, islands = 0, simple = 0, pieces = 0, piece_bytes = 0, island_bytes = 0;
  std::map<size_t, size_t> piece_len_hist;
  SimpleWords sw(nz);
  WordsMemo memo(WordsMemo::kDefaultBudgetBytes);
  size_t hits = 0, misses = 0, flushes = 0;
  std::unordered_set<std::string> distinct, distinct_simple;
  auto tok = *WordsTokenizer::create(nullptr, 0);
  std::unordered_map<std::string, std::vector<std::string>> cache;
  auto ss = [](const char* s, size_t p, size_t n) { return safe_start(s, p, n); };
  size_t max_islands = 0;
  for (auto& t : texts) {
    bytes += t.size();
    if (internal::find_non_ascii(t.data(), 0, t.size()) == t.size()) { ++ascii_texts; piece_len_hist[t.size()/16*16]++; continue; }
    size_t isl = 0;
    for (size_t pos = 0; pos < t.size();) {
      auto is = internal::next_island(t, pos, ss);
      if (is.begin > pos) { ++pieces; piece_bytes += is.begin - pos; piece_len_hist[(is.begin-pos)/16*16]++; }
      if (is.begin == t.size()) break;
      ++islands; ++isl;
      island_bytes += is.end - is.begin;
      std::string key = t.substr(is.begin, is.end - is.begin);
      if (getenv("TRIM")) while (!key.empty() && internal::is_ascii_space_byte(key.back())) key.pop_back();
      pos = is.end;
      if (sw.covers(key)) { ++simple; distinct_simple.insert(key); continue; }
      distinct.insert(key);
      uint64_t h = WordsMemo::hash_of(key);
      WordsMemo::Tokens k;
      if (memo.find(key, h, k)) { ++hits; continue; }
      ++misses;
      auto& toks = cache[key];
      if (toks.empty()) { TokenList l; tok->tokenize_with_icu(key, l); for (auto v : l.tokens()) toks.emplace_back(v); if (toks.empty()) toks.push_back(""); }
      std::string b; std::vector<uint32_t> ends;
      for (auto& x : toks) { b += x; ends.push_back(b.size()); }
      memo.insert(key, h, b, ends.data(), ends.size());
      flushes = memo.flushes();
    }
    max_islands = std::max(max_islands, isl);
  }
  { std::unordered_set<std::string> dt(texts.begin(), texts.end()); printf("distinct texts %zu\n", dt.size()); }
  printf("texts %zu bytes %zu ascii_texts %zu\n", texts.size(), bytes, ascii_texts);
  printf("islands %zu (bytes %zu) simple %zu distinct_simple %zu nonsimple %zu distinct %zu\n", islands, island_bytes, simple, distinct_simple.size(), islands - simple, distinct.size());
  printf("memo hits %zu misses %zu flushes %zu hit rate %.3f bytes_in_use %zu\n", hits, misses, flushes, double(hits)/(hits+misses), memo.bytes_in_use());
  printf("ascii pieces %zu bytes %zu avg %.1f max islands/text %zu\n", pieces, piece_bytes, double(piece_bytes)/pieces, max_islands);
  for (auto [k, v] : piece_len_hist) if (k < 320) printf("  len %zu: %zu\n", k, v);
  int shown = 0;
  for (auto& k : distinct) { if (shown++ < 30) printf("[%s]\n", k.c_str()); }
}
