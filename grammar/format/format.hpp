// `accrue fmt`: one canonical layout for program and library files
// (docs/cli.md, "fmt"). Only whitespace changes: the tokens and comments are
// kept as written, so the program means exactly the same.
#pragma once

#include "interpreter/diagnostics/diagnostic.hpp"

#include <string>

namespace accrue {

// The file in canonical layout. Throws ProgramError on a syntax error.
std::string format_source(const SourceFile& source);

} // namespace accrue
