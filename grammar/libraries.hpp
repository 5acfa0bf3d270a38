// The libraries of stdlib/ (`import standard`), written in the language.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/diagnostics/diagnostic.hpp"

#include <string_view>

namespace accrue::grammar {

// The text of a library of stdlib/; null when there is none of that name.
const std::string_view* stdlib_source(std::string_view name);

// Replaces each `NAME from LIBRARY` with the library's definition, and gives
// a program without a withdrawal policy the standard checks (programs.md:
// "Every program has the checks positive_amount and balance"). Throws
// ProgramError.
void use_libraries(Program& program, const SourceFile& source);

} // namespace accrue::grammar
