#include "interpreter/ledger/blocks.hpp"

#include "interpreter/values/limits.hpp"

#include <algorithm>
#include <cstring>
#include <string>

namespace accrue::reading {

void Blocks::fill() {
    // Room for a block and its padding; a line longer than a block doubles it.
    const std::size_t wanted = std::max(capacity_, block_size_ + simdjson::SIMDJSON_PADDING);
    if (filled_ + simdjson::SIMDJSON_PADDING >= wanted) {
        grow_to(2 * wanted);
    } else if (capacity_ < wanted) {
        grow_to(wanted);
    }
    const std::size_t room = capacity_ - simdjson::SIMDJSON_PADDING - filled_;
    source_.read(buffer_.get() + filled_, static_cast<std::streamsize>(room));
    const auto got = static_cast<std::size_t>(source_.gcount());
    filled_ += got;
    read_ += got;
    if (read_ > limit_) {
        throw TooLarge{};
    }
    ended_ = got == 0;
}

void Blocks::grow_to(std::size_t capacity) {
    auto bigger = std::make_unique_for_overwrite<char[]>(capacity);
    if (filled_ > 0) {
        std::memcpy(bigger.get(), buffer_.get(), filled_);
    }
    buffer_ = std::move(bigger);
    capacity_ = capacity;
}

std::string_view Blocks::start() {
    while (!ended_ && filled_ < block_size_) {
        fill();
    }
    return {buffer_.get(), filled_};
}

std::optional<simdjson::padded_string_view> Blocks::next() {
    // What the last block left (a line not yet whole) moves to the front.
    if (handed_out_ > 0) { // before the first block, there is no buffer yet
        std::memmove(buffer_.get(), buffer_.get() + handed_out_, filled_ - handed_out_);
        filled_ -= handed_out_;
        handed_out_ = 0;
    }
    for (;;) {
        if (ended_) {
            if (filled_ == 0) {
                return std::nullopt;
            }
            handed_out_ = filled_; // the last line may lack its newline
            break;
        }
        if (filled_ >= block_size_) {
            const void* newline = memrchr(buffer_.get(), '\n', filled_);
            if (newline != nullptr) {
                handed_out_ =
                    static_cast<std::size_t>(static_cast<const char*>(newline) - buffer_.get()) + 1;
                break;
            }
            if (filled_ > limits::max_line_bytes) { // one line, and more of it to come
                throw LineTooLong{};
            }
        }
        fill();
    }
    handed_ += handed_out_;
    // Bytes after the block (the next lines, then padding) are readable, as simdjson asks.
    std::memset(buffer_.get() + filled_, 0, simdjson::SIMDJSON_PADDING);
    return simdjson::padded_string_view(buffer_.get(), handed_out_, capacity_);
}

std::string Blocks::rest(std::uint64_t expected) {
    std::string text;
    text.reserve(std::max<std::uint64_t>(expected, filled_ - handed_out_) +
                 simdjson::SIMDJSON_PADDING);
    text.append(buffer_.get() + handed_out_, filled_ - handed_out_);
    handed_ += filled_ - handed_out_;
    filled_ = handed_out_ = 0;
    while (!ended_) {
        fill();
        text.append(buffer_.get(), filled_);
        handed_ += filled_;
        filled_ = 0;
    }
    return text;
}

} // namespace accrue::reading
