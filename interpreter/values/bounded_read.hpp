// Reading input whole, with a limit checked while reading: /dev/zero or an
// endless pipe gets an error, not an unbounded read.
#pragma once

#include <cstdint>
#include <istream>
#include <optional>
#include <string>

namespace accrue {

// The stream's bytes; nullopt when there are more than `limit`.
std::optional<std::string> read_bounded(std::istream& in, std::uint64_t limit);

} // namespace accrue
