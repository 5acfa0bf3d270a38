#include "interpreter/ledger/id_table.hpp"

#include <absl/hash/hash.h>

#include <algorithm>
#include <bit>
#include <cstdint>
#include <stdexcept>

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
    const std::size_t capacity = std::bit_ceil(std::max<std::size_t>(16, ids * 2));
    if (capacity > slots_.size()) {
        grow(capacity);
    }
    if (keeps_ids_) {
        id_ends_.reserve(ids);
        id_chars_.reserve(ids * 12); // ids are mostly shorter: growing past it is rare
    }
}

void IdTable::grow(std::size_t capacity) {
    std::vector<Slot, LargeAllocator<Slot>> old(capacity);
    old.swap(slots_);
    for (const Slot& slot : old) {
        if (slot.record == empty) {
            continue;
        }
        const std::string_view id = id_of(slot.record);
        slots_[slot_of(id, hash_of(id))] = slot; // ids are unique: a free slot
    }
}

void IdTable::remember(std::string_view id) {
    if (id_chars_.size() + id.size() > UINT32_MAX) {
        throw std::length_error("the ledger's ids exceed 4 GiB");
    }
    id_chars_.insert(id_chars_.end(), id.begin(), id.end());
    id_ends_.push_back(static_cast<std::uint32_t>(id_chars_.size()));
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
    Slot& slot = slots_[slot_of(id_of(index), hash)];
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
           !(slots_[i].fingerprint == fingerprint && id_of(slots_[i].record) == id)) {
        i = (i + 1) & (slots_.size() - 1);
    }
    return i;
}

} // namespace accrue::reading
