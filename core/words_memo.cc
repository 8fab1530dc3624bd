#include "core/words_memo.h"

#include <cstring>

#include "absl/hash/hash.h"

namespace firecount {

WordsMemo::WordsMemo(size_t budget_bytes) : budget_bytes_(budget_bytes) {
  if (budget_bytes_ == 0) return;
  // About an eighth of the budget for the index (8 bytes a slot, at most 3/4 of them used), the
  // rest for the arena: an island entry averages ~40 bytes, so the two fill up about together.
  size_t slots = 16;
  while (slots * 2 * sizeof(Slot) <= budget_bytes_ / 8) slots *= 2;
  mask_ = slots - 1;
  max_entries_ = slots / 4 * 3;
  const size_t index = slots * sizeof(Slot);
  const size_t reserved = index + TokenList::kCopyPad;
  arena_words_ = budget_bytes_ > reserved ? (budget_bytes_ - reserved) / 4 : 0;
}

uint64_t WordsMemo::hash_of(std::string_view key) {
  return absl::Hash<absl::string_view>{}(absl::string_view(key.data(), key.size()));
}

bool WordsMemo::find(std::string_view key, uint64_t hash, Tokens& tokens) const {
  if (index_ == nullptr) return false;
  const uint32_t tag = tag_of(hash);
  for (size_t i = hash & mask_;; i = (i + 1) & mask_) {
    const Slot slot = index_[i];
    if (slot.tag == 0) return false;
    if (slot.tag != tag) continue;
    const uint32_t* entry = arena_.get() + slot.at;
    Header h;
    std::memcpy(&h, entry, sizeof(h));
    const char* key_bytes = reinterpret_cast<const char*>(entry + kHeaderWords + h.count);
    if (h.key_size != key.size() || std::memcmp(key_bytes, key.data(), key.size()) != 0) continue;
    tokens.bytes = std::string_view(key_bytes + h.key_size, h.bytes_size);
    tokens.ends = entry + kHeaderWords;
    tokens.count = h.count;
    return true;
  }
}

void WordsMemo::insert(std::string_view key, uint64_t hash, std::string_view bytes,
                       const uint32_t* ends, size_t count) {
  if (budget_bytes_ == 0 || key.size() > kMaxKeyBytes) return;
  Tokens known;
  if (find(key, hash, known)) return;  // a record may hold the same missed island twice
  const size_t words = kHeaderWords + count + (key.size() + bytes.size() + 3) / 4;
  if (words > arena_words_) return;
  if (index_ == nullptr) {
    index_ = std::make_unique<Slot[]>(mask_ + 1);  // zeroed: every slot empty
    // Padded so that a copy may read TokenList::kCopyPad bytes past the last entry.
    arena_ = std::make_unique<uint32_t[]>(arena_words_ + TokenList::kCopyPad / 4);
  }
  if (used_words_ + words > arena_words_ || entries_ == max_entries_) {
    clear();
    ++flushes_;
  }
  size_t i = hash & mask_;
  while (index_[i].tag != 0) i = (i + 1) & mask_;
  index_[i] = {tag_of(hash), static_cast<uint32_t>(used_words_)};
  uint32_t* entry = arena_.get() + used_words_;
  const Header h{static_cast<uint32_t>(key.size()), static_cast<uint32_t>(bytes.size()),
                 static_cast<uint32_t>(count)};
  std::memcpy(entry, &h, sizeof(h));
  if (count > 0) std::memcpy(entry + kHeaderWords, ends, count * sizeof(uint32_t));
  char* key_bytes = reinterpret_cast<char*>(entry + kHeaderWords + count);
  if (!key.empty()) std::memcpy(key_bytes, key.data(), key.size());
  if (!bytes.empty()) std::memcpy(key_bytes + key.size(), bytes.data(), bytes.size());
  used_words_ += words;
  ++entries_;
}

void WordsMemo::clear() {
  if (index_ != nullptr) std::memset(index_.get(), 0, index_bytes());
  used_words_ = 0;
  entries_ = 0;
}

}  // namespace firecount
