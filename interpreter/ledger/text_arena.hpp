// Text copied into large blocks, so that keys looked up often (customer
// keys) sit next to each other in memory instead of scattered through the
// ledger's bytes. Views into it stay valid when the arena is moved.
#pragma once

#include <algorithm>
#include <cstring>
#include <memory>
#include <string_view>
#include <vector>

namespace accrue {

class TextArena {
  public:
    std::string_view copy(std::string_view text) {
        if (text.empty()) {
            return {};
        }
        if (text.size() > block_size / 4) { // a long text gets a block of its own
            return store(std::make_unique<char[]>(text.size()), text);
        }
        if (blocks_.empty() || used_ + text.size() > block_size) {
            blocks_.push_back(std::make_unique<char[]>(block_size));
            used_ = 0;
        }
        char* at = blocks_.back().get() + used_;
        std::memcpy(at, text.data(), text.size());
        used_ += text.size();
        return {at, text.size()};
    }

  private:
    static constexpr std::size_t block_size = 64 * 1024;

    std::string_view store(std::unique_ptr<char[]> block, std::string_view text) {
        std::memcpy(block.get(), text.data(), text.size());
        const std::string_view copied(block.get(), text.size());
        // Kept before the current block, which stays the one being filled.
        blocks_.insert(blocks_.empty() ? blocks_.end() : blocks_.end() - 1, std::move(block));
        return copied;
    }

    std::vector<std::unique_ptr<char[]>> blocks_;
    std::size_t used_ = 0; // of the last block
};

// Runs of views kept together: the texts of each record (Record::texts).
// Pointers into it stay valid when it is moved.
class ViewArena {
  public:
    const std::string_view* store(const std::string_view* views, std::size_t count) {
        if (blocks_.empty() || used_ + count > block_size) {
            blocks_.push_back(std::make_unique<std::string_view[]>(block_size));
            used_ = 0;
        }
        std::string_view* at = blocks_.back().get() + used_;
        std::copy(views, views + count, at);
        used_ += count;
        return at;
    }

  private:
    static constexpr std::size_t block_size = 4096;

    std::vector<std::unique_ptr<std::string_view[]>> blocks_;
    std::size_t used_ = 0; // of the last block
};

} // namespace accrue
