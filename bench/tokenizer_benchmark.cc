// Tokenizer throughput: split (the seed's parity tokenizer) against words on ASCII English tweets,
// on the fixture's (mostly Japanese) tweets and on the synthetic firehose's multilingual texts.
// Bytes processed are bytes of text. The words tokenizer's island memo is cleared at the start of
// every pass over the texts, so it only helps where the texts themselves repeat (a pass is a
// stream, not the same stream again); the *NoMemo cases turn it off, the *ViaIcu cases time the
// plain whole-text ICU path (the words tokenizer before islands).
//
//   build/bench/tokenizer_benchmark --benchmark_repetitions=5 --benchmark_report_aggregates_only

#include <benchmark/benchmark.h>
#include <simdjson.h>
#include <unicode/brkiter.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "absl/container/flat_hash_map.h"
#include "core/ascii_words.h"
#include "core/message_extractor.h"
#include "core/split_tokenizer.h"
#include "core/synthetic_firehose.h"
#include "core/text_islands.h"
#include "core/tokenizer.h"
#include "core/words_tokenizer.h"

namespace firecount {
namespace {

// English tweets in the shapes the stream carries: retweets, mentions, hashtags, t.co links,
// contractions, numbers, entities.
std::vector<std::string> ascii_texts() {
  static const char* const kTweets[] = {
      "RT @nasa: Liftoff! The #Artemis rocket clears the tower at 1:47am ET. Watch live: "
      "https://t.co/Xy12AbCdEf",
      "I can't believe it's already Friday... where did this week go?? #TGIF",
      "@jenny_b lol same. we should grab coffee this weekend if you're free",
      "Breaking: U.S. stocks close 1.2% higher as tech rallies; Dow up 350 points "
      "https://t.co/q9WmPzLk0a via @Reuters",
      "New blog post: 10 tips for writing faster C++ code (and why std::map isn't always "
      "the answer) https://t.co/AbC123xyz #cpp #programming",
      "just finished a 5k run in 24:31, new personal best!!! feeling great today",
      "RT @ESPN: What a finish! The Warriors win 112-110 on a buzzer beater &amp; the crowd "
      "goes wild #NBA #DubNation",
      "Does anyone know a good plumber in the area? Our kitchen sink has been leaking since "
      "Monday and it's driving me nuts",
      "Happy birthday to my best friend @sam_smith_99 hope you have an amazing day!! #bday",
      "The weather today is absolutely beautiful. Perfect day for a walk in the park with the "
      "dog",
      "RT @TechCrunch: Startup raises $25M Series B to build AI tools for small businesses "
      "https://t.co/Zz9Yy8Xx7W",
      "omg the new season is SO good, I watched 6 episodes in one night. no regrets #bingewatch",
      "Reminder: polls close at 8 p.m. tonight. Make sure your voice is heard! #Vote2024",
      "Can someone explain why my flight got delayed 3 hours for \"operational reasons\"? "
      "@united",
      "coffee count today: 4. productivity: questionable. #mondaymood",
      "We're hiring! Looking for a senior backend engineer (Go/Rust), remote-friendly. DM me "
      "or apply: https://t.co/jobs4u2",
  };
  std::vector<std::string> texts;
  for (int copy = 0; copy < 8; ++copy) {
    for (const char* t : kTweets) texts.emplace_back(t);
  }
  return texts;
}

// The text of every status in the fixture (100 tweets, mostly Japanese).
std::vector<std::string> fixture_texts() {
  std::vector<std::string> texts;
  simdjson::dom::parser parser;
  simdjson::dom::element doc;
  simdjson::dom::array statuses;
  if (parser.load(FIRECOUNT_FIXTURE).get(doc) != simdjson::SUCCESS ||
      doc["statuses"].get(statuses) != simdjson::SUCCESS) {
    return texts;
  }
  for (simdjson::dom::element status : statuses) {
    std::string_view text;
    if (status["text"].get(text) == simdjson::SUCCESS) texts.emplace_back(text);
  }
  return texts;
}

// The texts the engine tokenizes from the first `tweets` tweets of the synthetic firehose (seed 1,
// the stream `firecount bench` measures): many languages, emoji, hashtags, mentions, t.co links.
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
      if (extractor.extract(line, buffer.size() - pos, record) == MessageKind::kTweet) {
        texts.emplace_back(record.text);
      }
      pos = eol + 1;
    }
  }
  return texts;
}

std::vector<std::string> distinct(std::vector<std::string> texts) {
  std::sort(texts.begin(), texts.end());
  texts.erase(std::unique(texts.begin(), texts.end()), texts.end());
  return texts;
}

int64_t total_bytes(const std::vector<std::string>& texts) {
  int64_t bytes = 0;
  for (const std::string& t : texts) bytes += static_cast<int64_t>(t.size());
  return bytes;
}

