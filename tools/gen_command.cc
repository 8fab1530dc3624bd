// `firecount gen`: writes the synthetic v1.1 firehose (core/synthetic_firehose.h) as NDJSON to
// stdout, for files to benchmark against (bench/compare) and for piping into the engine.

#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <string_view>
#include <thread>
#include <vector>

#include "core/synthetic_firehose.h"
#include "tools/commands.h"

namespace firecount {
namespace {

constexpr char kGenUsage[] =
    "usage: firecount gen [--tweets N] [--seed S] [--rate R] [--vocabulary N] [--zipf S]\n"
    "\n"
    "Writes a synthetic Twitter v1.1 stream (tweets, retweets, extended tweets, delete and\n"
    "limit notices, \\r\\n keep-alives) as NDJSON to stdout. The same seed always writes the\n"
    "same bytes.\n"
    "\n"
    "  --tweets N       stop after N tweet messages (default 0: endless)\n"
    "  --seed S         generator seed, an unsigned integer (default 1)\n"
    "  --rate R         pace the output to R tweets per second (default 0: as fast as possible)\n"
    "  --vocabulary N   distinct words of the generator's language (default 50000); e.g.\n"
    "                   --vocabulary 1000000 --zipf 0.3 --tweets 300000 gives ~1M distinct words\n"
    "  --zipf S         Zipf exponent of word ranks, 0 to 10 (default 1.0; small = flat)\n"
    "  --help           print this help\n";

int usage_error(const std::string& message) {
  std::fprintf(stderr, "firecount gen: %s\n\n%s", message.c_str(), kGenUsage);
  return 2;
}

bool parse_u64(std::string_view text, uint64_t& value) {
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  return ec == std::errc() && ptr == end && !text.empty();
}

// Writes all of [data, data + size) to stdout. False on an error other than EINTR.
bool write_all(const char* data, size_t size) {
  while (size > 0) {
    const ssize_t n = ::write(STDOUT_FILENO, data, size);
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    data += n;
    size -= static_cast<size_t>(n);
  }
  return true;
}

}  // namespace

int run_gen_command(int argc, char** argv) {
  FirehoseConfig config;
  uint64_t rate = 0;
  uint64_t vocabulary = 0;  // 0: the generator's default language
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--help" || arg == "-h") {
      std::fputs(kGenUsage, stdout);
      return 0;
    }
    std::string_view name = arg;
    std::string_view value;
    bool has_value = false;
    if (const size_t eq = arg.find('='); arg.starts_with("--") && eq != std::string_view::npos) {
      name = arg.substr(0, eq);
      value = arg.substr(eq + 1);
      has_value = true;
    }
    if (name == "--zipf") {
      if (!has_value) {
        if (i + 1 >= argc) return usage_error("--zipf needs a value");
        value = argv[++i];
      }
      const std::string text(value);
      char* end = nullptr;
      config.zipf_exponent = std::strtod(text.c_str(), &end);
      if (text.empty() || *end != '\0' || !(config.zipf_exponent >= 0) ||
          config.zipf_exponent > 10) {
        return usage_error("--zipf needs an exponent from 0 to 10, got '" + text + "'");
      }
      continue;
    }
    uint64_t* target = name == "--tweets"       ? &config.tweets
                       : name == "--seed"       ? &config.seed
                       : name == "--rate"       ? &rate
                       : name == "--vocabulary" ? &vocabulary
                                                : nullptr;
    if (target == nullptr) return usage_error("unknown argument '" + std::string(arg) + "'");
    if (!has_value) {
      if (i + 1 >= argc) return usage_error(std::string(name) + " needs a value");
      value = argv[++i];
    }
    if (!parse_u64(value, *target)) {
      return usage_error(std::string(name) + " needs an unsigned integer, got '" +
                         std::string(value) + "'");
    }
    if (target == &vocabulary && vocabulary == 0) {
      return usage_error("--vocabulary needs a positive number of words, got 0");
    }
  }
  if (vocabulary != 0) {
    config.vocabulary_size = vocabulary;
    config.text_fragments = std::max<size_t>(config.text_fragments, vocabulary);
  }

  SyntheticFirehose firehose(config);
  const size_t capacity = std::max<size_t>(size_t{1} << 20, firehose.max_line_bytes());
  std::vector<char> buffer(capacity);
  const auto start = std::chrono::steady_clock::now();
  while (!firehose.done()) {
    // Paced output goes one line at a time, so a slow rate still streams smoothly.
    const size_t n = rate ? firehose.fill_lines(buffer.data(), capacity, 1)
                          : firehose.fill(buffer.data(), capacity);
    if (!write_all(buffer.data(), n)) {
      if (errno == EPIPE) return 0;  // the reader went away (`firecount gen | head`)
      std::fprintf(stderr, "firecount gen: writing to stdout failed: %s\n", std::strerror(errno));
      return 1;
    }
    if (rate) {
      const auto due =
          start +
          std::chrono::duration_cast<std::chrono::steady_clock::duration>(
              std::chrono::duration<double>(static_cast<double>(firehose.tweets_produced()) /
                                            static_cast<double>(rate)));
      std::this_thread::sleep_until(due);
    }
  }
  return 0;
}

}  // namespace firecount
