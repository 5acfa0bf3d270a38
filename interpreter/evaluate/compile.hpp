// Expressions compiled once, after the checks and before any evaluation:
// each node of each expression of the program is given the function that
// evaluates it (chosen by its kind, operator and operand types, so that
// evaluation does not ask again what a node is), and each literal and set
// name its value. Evaluation then calls a node's function, and that
// function its arguments' (docs/architecture.md, "How a program flows").
#pragma once

#include "interpreter/ast/ast.hpp"

namespace accrue {

// Compiles every expression of a checked program. Idempotent.
void compile_expressions(Program& program);

} // namespace accrue
