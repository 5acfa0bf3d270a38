// The ids of a streamed read's timed records, as 64-bit hashes: the records
// and their ids are gone once their block is walked, and 8 bytes a slot,
// the table at most three quarters full (a power of two: 10.7 to 21.3 bytes a
// record, about 13 when reserved from the file's size), is what uniqueness
// then costs. A probe rarely leaves its cache line at that load.
// Two ids with one hash look like a duplicate; the streamed read then gives
// way to the whole read, which compares the ids themselves, so a collision
// (about one in 10^7 ledgers of a million records) costs a second read,
// never a wrong answer.
#pragma once

#include "interpreter/values/large_allocator.hpp"

#include <absl/hash/hash.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <string_view>
#include <vector>

namespace accrue::reading {

class IdHashes {
  public:
    void reserve(std::size_t ids) {
        const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, ids * 4 / 3));
        if (capacity > slots_.size()) {
            grow(capacity);
        }
    }
    [[nodiscard]] static std::uint64_t hash_of(std::string_view id) {
        const std::uint64_t hash = absl::Hash<std::string_view>{}(id);
        return hash + static_cast<std::uint64_t>(hash == empty); // 0 marks a free slot
    }
    // The hash's slot asked of memory now, some records before its insert.
    void prefetch(std::uint64_t hash) const {
        if (!slots_.empty()) {
            __builtin_prefetch(&slots_[static_cast<std::size_t>(hash) & (slots_.size() - 1)]);
        }
    }
    // False when the hash is there already.
    bool insert(std::uint64_t hash) {
        if ((used_ + 1) * 4 > slots_.size() * 3) {
            grow(std::max<std::size_t>(16, slots_.size() * 2));
        }
        std::uint64_t& slot = slots_[slot_of(hash)];
        if (slot == hash) {
            return false;
        }
        slot = hash;
        ++used_;
        return true;
    }

  private:
    static constexpr std::uint64_t empty = 0;

    [[nodiscard]] std::size_t slot_of(std::uint64_t hash) const {
        std::size_t i = static_cast<std::size_t>(hash) & (slots_.size() - 1);
        while (slots_[i] != empty && slots_[i] != hash) {
            i = (i + 1) & (slots_.size() - 1);
        }
        return i;
    }
    void grow(std::size_t capacity) {
        std::vector<std::uint64_t, LargeAllocator<std::uint64_t>> old(capacity, empty);
        old.swap(slots_);
        for (const std::uint64_t hash : old) {
            if (hash != empty) {
                slots_[slot_of(hash)] = hash;
            }
        }
    }

    std::vector<std::uint64_t, LargeAllocator<std::uint64_t>> slots_; // a power of two in size
    std::size_t used_ = 0;
};

} // namespace accrue::reading
