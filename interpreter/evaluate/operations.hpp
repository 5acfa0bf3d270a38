// What the two files of the operations share (expression.cpp: fields,
// comparisons and logic; arithmetic.cpp: the operations that compute a new
// value). The rest of the evaluator calls evaluate_expression.
#pragma once

#include "interpreter/evaluate/expression.hpp"

namespace accrue {

// A compiled argument's value: its own function, called directly.
inline Value arg(const Expr& e, std::size_t i, const Scope& s) {
    const Expr& a = *e.args[i];
    return a.evaluate(a, s);
}

// The function of an arithmetic operator (+ - * /), of a unary minus, and
// of the other nodes that compute a value: calendar times, conversions,
// customer sums, period aggregates and the functions.
Evaluator arithmetic_evaluator(const Expr& e);
Evaluator negation_evaluator(const Expr& e);
Evaluator computation_evaluator(const Expr& e);

} // namespace accrue
