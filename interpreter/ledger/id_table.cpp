#include "interpreter/ledger/id_table.hpp"

#include <absl/hash/hash.h>

#include <algorithm>
#include <bit>

namespace accrue::reading {
namespace {

std::uint64_t hash_of(std::string_view id) {
    return absl::Hash<std::string_view>{}(id);
}

std::uint32_t fingerprint_of(std::uint64_t hash) {
    return static_cast<std::uint32_t>(hash >> 32);
}

} // namespace

void IdTable::reserve(std::size_t ids) {
    // ids is an estimate, a little high as often as low: one just over a
    // power of two would double the table for nothing, so it is taken at
    // 15/16 (the table grows when the ids really do not fit).
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, ids * 15 / 8));
    if (capacity > slots_.size()) {
        grow(capacity);
    }
}

void IdTable::grow(std::size_t capacity) {
    std::vector<Slot, LargeAllocator<Slot>> old(capacity);
    old.swap(slots_);
    for (const Slot& slot : old) {
        if (slot.record == empty) {
            continue;
        }
        const std::string_view id = records_[slot.record].id;
        slots_[slot_of(id, hash_of(id))] = slot; // ids are unique: a free slot
    }
}

std::uint64_t IdTable::prefetch(std::string_view id) const {
    const std::uint64_t hash = hash_of(id);
    if (!slots_.empty()) {
        __builtin_prefetch(&slots_[first_slot(hash)]);
    }
    return hash;
}

std::optional<std::uint32_t> IdTable::insert(std::uint32_t index, std::uint64_t hash) {
    if ((used_ + 1) * 2 > slots_.size()) {
        grow(std::max<std::size_t>(16, slots_.size() * 2));
    }
    Slot& slot = slots_[slot_of(records_[index].id, hash)];
    if (slot.record != empty) {
        return slot.record;
    }
    slot = Slot{fingerprint_of(hash), index};
    ++used_;
    return std::nullopt;
}

std::optional<std::uint32_t> IdTable::find(std::string_view id) const {
    if (slots_.empty()) {
        return std::nullopt;
    }
    const Slot& slot = slots_[slot_of(id, hash_of(id))];
    return slot.record != empty ? std::optional(slot.record) : std::nullopt;
}

std::size_t IdTable::slot_of(std::string_view id, std::uint64_t hash) const {
    const std::uint32_t fingerprint = fingerprint_of(hash);
    std::size_t i = first_slot(hash);
    while (slots_[i].record != empty &&
           !(slots_[i].fingerprint == fingerprint && records_[slots_[i].record].id == id)) {
        i = (i + 1) & (slots_.size() - 1);
    }
    return i;
}

} // namespace accrue::reading
