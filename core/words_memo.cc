#include "core/words_memo.h"

#include "absl/hash/hash.h"

namespace firecount {

WordsMemo::WordsMemo(size_t budget_bytes) : budget_bytes_(budget_bytes) {
  if (budget_bytes_ == 0) return;
  entries_.resize(kSets * 2);
  mru_.assign(kSets, 0);
}

uint64_t WordsMemo::hash_of(std::string_view key) {
  return absl::Hash<absl::string_view>{}(absl::string_view(key.data(), key.size()));
}

bool WordsMemo::find(std::string_view key, uint64_t hash, Tokens& tokens) {
  if (entries_.empty()) return false;
  const size_t set = hash & (kSets - 1);
  for (size_t way = 0; way < 2; ++way) {
    const Entry& e = entries_[2 * set + way];
    if (!e.used || e.hash != hash || e.key_size != key.size() ||
        std::string_view(e.data).substr(0, e.key_size) != key) {
      continue;
    }
    mru_[set] = static_cast<uint8_t>(way);
    tokens.bytes = std::string_view(e.data).substr(e.key_size);
    tokens.ends = e.ends.data();
    tokens.count = e.ends.size();
    return true;
  }
  return false;
}

void WordsMemo::insert(std::string_view key, uint64_t hash, std::string_view bytes,
                       const uint32_t* ends, size_t count) {
  if (entries_.empty() || key.size() > kMaxKeyBytes) return;
  const size_t set = hash & (kSets - 1);
  const size_t way = entries_[2 * set].used && !entries_[2 * set + 1].used ? 1 : 1 - mru_[set];
  Entry& e = entries_[2 * set + way];
  const size_t before = e.heap_bytes();
  const size_t needed = key.size() + bytes.size() + count * sizeof(uint32_t);
  if (bytes_in_use_ - before + needed > budget_bytes_) {
    clear();
    if (needed > budget_bytes_) return;
    insert(key, hash, bytes, ends, count);
    return;
  }
  e.hash = hash;
  e.key_size = static_cast<uint32_t>(key.size());
  e.used = true;
  e.data.assign(key);
  e.data.append(bytes);
  e.ends.assign(ends, ends + count);
  bytes_in_use_ = bytes_in_use_ - before + e.heap_bytes();
  mru_[set] = static_cast<uint8_t>(way);
  if (bytes_in_use_ > budget_bytes_) clear();  // the allocator rounded up past the budget
}

void WordsMemo::clear() {
  for (Entry& e : entries_) {
    e.used = false;
    std::string().swap(e.data);  // frees (assigning an empty string would keep the capacity)
    std::vector<uint32_t>().swap(e.ends);
  }
  bytes_in_use_ = 0;
}

}  // namespace firecount
