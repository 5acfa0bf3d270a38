// UTF-8 as RFC 3629 defines it: no overlong forms, no surrogates, nothing
// above U+10FFFF. Text enters accrue only as valid UTF-8, so that every
// report is valid JSON.
#pragma once

#include <cstddef>
#include <optional>
#include <string_view>

namespace accrue {

// The offset of the first byte that does not start a valid sequence;
// nullopt when the whole text is valid.
std::optional<std::size_t> first_invalid_utf8(std::string_view text);

} // namespace accrue
