// How explain writes values and the arithmetic of an expression: each field
// and name with its value, so that "amount: min(500.00 EUR, round(payment.amount
// (9000.00 EUR) in EUR x 10%))" shows where the figure comes from.
#include "interpreter/evaluate/explain.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace accrue {

std::string Explainer::value_text(const Value& v, const Expr& e) const {
    return accrue::value_text(v, e, zone_, true);
}

// The expression as written, each field and name followed by its value.
std::string Explainer::arithmetic(const Expr& e, const Scope& s) const {
    const auto inner = [&](const ExprPtr& arg) {
        const std::string text = arithmetic(*arg, s);
        return arg->kind == ExprKind::binary ? "(" + text + ")" : text;
    };
    switch (e.kind) {
    case ExprKind::field:
    case ExprKind::name:
        return fmt::format("{}{}{} ({})", e.text, e.member.empty() ? "" : ".", e.member,
                           value_text(evaluate_expression(e, s), e));
    case ExprKind::binary:
        return fmt::format("{} {} {}", inner(e.args[0]), operator_text(e.op), inner(e.args[1]));
    case ExprKind::unary:
        return (e.op == Operator::negate ? "-" : "not ") + inner(e.args[0]);
    case ExprKind::conversion:
        return fmt::format("{} in {}", inner(e.args[0]),
                           e.to_payout ? "payout" : e.currency.code());
    case ExprKind::defaulted:
        return fmt::format("{} default {}", inner(e.args[0]), inner(e.args[1]));
    case ExprKind::is_set:
        return fmt::format("{} {}", inner(e.args[0]), e.negated ? "is not set" : "is set");
    case ExprKind::membership: {
        const Expr& set = *e.args[1];
        const std::string items = set.kind == ExprKind::name
                                      ? set.text
                                      : fmt::format("{{\"{}\"}}", fmt::join(set.items, "\", \""));
        return fmt::format("{} {} {}", inner(e.args[0]), e.negated ? "not in" : "in", items);
    }
    case ExprKind::call: {
        std::string args;
        for (const ExprPtr& arg : e.args) {
            args += (args.empty() ? "" : ", ") + arithmetic(*arg, s);
        }
        return fmt::format("{}({})", e.text, args);
    }
    default:
        return value_text(evaluate_expression(e, s), e);
    }
}

std::string Explainer::arithmetic_quietly(const Expr& e, const Scope& s) const {
    Scope quiet = s;
    quiet.conversions = nullptr;
    return arithmetic(e, quiet);
}

void Explainer::amount_computed(std::uint32_t record, const Expr& amount, const Scope& scope) {
    if (record != record_ || amount.kind == ExprKind::money) {
        return; // a literal amount: line_made says it
    }
    note("amount " + arithmetic_quietly(amount, scope)); // line_made gives the result
}

void Explainer::base_computed(std::uint32_t record, const Expr& base, const Scope& scope) {
    if (record != record_) {
        return;
    }
    note("base " + arithmetic_quietly(base, scope)); // line_made gives its value
}

void Explainer::converted(const Record& event, const Conversion& c) {
    if (&event != &ledger_.records[record_] || c.from == c.to) {
        return;
    }
    std::string step = fmt::format("conversion: {}", money_text(c.amount, c.from));
    if (c.from_rate) {
        step += fmt::format(" / {} = {}", c.from_rate->to_string(),
                            money_text(c.in_usd, *Currency::from_code("USD")));
    }
    if (c.to_rate) {
        step += fmt::format(" x {} = {}", c.to_rate->to_string(), money_text(c.result, c.to));
    }
    step += " (through USD at the rates in force, each step rounded half away from zero)";
    if (event.type == RecordType::withdrawal) {
        checks_conversions_.push_back(std::move(step)); // said with the checks
        return;
    }
    note(std::move(step));
}

} // namespace accrue
