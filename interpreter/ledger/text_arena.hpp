// Values copied into large blocks: the texts records keep (TextArena), so
// that keys looked up often (customer keys) sit next to each other instead
// of scattered through the file, and each record's run of text views
// (ViewArena, behind Record::texts). Pointers into an arena stay valid when
// it is moved.
#pragma once

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

namespace accrue {

template <typename T, std::size_t BlockSize> class BlockArena {
  public:
    // A run longer than this gets a block of its own, so that a long text
    // wastes no more than a quarter of a shared block.
    static constexpr std::size_t own_block_above = BlockSize / 4;

    // A copy of items[0, count), contiguous.
    T* store(const T* items, std::size_t count) {
        if (count > own_block_above) {
            // Kept apart from the block being filled: short runs are never
            // written into (or past) a long run's block, whatever came first.
            done_.push_back(std::make_unique_for_overwrite<T[]>(count));
            T* at = done_.back().get();
            std::copy(items, items + count, at);
            return at;
        }
        if (filling_ == nullptr || used_ + count > BlockSize) {
            if (filling_ != nullptr) {
                done_.push_back(std::move(filling_));
            }
            filling_ = std::make_unique_for_overwrite<T[]>(BlockSize);
            used_ = 0;
        }
        T* at = filling_.get() + used_;
        used_ += count;
        std::copy(items, items + count, at);
        return at;
    }

    // Frees every block: each pointer store() gave is invalid after this.
    void clear() {
        done_.clear();
        filling_.reset();
        used_ = 0;
    }

  private:
    std::vector<std::unique_ptr<T[]>> done_; // full blocks, and long runs' own
    std::unique_ptr<T[]> filling_;           // the block short runs go to, if any
    std::size_t used_ = 0;                   // of filling_
};

class TextArena {
  public:
    static constexpr std::size_t block_bytes = 64 * 1024;

    std::string_view copy(std::string_view text) {
        if (text.empty()) {
            return {};
        }
        return {chars_.store(text.data(), text.size()), text.size()};
    }

    void clear() { chars_.clear(); }

  private:
    BlockArena<char, block_bytes> chars_;
};

using ViewArena = BlockArena<std::string_view, 4096>;

} // namespace accrue
