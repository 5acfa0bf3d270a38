// A place in a program file. Every AST node carries one, so that errors from
// any later phase point into the file.
#pragma once

#include <cstdint>
#include <string>

namespace accrue {

struct SourcePos {
    std::uint32_t line = 0;   // 1-based
    std::uint32_t column = 0; // 1-based, in bytes
    std::uint32_t length = 1; // bytes to underline
};

} // namespace accrue
