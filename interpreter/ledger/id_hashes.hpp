// The ids of a streamed read's timed records, as 64-bit hashes: the records
// and their ids are gone once their block is walked, and 8 bytes a slot,
// the table at most three quarters full, is what uniqueness then costs. The
// table is sized to what it is reserved for, not to a power of two (a hash
// picks its slot by multiplying, not masking): about 11 bytes a record when
// reserved from the file's size, 10.7 to 21.3 when it has to grow. A probe
// rarely leaves its cache line at that load.
// Two ids with one hash look like a duplicate; the streamed read then gives
// way to the whole read, which compares the ids themselves, so a collision
// (about one in 10^7 ledgers of a million records) costs a second read,
// never a wrong answer.
#pragma once

#include "interpreter/values/large_allocator.hpp"

#include <absl/hash/hash.h>

#include <algorithm>
#include <cstdint>
#include <string_view>
#include <vector>

namespace accrue::reading {

class IdHashes {
  public:
    // Room for `ids` at about 70% full, so that an estimate a little short
    // still fits under the three quarters that make the table grow.
    void reserve(std::size_t ids) {
        const std::size_t capacity = std::max<std::size_t>(16, ids + ids * 3 / 7);
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
            __builtin_prefetch(&slots_[home_of(hash)]);
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

    // The hash scaled to [0, size): its high bits pick the slot, so any size will do.
    [[nodiscard]] std::size_t home_of(std::uint64_t hash) const {
        return static_cast<std::size_t>((static_cast<unsigned __int128>(hash) * slots_.size()) >>
                                        64);
    }
    [[nodiscard]] std::size_t slot_of(std::uint64_t hash) const {
        std::size_t i = home_of(hash);
        while (slots_[i] != empty && slots_[i] != hash) {
            i = i + 1 == slots_.size() ? 0 : i + 1;
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

    std::vector<std::uint64_t, LargeAllocator<std::uint64_t>> slots_;
    std::size_t used_ = 0;
};

} // namespace accrue::reading
