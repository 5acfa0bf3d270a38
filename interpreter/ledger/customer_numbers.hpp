// Each customer key of a ledger once, numbered in the order first named
// (Record::customer_index); the keys themselves are Ledger::customers.
//
// Finding a key costs three dependent reads that miss the cache on a large
// ledger: the table's slot, the key's start (CustomerKeys), and its text.
// A block's customers are therefore numbered after the block is decoded
// (Decoder::number_customers), and each of the three is asked of memory some
// records before it is read: the slot (prefetch_slot), then the start of
// the key that slot names (prefetch_start), then its text (prefetch_text).
// A slot is 5 bytes, in two arrays: the number, and a byte of the key's
// hash (never 0, which marks a free slot), so that a probe meets another
// key's text once in 255. The table is at most three quarters full.
#pragma once

#include "interpreter/ledger/customer_keys.hpp"

#include <absl/hash/hash.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace accrue::reading {

class CustomerNumbers {
  public:
    explicit CustomerNumbers(const CustomerKeys& keys) : keys_(&keys) {}

    [[nodiscard]] static std::uint64_t hash_of(std::string_view key) {
        return absl::Hash<std::string_view>{}(key);
    }

    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key,
                                                    std::uint64_t hash) const {
        if (tags_.empty()) {
            return std::nullopt;
        }
        const std::uint8_t tag = tag_of(hash);
        for (std::size_t i = home_of(hash); tags_[i] != free; i = next(i)) {
            if (tags_[i] == tag && (*keys_)[numbers_[i]] == key) {
                return numbers_[i];
            }
        }
        return std::nullopt;
    }
    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key) const {
        return find(key, hash_of(key));
    }

    // The number of a key just added to the keys, whose hash is `hash`.
    void add(std::uint32_t number, std::uint64_t hash) {
        if ((used_ + 1) * 4 > tags_.size() * 3) {
            grow(tags_.empty() ? 16 : tags_.size() * 2);
        }
        place(number, hash);
        ++used_;
    }

    // The three stages of a lookup some records ahead, each once the one
    // before it has had time to arrive.
    void prefetch_slot(std::uint64_t hash) const {
        if (!tags_.empty()) {
            const std::size_t home = home_of(hash);
            __builtin_prefetch(&tags_[home]);
            __builtin_prefetch(&numbers_[home]);
        }
    }
    void prefetch_start(std::uint64_t hash) const {
        if (const auto number = candidate(hash)) {
            keys_->prefetch_start(*number);
        }
    }
    void prefetch_text(std::uint64_t hash) const {
        if (const auto number = candidate(hash)) {
            keys_->prefetch_text(*number);
        }
    }

  private:
    static constexpr std::uint8_t free = 0;
    static std::uint8_t tag_of(std::uint64_t hash) {
        return static_cast<std::uint8_t>(1 + (hash & 0xFFFF) %
                                                 255); // low bits: home_of reads the high ones
    }

    // The hash scaled to [0, size): its high bits pick the slot.
    [[nodiscard]] std::size_t home_of(std::uint64_t hash) const {
        return static_cast<std::size_t>((static_cast<unsigned __int128>(hash) * tags_.size()) >>
                                        64);
    }
    [[nodiscard]] std::size_t next(std::size_t i) const {
        return i + 1 == tags_.size() ? 0 : i + 1;
    }
    // The number of the first slot from the hash's home with its tag: the
    // key the lookup will most likely compare.
    [[nodiscard]] std::optional<std::uint32_t> candidate(std::uint64_t hash) const {
        if (tags_.empty()) {
            return std::nullopt;
        }
        const std::uint8_t tag = tag_of(hash);
        for (std::size_t i = home_of(hash); tags_[i] != free; i = next(i)) {
            if (tags_[i] == tag) {
                return numbers_[i];
            }
        }
        return std::nullopt;
    }
    void place(std::uint32_t number, std::uint64_t hash) {
        std::size_t i = home_of(hash);
        while (tags_[i] != free) {
            i = next(i);
        }
        tags_[i] = tag_of(hash);
        numbers_[i] = number;
    }
    void grow(std::size_t capacity) {
        std::vector<std::uint8_t> old_tags(capacity, free);
        std::vector<std::uint32_t> old_numbers(capacity);
        old_tags.swap(tags_);
        old_numbers.swap(numbers_);
        for (std::size_t i = 0; i < old_tags.size(); ++i) {
            if (old_tags[i] != free) {
                place(old_numbers[i], hash_of((*keys_)[old_numbers[i]]));
            }
        }
    }

    const CustomerKeys* keys_;
    std::vector<std::uint8_t> tags_; // free, or a byte of the hash of numbers_'s key
    std::vector<std::uint32_t> numbers_;
    std::size_t used_ = 0;
};

} // namespace accrue::reading
