// firecount_parse_only: the parse limit of one core, a peer in bench/compare.
//
// One thread maps an NDJSON file of v1.1 messages (as firecount maps regular files) and runs
// simdjson On-Demand over every message (iterate_many over blocks of whole lines), visiting only
// what a word count needs: each tweet's `text`, or `extended_tweet.full_text` when present, as an
// unescaped string. It tokenizes and counts nothing, so the engine's throughput divided by this
// one's says how far the engine is from "just parsing" on one core. A block ends at least
// SIMDJSON_PADDING bytes before the end of the mapping (those bytes are its padding); the last
// stretch is copied into a padded buffer. Consumed blocks are released (MADV_DONTNEED) so the
// resident size stays at about a block, as firecount's. A file that cannot be mapped (a pipe,
// /dev/stdin) is read in blocks instead.
//
// Usage: firecount_parse_only [--part K/N] FILE
// Prints {"tweets":N,"other":N,"errors":N,"text_bytes":N,"seconds":S,"simdjson":"haswell"} on
// stdout; exit 1 when the file cannot be read. Not a library: single-threaded, prints, exits.
//
// "simdjson" names the kernel the header-only On-Demand code was compiled for: "fallback"
// without -march, e.g. "icelake" with cmake -DFIRECOUNT_NATIVE=ON. On the 2-core Xeon this was
// written on, both builds ran within noise of each other on a 200 MB file.

#include <fcntl.h>
#include <simdjson.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <string_view>
#include <utility>
#include <vector>

// The kernel On-Demand was compiled with (a compile-time choice; builtin_implementation() would
// name the shared library's own, which may differ).
#define FIRECOUNT_STRINGIFY_(x) #x
#define FIRECOUNT_STRINGIFY(x) FIRECOUNT_STRINGIFY_(x)

namespace {

struct Totals {
  uint64_t tweets = 0;      // messages with a string text
  uint64_t other = 0;       // valid messages without one (delete, limit, ...)
  uint64_t errors = 0;      // messages simdjson rejected
  uint64_t text_bytes = 0;  // unescaped bytes of the counted texts
};

// The counted text of one message: extended_tweet.full_text if present, else text.
bool visit_text(simdjson::ondemand::document_reference doc, std::string_view& text) {
  simdjson::ondemand::object object;
  if (doc.get_object().get(object) != simdjson::SUCCESS) return false;
  bool found = false;
  for (auto field : object) {
    simdjson::ondemand::raw_json_string key;
    if (field.key().get(key) != simdjson::SUCCESS) return false;
    if (key == "text") {
      if (field.value().get_string().get(text) != simdjson::SUCCESS) return false;
      found = true;
    } else if (key == "extended_tweet") {
      std::string_view full_text;
      if (field.value().find_field_unordered("full_text").get_string().get(full_text) ==
          simdjson::SUCCESS) {
        text = full_text;
        found = true;
      }
    }
  }
  return found;
}

void parse_block(simdjson::ondemand::parser& parser, const char* data, size_t size,
                 Totals& totals) {
  simdjson::ondemand::document_stream stream;
  if (parser.iterate_many(data, size, size_t{1} << 20).get(stream) != simdjson::SUCCESS) {
    ++totals.errors;
    return;
  }
  for (auto doc : stream) {
    simdjson::ondemand::document_reference ref;
    if (std::move(doc).get(ref) != simdjson::SUCCESS) {
      ++totals.errors;
      continue;
    }
    std::string_view text;
    if (visit_text(ref, text)) {
      ++totals.tweets;
      totals.text_bytes += text.size();
    } else {
      ++totals.other;
    }
  }
}

}  // namespace

constexpr size_t kBlock = size_t{8} << 20;

// Reads `file` in blocks; false on a read error or a line longer than a block.
bool parse_read(std::FILE* file, const char* name, simdjson::ondemand::parser& parser,
                Totals& totals) {
  std::vector<char> buffer(2 * kBlock + simdjson::SIMDJSON_PADDING);
  size_t carried = 0;  // bytes of an unfinished line at the start of the buffer
  for (;;) {
    const size_t n = std::fread(buffer.data() + carried, 1, kBlock, file);
    const size_t filled = carried + n;
    if (n == 0) {
      if (std::ferror(file)) {
        std::fprintf(stderr, "firecount_parse_only: reading %s failed\n", name);
        return false;
      }
      if (filled > 0) {  // a last line without '\n'
        std::memset(buffer.data() + filled, 0, simdjson::SIMDJSON_PADDING);
        parse_block(parser, buffer.data(), filled, totals);
      }
      return true;
    }
    const char* last_newline = static_cast<const char*>(memrchr(buffer.data(), '\n', filled));
    const size_t whole = last_newline ? static_cast<size_t>(last_newline - buffer.data()) + 1 : 0;
    if (whole > 0) {
      // iterate_many reads up to SIMDJSON_PADDING bytes past the end; those bytes are the next
      // line's start, which only a truncated-document check would look at.
      parse_block(parser, buffer.data(), whole, totals);
    }
    carried = filled - whole;
    std::memmove(buffer.data(), buffer.data() + whole, carried);
    if (carried > kBlock) {
      std::fprintf(stderr, "firecount_parse_only: a line longer than %zu bytes\n", kBlock);
      return false;
    }
  }
}

