// A ledger file's bytes a block of whole lines at a time, so that reading
// holds a few megabytes of the file, not all of it: the records keep the
// texts they need in the ledger's arenas (decode.cpp).
#pragma once

#include <simdjson.h>

#include <algorithm>
#include <cstdint>
#include <istream>
#include <memory>
#include <optional>
#include <string_view>
#include <vector>

namespace accrue::reading {

// The first block without its byte order mark, if it has one: a byte order
// mark says nothing in UTF-8 (RFC 8259 lets a reader skip it).
inline std::optional<simdjson::padded_string_view>
without_byte_order_mark(std::optional<simdjson::padded_string_view> block) {
    if (block && std::string_view(*block).starts_with("\xEF\xBB\xBF")) {
        return simdjson::padded_string_view(block->data() + 3, block->size() - 3,
                                            block->capacity() - 3);
    }
    return block;
}
inline std::string_view without_byte_order_mark(std::string_view text) {
    return text.starts_with("\xEF\xBB\xBF") ? text.substr(3) : text;
}

// A JSON document (`[...]` or `{"records": [...]}`, named *.json), not JSON
// Lines, by its name or its first bytes.
inline bool is_json_document(std::string_view file, std::string_view first) {
    const auto start = first.find_first_not_of(" \t\r\n");
    return file.ends_with(".json") || (start != std::string_view::npos && first[start] == '[');
}

class Blocks {
  public:
    // `limit`: the most bytes the source may hold; `block_size`: at least 1.
    Blocks(std::istream& source, std::uint64_t limit, std::size_t block_size)
        : source_(source), limit_(limit), block_size_(std::max<std::size_t>(1, block_size)) {}

    // The first bytes of the source without taking them: a block's worth
    // unless it ends first, whether or not a line ends in them. Enough to
    // tell a JSON document from JSON Lines before any line is read whole.
    // Only before the first next() or rest(); valid until then.
    std::string_view start();
    // The next block: whole lines, at least block_size bytes unless the
    // source ends first, padded for simdjson. Nothing: the source is done.
    // Valid until the next call. Throws TooLarge past the limit, LineTooLong
    // when a line is longer than limits::max_line_bytes (its line is the one
    // after the last line handed out).
    std::optional<simdjson::padded_string_view> next();
    // The bytes of every block handed out so far.
    [[nodiscard]] std::uint64_t bytes() const { return handed_; }
    // Every byte not yet handed out, read to the end (within the limit),
    // with room reserved for `expected` bytes (0: not known) and simdjson's
    // padding, so that a known size is read in one allocation.
    std::string rest(std::uint64_t expected = 0);

    struct TooLarge {};
    struct LineTooLong {};

  private:
    void fill();
    void grow_to(std::size_t capacity);

    std::istream& source_;
    std::uint64_t limit_;
    std::size_t block_size_;
    // The block being filled, then its padding. Not zeroed: a block's pages
    // are touched only as the source fills them, so a small ledger costs
    // no 4 MiB of page faults.
    std::unique_ptr<char[]> buffer_;
    std::size_t capacity_ = 0;
    std::size_t filled_ = 0;     // bytes of buffer_ read from the source
    std::size_t handed_out_ = 0; // bytes of buffer_ handed out by the last next()
    std::uint64_t read_ = 0;     // bytes read from the source in all
    std::uint64_t handed_ = 0;
    bool ended_ = false;
};

} // namespace accrue::reading
