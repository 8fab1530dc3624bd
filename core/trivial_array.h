#pragma once
// TrivialArray: a growable array of a trivially copyable type that grows by remapping its pages,
// not by allocating a new block and copying into it as std::vector does.
//
// A block of kMapBytes or more is an anonymous mapping of its own, grown with mremap(): the
// kernel moves the page tables, no byte is copied and no new page is touched until an element
// lands on it. So a table of a million 32-byte entries (WordTable's) grows without holding its
// old and new storage resident at once (at 1M distinct words that copy was the process's
// resident peak) and without a pause: a copy touches every new page at once, and a first touch
// costs 1.6-7 us a page on the shared VM this was measured on. Smaller blocks use realloc().
// glibc's realloc() remaps only blocks it mapped itself, and its mmap threshold rises with the
// blocks a process frees (up to 32 MB), so it copied 16 MB entry arrays in firecount's engine
// (~10 ms in a fold at 524,288 words, docs/merge.md). Elements are value-initialized (zeroed)
// when appended; memory past size() is never touched.
//
// Threading: not thread-safe; owned by one thread at a time, like a std::vector.
//
// Under ThreadSanitizer a mapped block grows by a new mapping and a copy instead: TSan does not
// intercept mremap, so the range a block moved away from kept its access history and, once the
// kernel reused it for another thread's block, TSan reported races between the two owners
// (google/sanitizers#1099).

#include <sys/mman.h>

#if defined(__SANITIZE_THREAD__)
#define FIRECOUNT_TRIVIAL_ARRAY_NO_MREMAP 1
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
#define FIRECOUNT_TRIVIAL_ARRAY_NO_MREMAP 1
#endif
#endif

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <new>
#include <span>
#include <type_traits>
#include <utility>

namespace firecount {

template <typename T>
class TrivialArray {
  static_assert(std::is_trivially_copyable_v<T> && std::is_trivially_destructible_v<T>);

 public:
  // Blocks from this size up are mappings of their own (page-aligned, grown by mremap).
  static constexpr size_t kMapBytes = size_t{1} << 20;

  TrivialArray() = default;
  ~TrivialArray() { release(); }
  TrivialArray(const TrivialArray& other) { *this = other; }
  TrivialArray& operator=(const TrivialArray& other) {
    if (this != &other) {
      clear();
      reserve(other.size_);
      if (other.size_ > 0) std::memcpy(data_, other.data_, other.size_ * sizeof(T));
      size_ = other.size_;
    }
    return *this;
  }
  TrivialArray(TrivialArray&& other) noexcept
      : data_(std::exchange(other.data_, nullptr)),
        size_(std::exchange(other.size_, 0)),
        capacity_(std::exchange(other.capacity_, 0)),
        mapped_bytes_(std::exchange(other.mapped_bytes_, 0)) {}
  TrivialArray& operator=(TrivialArray&& other) noexcept {
    if (this != &other) {
      release();
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
      mapped_bytes_ = std::exchange(other.mapped_bytes_, 0);
    }
    return *this;
  }

  T* data() { return data_; }
  const T* data() const { return data_; }
  size_t size() const { return size_; }
  size_t capacity() const { return capacity_; }
  bool empty() const { return size_ == 0; }
  T& operator[](size_t i) { return data_[i]; }
  const T& operator[](size_t i) const { return data_[i]; }
  const T* begin() const { return data_; }
  const T* end() const { return data_ + size_; }
  operator std::span<const T>() const { return {data_, size_}; }

  // Appends a zeroed element and returns it. Doubles the capacity when full.
  T& emplace_back() {
    if (size_ == capacity_) reserve(capacity_ < 16 ? 16 : 2 * capacity_);
    T* slot = data_ + size_++;
    std::memset(static_cast<void*>(slot), 0, sizeof(T));
    return *slot;
  }

  // Makes room for `n` elements (never shrinks). Throws std::bad_alloc when out of memory, as a
  // std::vector would.
  void reserve(size_t n) {
    if (n <= capacity_) return;
    if (n > SIZE_MAX / sizeof(T) - kMapBytes) throw std::bad_alloc();
    const size_t bytes = n * sizeof(T);
    if (bytes < kMapBytes) {
      void* grown = std::realloc(data_, bytes);
      if (grown == nullptr) throw std::bad_alloc();
      data_ = static_cast<T*>(grown);
      capacity_ = n;
      return;
    }
    const size_t mapped = (bytes + kPageBytes - 1) / kPageBytes * kPageBytes;
    void* grown;
    if (mapped_bytes_ != 0 && kRemap) {
      grown = mremap(data_, mapped_bytes_, mapped, MREMAP_MAYMOVE);
      if (grown == MAP_FAILED) throw std::bad_alloc();
    } else {  // the first mapping (the elements were malloc'ed), or a TSan build
      grown = mmap(nullptr, mapped, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
      if (grown == MAP_FAILED) throw std::bad_alloc();
      if (size_ > 0) std::memcpy(grown, data_, size_ * sizeof(T));
      release();
    }
    data_ = static_cast<T*>(grown);
    mapped_bytes_ = mapped;
    capacity_ = mapped / sizeof(T);
  }

  void clear() { size_ = 0; }  // keeps the capacity

  // Whether the elements live in a mapping of their own (capacity of kMapBytes or more).
  bool mapped() const { return mapped_bytes_ != 0; }

 private:
  static constexpr size_t kPageBytes = 4096;  // mremap needs page multiples; any page size works
#ifdef FIRECOUNT_TRIVIAL_ARRAY_NO_MREMAP
  static constexpr bool kRemap = false;
#else
  static constexpr bool kRemap = true;
#endif

  void release() {
    if (mapped_bytes_ != 0) {
      munmap(data_, mapped_bytes_);
    } else {
      std::free(data_);
    }
    data_ = nullptr;
    mapped_bytes_ = 0;
  }

  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
  size_t mapped_bytes_ = 0;  // 0: data_ is malloc'ed (or null)
};

}  // namespace firecount
