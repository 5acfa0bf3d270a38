// A ledger file's bytes a block of whole lines at a time, so that reading
// holds a few megabytes of the file, not all of it: the records keep the
// texts they need in the ledger's arenas (decode.cpp).
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <istream>
#include <optional>
#include <vector>

namespace accrue::reading {

class Blocks {
  public:
    // `limit`: the most bytes the source may hold; `block_size`: at least 1.
    Blocks(std::istream& source, std::uint64_t limit, std::size_t block_size)
        : source_(source), limit_(limit), block_size_(std::max<std::size_t>(1, block_size)) {}

    // The next block: whole lines, at least block_size bytes unless the
    // source ends first, padded for simdjson. Nothing: the source is done.
    // Valid until the next call. Throws TooLarge past the limit.
    std::optional<simdjson::padded_string_view> next();
    // The bytes of every block handed out so far.
    [[nodiscard]] std::uint64_t bytes() const { return handed_; }
    // Every byte not yet handed out, read to the end (within the limit).
    std::string rest();

    struct TooLarge {};

  private:
    void fill();

    std::istream& source_;
    std::uint64_t limit_;
    std::size_t block_size_;
    std::vector<char> buffer_;   // the block being filled, then its padding
    std::size_t filled_ = 0;     // bytes of buffer_ read from the source
    std::size_t handed_out_ = 0; // bytes of buffer_ handed out by the last next()
    std::uint64_t read_ = 0;     // bytes read from the source in all
    std::uint64_t handed_ = 0;
    bool ended_ = false;
};

} // namespace accrue::reading
