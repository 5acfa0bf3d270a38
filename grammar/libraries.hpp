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

// Whether a file is a library (its first word is `library`), not a program.
bool is_library_text(std::string_view text);

// A library file as a program that uses each of its definitions where
// programs use them: its exclusions under `exclusions`, its checks under
// `withdrawal`, its sets as the program's, with a header of `currency partner
// default USD` (any payout currency), UTC and one role. `accrue check` and the editor check a
// library through it; a mistake points into the library's own text. Throws ProgramError on a syntax
// error.
Program library_as_program(const SourceFile& source);

} // namespace accrue::grammar