// Parses the `size` mapped bytes at `data` in blocks of whole lines; false on a line longer than
// a block.
bool parse_mapped(const char* data, size_t size, simdjson::ondemand::parser& parser,
                  Totals& totals) {
  const auto page = static_cast<size_t>(sysconf(_SC_PAGESIZE));
  const size_t last_end = size > simdjson::SIMDJSON_PADDING ? size - simdjson::SIMDJSON_PADDING : 0;
  size_t p = 0;
  while (p < last_end) {
    const size_t window = std::min(p + kBlock, last_end);
    const char* nl = static_cast<const char*>(memrchr(data + p, '\n', window - p));
    if (nl == nullptr) {
      if (window < last_end) {
        std::fprintf(stderr, "firecount_parse_only: a line longer than %zu bytes\n", kBlock);
        return false;
      }
      break;  // its end lies in the last stretch
    }
    const size_t end = static_cast<size_t>(nl - data) + 1;
    parse_block(parser, data + p, end - p, totals);
    // Whole pages of the block (`data` need not start a page: a --part starts mid-file).
    const auto first = reinterpret_cast<uintptr_t>(data + p) & ~(page - 1);
    const auto last = reinterpret_cast<uintptr_t>(data + end) & ~(page - 1);
    if (first < last) madvise(reinterpret_cast<void*>(first), last - first, MADV_DONTNEED);
    p = end;
  }
  if (p < size) {  // the last stretch, into a padded buffer
    if (size - p > kBlock + simdjson::SIMDJSON_PADDING) {
      std::fprintf(stderr, "firecount_parse_only: a line longer than %zu bytes\n", kBlock);
      return false;
    }
    std::vector<char> tail(size - p + simdjson::SIMDJSON_PADDING, '\0');
    std::memcpy(tail.data(), data + p, size - p);
    parse_block(parser, tail.data(), size - p, totals);
  }
  return true;
}

int main(int argc, char** argv) {
  // --part K/N: only the lines that start in the K-th of N equal stretches of the file (a line
  // belongs to the stretch its first byte is in), so N processes together parse every line
  // once: bench/compare runs two at once for the combined rate of two cores.
  unsigned part = 0, parts = 1;
  const char* path = nullptr;
  for (int i = 1; i < argc; ++i) {
    if (std::strcmp(argv[i], "--part") == 0 && i + 1 < argc &&
        std::sscanf(argv[i + 1], "%u/%u", &part, &parts) == 2 && parts > 0 && part < parts) {
      ++i;
    } else if (argv[i][0] != '-' && path == nullptr) {
      path = argv[i];
    } else {
      path = nullptr;
      break;
    }
  }
  if (path == nullptr) {
    std::fprintf(stderr,
                 "usage: firecount_parse_only [--part K/N] FILE   (NDJSON of v1.1 messages)\n");
    return 2;
  }
  const auto start = std::chrono::steady_clock::now();
  simdjson::ondemand::parser parser;
  Totals totals;
  const int fd = ::open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    std::fprintf(stderr, "firecount_parse_only: cannot open %s: %s\n", path, std::strerror(errno));
    return 1;
  }
  struct stat st;
  void* mapped = MAP_FAILED;
  size_t size = 0;
  if (::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && st.st_size > 0) {
    size = static_cast<size_t>(st.st_size);
    mapped = ::mmap(nullptr, size, PROT_READ, MAP_PRIVATE, fd, 0);
  }
  if (parts > 1 && mapped == MAP_FAILED) {
    std::fprintf(stderr, "firecount_parse_only: --part needs a regular file it can map\n");
    return 1;
  }
  if (mapped != MAP_FAILED) {
    const char* data = static_cast<const char*>(mapped);
    // A stretch's lines: from the first line starting at or after its first byte to the first
    // line starting at or after the next stretch's.
    const auto line_start_from = [&](size_t at) -> size_t {
      if (at == 0) return 0;
      if (at >= size) return size;
      const void* nl = std::memchr(data + at - 1, '\n', size - at + 1);
      return nl ? static_cast<size_t>(static_cast<const char*>(nl) - data) + 1 : size;
    };
    const size_t from = line_start_from(size / parts * part);
    const size_t to = part + 1 == parts ? size : line_start_from(size / parts * (part + 1));
    // The part's last bytes are followed by the next part's (or it is the file's end, which
    // parse_mapped pads itself).
    const bool ok = parse_mapped(data + from, to - from, parser, totals);
    ::munmap(mapped, size);
    ::close(fd);
    if (!ok) return 1;
  } else {
    std::FILE* file = ::fdopen(fd, "rb");
    if (file == nullptr || !parse_read(file, path, parser, totals)) return 1;
    std::fclose(file);
  }
  const double seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::printf(
      "{\"tweets\":%llu,\"other\":%llu,\"errors\":%llu,\"text_bytes\":%llu,\"seconds\":%.6f,"
      "\"simdjson\":\"%s\"}\n",
      static_cast<unsigned long long>(totals.tweets), static_cast<unsigned long long>(totals.other),
      static_cast<unsigned long long>(totals.errors),
      static_cast<unsigned long long>(totals.text_bytes), seconds,
      FIRECOUNT_STRINGIFY(SIMDJSON_BUILTIN_IMPLEMENTATION));
  return 0;
}
