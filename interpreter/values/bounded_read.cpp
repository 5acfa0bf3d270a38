#include "interpreter/values/bounded_read.hpp"

#include <array>

namespace accrue {

std::optional<std::string> read_bounded(std::istream& in, std::uint64_t limit) {
    std::string text;
    std::array<char, 1 << 16> chunk{};
    while (in) {
        in.read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
        const auto got = static_cast<std::size_t>(in.gcount());
        if (text.size() + got > limit) {
            return std::nullopt;
        }
        text.append(chunk.data(), got);
    }
    return text;
}

} // namespace accrue
