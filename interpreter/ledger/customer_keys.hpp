// The keys of a ledger's customers, by number (Record::customer_index). Each
// is copied once, after its length (a varint, one byte for a key shorter
// than 128), and found by where it starts: 8 bytes a customer and its
// length's byte, where a view would be 16. One per customer of the ledger;
// the starts grow a chunk at a time, never briefly twice their size.
#pragma once

#include "interpreter/ledger/text_arena.hpp"
#include "interpreter/values/chunked_vector.hpp"

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace accrue {

class CustomerKeys {
  public:
    [[nodiscard]] std::uint32_t size() const { return static_cast<std::uint32_t>(starts_.size()); }

    [[nodiscard]] std::string_view operator[](std::uint32_t number) const {
        const char* at = starts_[number];
        std::size_t length = 0;
        for (int shift = 0;; shift += 7) {
            const auto byte = static_cast<unsigned char>(*at++);
            length |= static_cast<std::size_t>(byte & 0x7F) << shift;
            if ((byte & 0x80) == 0) {
                return {at, length};
            }
        }
    }

    // A key asked of memory before it is read: where it starts, then (once
    // that has arrived) its text (CustomerNumbers' lookups ahead).
    void prefetch_start(std::uint32_t number) const { __builtin_prefetch(&starts_[number]); }
    void prefetch_text(std::uint32_t number) const { __builtin_prefetch(starts_[number]); }

    // A copy of `key`, numbered size() - 1.
    void push_back(std::string_view key) {
        scratch_.clear();
        for (std::size_t length = key.size();; length >>= 7) {
            const auto low = static_cast<unsigned char>(length & 0x7F);
            if (length < 0x80) {
                scratch_.push_back(static_cast<char>(low));
                break;
            }
            scratch_.push_back(static_cast<char>(low | 0x80));
        }
        scratch_.append(key);
        starts_.push_back(chars_.store(scratch_.data(), scratch_.size()));
    }

  private:
    ChunkedVector<const char*> starts_;
    BlockArena<char, TextArena::block_bytes> chars_;
    std::string scratch_; // a key after its length, before it is stored
};

} // namespace accrue
