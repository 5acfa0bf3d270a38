// Limits on program files, in one place. A recursive-descent parser must
// bound nesting, or a hostile file overflows the stack instead of getting a
// message.
#pragma once

#include <cstddef>

namespace accrue::grammar {

// Parentheses and braces open at once, in an expression.
inline constexpr std::size_t max_nesting = 64;
// Bytes in a program file (programs are terms, not data).
inline constexpr std::size_t max_program_bytes = 1 << 20;

} // namespace accrue::grammar
