// The ids of a ledger's timed records, for the uniqueness rule and for
// refunds finding their payment. Compact because it holds one entry per
// record: a slot is 8 bytes (a fingerprint of the id's hash and the record's
// index) and the table is kept at most half full, so at most 16 bytes a
// record. The id text itself stays in the record and is compared only when a
// fingerprint matches.
#pragma once

#include "interpreter/ledger/ledger.hpp"
#include "interpreter/values/large_allocator.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace accrue::reading {

class IdTable {
  public:
    explicit IdTable(const Records& records) : records_(records) {}

    void reserve(std::size_t ids);
    // The id's hash, its slot asked of memory now: a record's decoding
    // takes about as long as the cache miss an insert would otherwise wait for.
    [[nodiscard]] std::uint64_t prefetch(std::string_view id) const;
    // Adds records_[index].id, whose hash prefetch() gave; returns the record
    // that already has the id, if one does.
    std::optional<std::uint32_t> insert(std::uint32_t index, std::uint64_t hash);
    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view id) const;

  private:
    struct Slot {
        std::uint32_t fingerprint = 0;
        std::uint32_t record = empty; // index into records_
    };
    static constexpr std::uint32_t empty = 0xFFFFFFFF;

    [[nodiscard]] std::size_t first_slot(std::uint64_t hash) const {
        return static_cast<std::size_t>(hash) & (slots_.size() - 1);
    }
    void grow(std::size_t capacity);
    // Linear probing from the id's own slot: the slot holding the id, or
    // else the first free one.
    [[nodiscard]] std::size_t slot_of(std::string_view id, std::uint64_t hash) const;

    const Records& records_;
    std::vector<Slot, LargeAllocator<Slot>> slots_; // a power of two in size
    std::size_t used_ = 0;
};

} // namespace accrue::reading
