// Static checks, run on every program before any evaluation: names resolve,
// types and units agree, tiers are ordered without gaps or overlaps, names are
// unique. They annotate the AST (types, field references) for the evaluator.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/diagnostics/diagnostic.hpp"

namespace accrue {

// Throws ProgramError with every problem found.
void check_program(Program& program, const SourceFile& source);

} // namespace accrue
