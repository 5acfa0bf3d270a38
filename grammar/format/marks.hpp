// What the grammar knows about a file's layout, recorded while parsing it:
// where lines begin and at which indent, which tokens line up in columns,
// where the expressions are. Byte offsets into the text, as in format::Token.
#pragma once

#include "interpreter/diagnostics/diagnostic.hpp"

#include <cstddef>
#include <map>
#include <set>
#include <utility>
#include <vector>

namespace accrue::format {

struct LineStart {
    int indent = 0;
    bool declaration = false; // a top-level declaration of a program: a blank line before it
};

using Span = std::pair<std::size_t, std::size_t>; // [begin, end)

struct LayoutMarks {
    std::map<std::size_t, LineStart> line_starts;
    // Blocks whose items line up (exclusions, rate cases, tiers, benefits),
    // and in each item the token that starts the aligned column.
    std::vector<Span> align_blocks;
    std::set<std::size_t> aligned;
    std::set<std::size_t> unary_minus; // `-x`: no space after the sign
    std::set<std::size_t> calls;       // `round(`: no space before the bracket
    std::vector<Span> expressions;     // the outermost ones, in order
};

// Parses a program or library file (whichever it starts with) for its
// layout; a syntax error throws ProgramError as `accrue check` reports it.
LayoutMarks layout_marks(const SourceFile& source);

} // namespace accrue::format
