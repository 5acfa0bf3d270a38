#include "interpreter/values/utf8.hpp"

namespace accrue {
namespace {

bool continuation(unsigned char c) {
    return (c & 0xC0) == 0x80;
}

// The length of the valid sequence at `i`, or 0.
std::size_t sequence_at(std::string_view text, std::size_t i) {
    const auto byte = [&](std::size_t k) {
        return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0;
    };
    const unsigned char c = byte(0);
    if (c < 0x80) {
        return 1;
    }
    if (c >= 0xC2 && c <= 0xDF) {
        return continuation(byte(1)) ? 2 : 0;
    }
    if (c >= 0xE0 && c <= 0xEF) {
        const unsigned char c1 = byte(1);
        const bool second_ok = c == 0xE0   ? (c1 >= 0xA0 && c1 <= 0xBF) // no overlong form
                               : c == 0xED ? (c1 >= 0x80 && c1 <= 0x9F) // no surrogate
                                           : continuation(c1);
        return second_ok && continuation(byte(2)) ? 3 : 0;
    }
    if (c >= 0xF0 && c <= 0xF4) {
        const unsigned char c1 = byte(1);
        const bool second_ok = c == 0xF0   ? (c1 >= 0x90 && c1 <= 0xBF) // no overlong form
                               : c == 0xF4 ? (c1 >= 0x80 && c1 <= 0x8F) // at most U+10FFFF
                                           : continuation(c1);
        return second_ok && continuation(byte(2)) && continuation(byte(3)) ? 4 : 0;
    }
    return 0;
}

} // namespace

std::optional<std::size_t> first_invalid_utf8(std::string_view text) {
    std::size_t i = 0;
    while (i < text.size()) {
        const std::size_t length = sequence_at(text, i);
        if (length == 0) {
            return i;
        }
        i += length;
    }
    return std::nullopt;
}

} // namespace accrue
