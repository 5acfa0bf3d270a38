// Indentation that contradicts the parse is an error (docs/decisions.md,
// "Layout"): the grammar reads a file free of layout, so a line written at the
// indentation of one block while the parser reads it as part of another
// (a clause at the rule's indentation after a `terms from` block belongs to
// the version) would mean something other than it shows. `check`, `run`, the
// editor and `fmt` all refuse such a file, with the fix.
#pragma once

#include "grammar/format/marks.hpp"

#include <vector>

namespace accrue::format {

// Each line that begins a construct (a declaration, a clause, a rate case, a
// tier, ...) must be indented further than the construct it belongs to
// (a declaration's clauses may also be written flat, at its column), and no
// line may be indented as deep as a block that ended above it when the parse
// puts it beside the construct that opened that block.
std::vector<Diagnostic> misleading_layout(const SourceFile& source, const LayoutMarks& marks);

// The same, parsing the file for its layout. Throws ProgramError on a syntax
// error, as parse_program does.
std::vector<Diagnostic> misleading_layout(const SourceFile& source);

} // namespace accrue::format
