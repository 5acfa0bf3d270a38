// Static checks, run on every program before any evaluation: names resolve,
// types and units agree, tiers are ordered without gaps or overlaps, names are
// unique. They annotate the AST (types, field references) for the evaluator.
#pragma once

#include "interpreter/ast.hpp"
#include "interpreter/diagnostic.hpp"

namespace accrue {

// Throws ProgramError with every problem found.
void check_program(Program& program, const SourceFile& source);

// Parse and check in one step: what `accrue check` and `accrue run` do.
Program load_program(const std::string& path);

} // namespace accrue