std::vector<std::string> tokens_of(Tokenizer& tokenizer, std::string_view text) {
  TokenList list;
  tokenizer.tokenize(text, list);
  std::vector<std::string> out;
  for (std::string_view t : list.tokens()) out.emplace_back(t);
  return out;
}

std::vector<std::string> icu_tokens_of(WordsTokenizer& tokenizer, std::string_view text) {
  TokenList list;
  tokenizer.tokenize_with_icu(text, list);
  std::vector<std::string> out;
  for (std::string_view t : list.tokens()) out.emplace_back(t);
  return out;
}

std::unique_ptr<WordsTokenizer> words_tokenizer(
    size_t memo_bytes = WordsMemo::kDefaultBudgetBytes) {
  auto made = WordsTokenizer::create(nullptr, memo_bytes);
  return made.ok() ? *std::move(made) : nullptr;
}

// True if tokenize() gives the plain ICU path's tokens for every text, twice (memo cold, warm).
bool same_as_icu(WordsTokenizer& tokenizer, const std::vector<std::string>& texts) {
  for (int round = 0; round < 2; ++round) {
    for (const std::string& text : texts) {
      if (tokens_of(tokenizer, text) != icu_tokens_of(tokenizer, text)) return false;
    }
  }
  tokenizer.clear_memo();
  return true;
}

// `memo_owner`, if set, has its memo cleared before each pass over the texts.
void run(benchmark::State& state, Tokenizer& tokenizer, const std::vector<std::string>& texts,
         WordsTokenizer* memo_owner = nullptr) {
  TokenList list;
  size_t tokens = 0;
  for (auto _ : state) {
    if (memo_owner != nullptr) memo_owner->clear_memo();
    for (const std::string& text : texts) {
      list.clear();
      tokenizer.tokenize(text, list);
      tokens += list.size();
      benchmark::DoNotOptimize(list.tokens().data());
    }
  }
  benchmark::DoNotOptimize(tokens);
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * total_bytes(texts));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}

void BM_SplitTokenizerAscii(benchmark::State& state) {
  SplitTokenizer tokenizer;
  const auto texts = ascii_texts();
  const std::vector<std::string> want = {"I",       "can't",     "believe", "it's",
                                         "already", "Friday...", "where",   "did",
                                         "this",    "week",      "go??",    "#TGIF"};
  if (tokens_of(tokenizer, texts[1]) != want) return state.SkipWithError("wrong split tokens");
  run(state, tokenizer, texts);
}
BENCHMARK(BM_SplitTokenizerAscii);

void BM_SplitTokenizerJapanese(benchmark::State& state) {
  SplitTokenizer tokenizer;
  const auto texts = fixture_texts();
  if (texts.size() != 100) return state.SkipWithError("fixture missing: " FIRECOUNT_FIXTURE);
  if (tokens_of(tokenizer, texts[1]).size() != 4) return state.SkipWithError("wrong tokens");
  run(state, tokenizer, texts);
}
BENCHMARK(BM_SplitTokenizerJapanese);

void BM_WordsTokenizerAscii(benchmark::State& state) {
  auto tokenizer = words_tokenizer();
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  const auto texts = ascii_texts();
  const std::vector<std::string> want = {"i",     "can't", "believe", "it's", "already", "friday",
                                         "where", "did",   "this",    "week", "go",      "#tgif"};
  if (tokens_of(*tokenizer, texts[1]) != want) return state.SkipWithError("wrong words tokens");
  for (const std::string& text : texts) {
    if (!is_ascii(text) || tokens_of(*tokenizer, text) != icu_tokens_of(*tokenizer, text)) {
      return state.SkipWithError("fast path differs from the ICU path");
    }
  }
  run(state, *tokenizer, texts);
}
BENCHMARK(BM_WordsTokenizerAscii);

