#pragma once
// TrivialArray: a growable array of a trivially copyable type that grows with realloc(), not by
// allocating a new block and copying into it as std::vector does.
//
// For a large block glibc's realloc() remaps the pages (mremap) instead of copying them, so a
// table of a million 32-byte entries (WordTable's) grows without holding its old and new storage
// resident at once: at 1M distinct words that copy was the process's resident peak. Elements
// are value-initialized (zeroed) when appended; memory past size() is never touched.
//
// Threading: not thread-safe; owned by one thread at a time, like a std::vector.

#include <cstddef>
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
  TrivialArray() = default;
  ~TrivialArray() { std::free(data_); }
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
        capacity_(std::exchange(other.capacity_, 0)) {}
  TrivialArray& operator=(TrivialArray&& other) noexcept {
    if (this != &other) {
      std::free(data_);
      data_ = std::exchange(other.data_, nullptr);
      size_ = std::exchange(other.size_, 0);
      capacity_ = std::exchange(other.capacity_, 0);
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
    void* grown = std::realloc(data_, n * sizeof(T));
    if (grown == nullptr) throw std::bad_alloc();
    data_ = static_cast<T*>(grown);
    capacity_ = n;
  }

  void clear() { size_ = 0; }  // keeps the capacity

 private:
  T* data_ = nullptr;
  size_t size_ = 0;
  size_t capacity_ = 0;
};

}  // namespace firecount
