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
    // A copy of items[0, count), contiguous.
    T* store(const T* items, std::size_t count) {
        if (count > BlockSize / 4) { // a long run gets a block of its own
            auto own = std::make_unique_for_overwrite<T[]>(count);
            T* at = own.get();
            // Kept before the current block, which stays the one being filled.
            blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(own));
            std::copy(items, items + count, at);
            return at;
        }
        if (blocks_.empty() || used_ + count > BlockSize) {
            blocks_.push_back(std::make_unique_for_overwrite<T[]>(BlockSize));
            used_ = 0;
        }
        T* at = blocks_.back().get() + used_;
        used_ += count;
        std::copy(items, items + count, at);
        return at;
    }

    // Frees every block: each pointer store() gave is invalid after this.
    void clear() {
        blocks_.clear();
        used_ = 0;
    }

  private:
    std::vector<std::unique_ptr<T[]>> blocks_;
    std::size_t used_ = 0; // of the last block
};

class TextArena {
  public:
    std::string_view copy(std::string_view text) {
        if (text.empty()) {
            return {};
        }
        return {chars_.store(text.data(), text.size()), text.size()};
    }

    void clear() { chars_.clear(); }

  private:
    BlockArena<char, 64 * 1024> chars_;
};

using ViewArena = BlockArena<std::string_view, 4096>;

} // namespace accrue
