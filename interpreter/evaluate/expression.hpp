// Evaluation of one compiled expression in a scope: the records and partner
// the expression may name, and the rates in force.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/evaluate/exchange.hpp"
#include "interpreter/ledger/fields.hpp"
#include "interpreter/ledger/ledger.hpp"
#include "interpreter/values/value.hpp"

#include <functional>

namespace accrue {

// The fields (FieldInput: the records, partner and customer at hand) and
// what else an expression may name.
struct Scope : FieldInput {
    const TimeZone* zone = nullptr;
    const RateTable* rates = nullptr;
    Rounding rounding = Rounding::half_away_from_zero;
    const Record* event = nullptr; // the record evaluated: errors name it
    // The holder's customers with a counted payment, this one's included.
    std::size_t paying_customers = 0;
    // Rules with a period, and benefits.
    Instant period_start;
    Instant period_end;
    Decimal paid_via_total;
    Currency paid_via_currency;
    // The value of an aggregate of the rule's period (set by the evaluator).
    std::function<Value(const Expr&)> aggregate;
    // A held line is priced under this tier of its rate, whatever the metric.
    const Tier* forced_tier = nullptr;
    // Withdrawal checks.
    Decimal balance;
    // `accrue explain`: told of each conversion; null otherwise.
    ConversionListener* conversions = nullptr;
};

// The value of a compiled expression (compile.hpp) in a scope.
Value evaluate_expression(const Expr& e, const Scope& scope);

// The function that evaluates `e`, by its kind, operator and operand types
// (its arguments' types and, for a set, whether it is a constant):
// compile_expressions stores it in Expr::evaluate.
Evaluator evaluator_of(const Expr& e);

// A value as explanations write it: "131.40" (or "131.40 UAH" with its
// currency), "10%", a time in the zone, "\"text\"".
std::string value_text(const Value& v, const Expr& e, const TimeZone& zone, bool with_currency);

// A human detail of a check, such as "120.00 <= 131.40 UAH".
std::string describe_check(const Expr& condition, const Scope& scope, bool result);

} // namespace accrue
