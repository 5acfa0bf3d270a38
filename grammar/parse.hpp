// Parses a program file into its AST; syntax errors throw ProgramError.
#pragma once

#include "interpreter/ast.hpp"
#include "interpreter/diagnostic.hpp"

namespace accrue {

Program parse_program(const SourceFile& source);

} // namespace accrue
