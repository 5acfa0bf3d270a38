// An array that grows a chunk at a time: growing never moves what it holds,
// so the state a walk keeps per customer does not briefly take twice its
// size each time a streamed ledger names more customers than it has room for.
#pragma once

#include <algorithm>
#include <cstddef>
#include <memory>
#include <vector>

namespace accrue {

template <typename T, std::size_t ChunkBits = 12> class ChunkedVector {
  public:
    [[nodiscard]] std::size_t size() const { return size_; }
    T& operator[](std::size_t i) { return chunks_[i >> ChunkBits][i & mask]; }
    const T& operator[](std::size_t i) const { return chunks_[i >> ChunkBits][i & mask]; }
    // Grows to at least `n` elements, the new ones value-initialized; never shrinks.
    void resize(std::size_t n) {
        while (chunks_.size() << ChunkBits < n) {
            chunks_.push_back(std::make_unique<T[]>(chunk));
        }
        size_ = std::max(size_, n);
    }

    void push_back(const T& item) {
        resize(size_ + 1);
        (*this)[size_ - 1] = item;
    }

  private:
    static constexpr std::size_t chunk = std::size_t{1} << ChunkBits;
    static constexpr std::size_t mask = chunk - 1;
    std::vector<std::unique_ptr<T[]>> chunks_;
    std::size_t size_ = 0;
};

} // namespace accrue
