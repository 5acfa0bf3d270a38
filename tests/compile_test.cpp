// Expressions compiled once (evaluate/compile.hpp): each node's function is
// chosen by its kind, operator and operand types. Every operation below is
// evaluated through its chosen function, with values worked out by hand
// from docs/language.md; an expression that was not compiled is refused
// with an error, not evaluated.
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/evaluate/compile.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/evaluate/expression.hpp"

#include <catch2/catch.hpp>

using namespace accrue;

namespace {

// Each check holds, but those whose name ends in `_false`. The request is
// 120.00 USD, w2, at 2024-01-31 00:00 UTC; the balance is 131.40 USD.
constexpr const char* operations = R"(program operations
  currency USD
  time zone "UTC"
  roles referral

set ids = {"w1", "w2"}

withdrawal
  # Month ends are clamped, and clamping does not carry (language.md, Calendar time).
  check months_clamped: request.at + 1 month = request.at + 29 days
  check months_no_carry: request.at + 2 months = request.at + 60 days
  check months_back: request.at - 2 months = request.at - 62 days
  check months_not_30_false: request.at + 1 month = request.at + 30 days
  check duration_difference: 3 days - 36 hours = 36 hours
  check duration_negated: request.at + -(2 days) = request.at - 48 hours
  check time_ordered: request.at - 1 second < request.at
  check time_ordered_false: request.at > request.at + 1 second
  check money_times_number: request.amount * 2 = 240.00 USD
  check number_times_money: 2 * request.amount = 240.00 USD
  check percent_of_money: 10% * balance = 13.14 USD
  check money_divided: balance / 4 = 32.85 USD
  check money_ratio: request.amount / balance > 0.91 and request.amount / balance < 0.92
  check money_negated: -request.amount + balance = 11.40 USD
  check money_ordered: request.amount <= balance
  check money_ordered_false: request.amount >= balance
  check least: min(request.amount, balance) = 120.00 USD
  check greatest: max(request.amount, balance) = 131.40 USD
  check rounded: round(request.amount / 7) = 17.14 USD
  check in_literal: request.id in {"w1", "w2"}
  check in_named_set: request.id in ids
  check not_in_false: request.id not in ids
  check either: request.amount > balance or request.id = "w2"
  check both_false: request.id = "w2" and request.amount > balance
  check negation: not (request.id = "w1")
  check differs: request.id != "w1"
)";

Program compiled(const char* text) {
    const SourceFile source{"operations.accrue", text};
    Program program = parse_program(source);
    check_program(program, source);
    compile_expressions(program);
    return program;
}

} // namespace

TEST_CASE("compiled operations give the values worked out by hand", "[compile]") {
    const Program program = compiled(operations);
    const TimeZone zone = *TimeZone::locate("UTC");
    Ledger ledger;
    ledger.file = "operations.jsonl";
    Scope scope;
    scope.ledger = &ledger;
    scope.zone = &zone;
    scope.payout = *Currency::from_code("USD");
    scope.request_id = "w2";
    scope.request_at = *parse_rfc3339("2024-01-31T00:00:00Z");
    scope.request_amount = *Decimal::parse("120.00");
    scope.balance = *Decimal::parse("131.40");
    REQUIRE(program.withdrawal->checks.size() == 26);
    for (const Check& check : program.withdrawal->checks) {
        INFO(check.name.name);
        const bool expected = !check.name.name.ends_with("_false");
        CHECK(evaluate_expression(*check.condition, scope).boolean == expected);
    }
}

TEST_CASE("an expression not compiled is refused, not evaluated", "[compile]") {
    const SourceFile source{"operations.accrue", operations};
    Program program = parse_program(source);
    check_program(program, source);
    Ledger ledger;
    ledger.file = "operations.jsonl";
    Scope scope;
    scope.ledger = &ledger;
    CHECK_THROWS_WITH(evaluate_expression(*program.withdrawal->checks.at(0).condition, scope),
                      Catch::Contains("internal error: an expression evaluated before it was "
                                      "compiled"));
}

TEST_CASE("compiling twice changes nothing", "[compile]") {
    Program program = compiled(operations);
    const Expr& condition = *program.withdrawal->checks.at(0).condition;
    const Evaluator first = condition.evaluate;
    compile_expressions(program);
    CHECK(condition.evaluate == first);
    CHECK(first != nullptr);
}