// The same ASCII texts forced through ICU: the baseline the fast path is measured against.
void BM_WordsTokenizerAsciiViaIcu(benchmark::State& state) {
  auto tokenizer = words_tokenizer();
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  const auto texts = ascii_texts();
  if (icu_tokens_of(*tokenizer, texts[1]).size() != 12) return state.SkipWithError("wrong");
  TokenList list;
  for (auto _ : state) {
    for (const std::string& text : texts) {
      list.clear();
      tokenizer->tokenize_with_icu(text, list);
      benchmark::DoNotOptimize(list.tokens().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * total_bytes(texts));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_WordsTokenizerAsciiViaIcu);

void BM_WordsTokenizerAsciiStopwordsEn(benchmark::State& state) {
  TokenizerConfig config;
  config.kind = TokenizerKind::kWords;
  config.stopwords = Stopwords::kEnglish;
  auto tokenizer = make_tokenizer(config);
  if (!tokenizer.ok()) return state.SkipWithError("cannot build the words tokenizer");
  const auto texts = ascii_texts();
  const std::vector<std::string> want = {"can't", "believe", "already", "friday",
                                         "week",  "go",      "#tgif"};
  if (tokens_of(**tokenizer, texts[1]) != want) return state.SkipWithError("wrong tokens");
  run(state, **tokenizer, texts);
}
BENCHMARK(BM_WordsTokenizerAsciiStopwordsEn);

void BM_WordsTokenizerJapanese(benchmark::State& state) {
  auto tokenizer = words_tokenizer();
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  const auto texts = fixture_texts();
  if (texts.size() != 100) return state.SkipWithError("fixture missing: " FIRECOUNT_FIXTURE);
  const std::vector<std::string> want = {"rt", "@katana77", "えっ", "それ", "は", "一同"};
  if (tokens_of(*tokenizer, texts[1]) != want) return state.SkipWithError("wrong words tokens");
  if (!same_as_icu(*tokenizer, texts)) return state.SkipWithError("differs from the ICU path");
  run(state, *tokenizer, texts, tokenizer.get());
}
BENCHMARK(BM_WordsTokenizerJapanese);

// The fixture's 42 distinct texts, memo off: what ICU costs when nothing repeats.
void BM_WordsTokenizerJapaneseDistinctNoMemo(benchmark::State& state) {
  auto tokenizer = words_tokenizer(0);
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  const auto texts = distinct(fixture_texts());
  if (texts.size() != 42) return state.SkipWithError("fixture missing: " FIRECOUNT_FIXTURE);
  if (!same_as_icu(*tokenizer, texts)) return state.SkipWithError("differs from the ICU path");
  run(state, *tokenizer, texts);
}
BENCHMARK(BM_WordsTokenizerJapaneseDistinctNoMemo);

// The fixture's texts through the plain whole-text ICU path (the tokenizer before islands).
void BM_WordsTokenizerJapaneseViaIcu(benchmark::State& state) {
  auto tokenizer = words_tokenizer();
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  const auto texts = fixture_texts();
  if (texts.size() != 100) return state.SkipWithError("fixture missing: " FIRECOUNT_FIXTURE);
  TokenList list;
  for (auto _ : state) {
    for (const std::string& text : texts) {
      list.clear();
      tokenizer->tokenize_with_icu(text, list);
      benchmark::DoNotOptimize(list.tokens().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * total_bytes(texts));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_WordsTokenizerJapaneseViaIcu);

// The synthetic firehose's texts (20,000 tweets, ~2 MB): the mix `firecount bench` tokenizes.
const std::vector<std::string>& synthetic() {
  static const std::vector<std::string> texts = synthetic_texts(20000);
  return texts;
}

void BM_SplitTokenizerSynthetic(benchmark::State& state) {
  SplitTokenizer tokenizer;
  if (synthetic().size() < 19000) return state.SkipWithError("synthetic stream too short");
  run(state, tokenizer, synthetic());
}
BENCHMARK(BM_SplitTokenizerSynthetic);

void words_synthetic(benchmark::State& state, size_t memo_bytes) {
  auto tokenizer = words_tokenizer(memo_bytes);
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  const auto& texts = synthetic();
  if (texts.size() < 19000) return state.SkipWithError("synthetic stream too short");
  if (!same_as_icu(*tokenizer, std::vector<std::string>(texts.begin(), texts.begin() + 2000))) {
    return state.SkipWithError("differs from the ICU path");
  }
  run(state, *tokenizer, texts, tokenizer.get());
}

void BM_WordsTokenizerSynthetic(benchmark::State& state) {
  words_synthetic(state, WordsMemo::kDefaultBudgetBytes);
}
BENCHMARK(BM_WordsTokenizerSynthetic);

void BM_WordsTokenizerSyntheticNoMemo(benchmark::State& state) { words_synthetic(state, 0); }
BENCHMARK(BM_WordsTokenizerSyntheticNoMemo);

// The island memo on the firehose, with the counts that say whether it serves the stream: the
// islands of the first 100,000 texts (what `firecount bench` tokenizes per repeat), by their memo
// keys, looked up in a fresh default-budget memo in stream order, each miss inserted with its ICU
// tokens, as tokenize() does. Reports hits, misses, flushes and the hit rate; times the lookups and
// inserts (the ICU tokens are computed before the timed loop).
void BM_WordsMemoFirehose(benchmark::State& state) {
  auto tokenizer = words_tokenizer();
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  static const std::vector<std::string> texts = synthetic_texts(100000);
  if (texts.size() < 95000) return state.SkipWithError("synthetic stream too short");
  std::vector<std::string_view> keys;
  std::vector<internal::Island> islands;
  for (const std::string& text : texts) {
    islands.clear();
    tokenizer->find_islands(text, islands);
    for (const internal::Island& i : islands) {
      keys.push_back(
          WordsTokenizer::memo_key(std::string_view(text).substr(i.begin, i.end - i.begin)));
    }
  }
  // Each distinct key's tokens, as the memo stores them: bytes back to back and their ends.
  absl::flat_hash_map<std::string_view, std::pair<std::string, std::vector<uint32_t>>> tokens;
  for (std::string_view key : keys) {
    auto [it, fresh] = tokens.try_emplace(key);
    if (!fresh) continue;
    TokenList list;
    tokenizer->tokenize_with_icu(key, list);
    for (std::string_view t : list.tokens()) {
      it->second.first.append(t);
      it->second.second.push_back(static_cast<uint32_t>(it->second.first.size()));
    }
  }
  size_t hits = 0, misses = 0, flushes = 0;
  for (auto _ : state) {
    WordsMemo memo(WordsMemo::kDefaultBudgetBytes);
    hits = misses = 0;
    for (std::string_view key : keys) {
      const uint64_t hash = WordsMemo::hash_of(key);
      WordsMemo::Tokens got;
      if (memo.find(key, hash, got)) {
        ++hits;
        benchmark::DoNotOptimize(got.bytes.data());
        continue;
      }
      ++misses;
      const auto& [bytes, ends] = tokens.at(key);
      memo.insert(key, hash, bytes, ends.data(), ends.size());
    }
    flushes = memo.flushes();
    // The answer: every key now found holds its ICU tokens.
    for (size_t k = 0; k < keys.size(); k += 97) {
      WordsMemo::Tokens got;
      if (memo.find(keys[k], WordsMemo::hash_of(keys[k]), got) &&
          got.bytes != tokens.at(keys[k]).first) {
        return state.SkipWithError("the memo returned other tokens");
      }
    }
  }
  state.counters["islands"] = static_cast<double>(keys.size());
  state.counters["distinct"] = static_cast<double>(tokens.size());
  state.counters["hits"] = static_cast<double>(hits);
  state.counters["misses"] = static_cast<double>(misses);
  state.counters["flushes"] = static_cast<double>(flushes);
  state.counters["hit_rate"] = static_cast<double>(hits) / static_cast<double>(keys.size());
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * keys.size()));
}
BENCHMARK(BM_WordsMemoFirehose)->Unit(benchmark::kMillisecond);

void BM_WordsTokenizerSyntheticViaIcu(benchmark::State& state) {
  auto tokenizer = words_tokenizer();
  if (tokenizer == nullptr) return state.SkipWithError("cannot build the words tokenizer");
  const auto& texts = synthetic();
  if (texts.size() < 19000) return state.SkipWithError("synthetic stream too short");
  TokenList list;
  for (auto _ : state) {
    for (const std::string& text : texts) {
      list.clear();
      tokenizer->tokenize_with_icu(text, list);
      benchmark::DoNotOptimize(list.tokens().data());
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * total_bytes(texts));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_WordsTokenizerSyntheticViaIcu);

// The floor under BM_WordsTokenizerJapanese: only ICU's root word BreakIterator (with its CJK
// dictionary) walking the fixture's texts, already UTF-16, with no normalization or tokens.
void BM_IcuWordBreakJapanese(benchmark::State& state) {
  const auto texts = fixture_texts();
  if (texts.size() != 100) return state.SkipWithError("fixture missing: " FIRECOUNT_FIXTURE);
  std::vector<icu::UnicodeString> utf16;
  for (const std::string& t : texts) utf16.push_back(icu::UnicodeString::fromUTF8(t));
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::BreakIterator> breaker(
      icu::BreakIterator::createWordInstance(icu::Locale::getRoot(), status));
  if (U_FAILURE(status)) return state.SkipWithError("cannot build the break iterator");
  int64_t words = 0;
  for (const icu::UnicodeString& u : utf16) {  // the answer: the same word count as the tokenizer
    breaker->setText(u);
    for (int32_t b = breaker->next(); b != icu::BreakIterator::DONE; b = breaker->next()) {
      words += breaker->getRuleStatus() >= UBRK_WORD_NONE_LIMIT;
    }
  }
  if (words < 1000) return state.SkipWithError("too few words: wrong segmentation");
  for (auto _ : state) {
    for (const icu::UnicodeString& u : utf16) {
      breaker->setText(u);
      for (int32_t b = breaker->next(); b != icu::BreakIterator::DONE; b = breaker->next()) {
        benchmark::DoNotOptimize(breaker->getRuleStatus());
      }
    }
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * total_bytes(texts));
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * texts.size()));
}
BENCHMARK(BM_IcuWordBreakJapanese);

}  // namespace
}  // namespace firecount
