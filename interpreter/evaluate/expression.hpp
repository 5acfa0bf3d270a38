// Evaluation of one checked expression in a scope: the records and partner
// the expression may name, and the rates in force.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/evaluate/exchange.hpp"
#include "interpreter/ledger/ledger.hpp"
#include "interpreter/values/value.hpp"

#include <functional>

namespace accrue {

struct Scope {
    const Ledger* ledger = nullptr;
    const TimeZone* zone = nullptr;
    const RateTable* rates = nullptr;
    Rounding rounding = Rounding::half_away_from_zero;
    const Record* event = nullptr;    // the record evaluated: errors name it
    const Record* payment = nullptr;  // exclusions and rules on payment
    const Record* signup = nullptr;   // rules on signup
    std::string_view attributed_by;   // the model that gave the holder; empty: no holder
    std::string_view click_source;    // the source of the click that gave the holder, if any
    bool first_payment = false;       // the customer's first payment in the ledger
    std::uint32_t payment_number = 0; // 1 for the customer's first payment, 2 for the second...
    Instant first_paid_at;            // the `at` of the customer's first payment
    std::size_t paying_customers =
        0; // the holder's customers with a counted payment, this one's included
    std::string_view customer_status; // empty: no status record yet
    const Partner* partner = nullptr; // the holder, or the partner asking to withdraw
    std::string_view partner_role;
    Currency payout; // the partner's payout currency
    // Rules with a period, and benefits.
    Instant period_start;
    Instant period_end;
    Decimal paid_via_total;
    Currency paid_via_currency;
    // The value of an aggregate of the rule's period (set by the evaluator).
    std::function<Value(const Expr&)> aggregate;
    // Withdrawal checks.
    std::string_view request_id;
    Instant request_at;
    Decimal request_amount;
    Decimal balance;
};

Value evaluate_expression(const Expr& e, const Scope& scope);

// A human detail of a check, such as "120.00 <= 131.40 UAH".
std::string describe_check(const Expr& condition, const Scope& scope, bool result);

} // namespace accrue
