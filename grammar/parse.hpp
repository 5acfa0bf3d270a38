// Parses a program file into its AST; syntax errors throw ProgramError.
#pragma once

#include "grammar/parameters.hpp"
#include "interpreter/ast/ast.hpp"
#include "interpreter/diagnostics/diagnostic.hpp"

namespace accrue {

// The program's parameters take their defaults, or the values `settings`
// gives (grammar/parameters.hpp): throws SettingError for a setting the
// program cannot take.
Program parse_program(const SourceFile& source, const std::vector<ParameterSetting>& settings = {});

// The size and nesting limits of interpreter/values/limits.hpp, checked before any
// parse so that no input can exhaust the stack; throws ProgramError.
void check_limits(const SourceFile& source);

// A syntax error at a byte of the source, placed just after the last token
// before it (where the user stopped writing what the grammar expected), or
// `at_the_byte`, for a mistake recognised at its word (grammar::mistake_error).
ProgramError syntax_error(const SourceFile& source, std::size_t byte, std::string message,
                          bool at_the_byte = false);

} // namespace accrue
