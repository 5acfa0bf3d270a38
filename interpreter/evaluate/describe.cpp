// Values and checks as people read them: explanations and withdrawal
// decisions show them.
#include "interpreter/evaluate/expression.hpp"

#include <fmt/format.h>

namespace accrue {

std::string value_text(const Value& v, const Expr& e, const TimeZone& zone, bool with_currency) {
    switch (v.kind) {
    case Value::Kind::absent:
        return "absent";
    case Value::Kind::boolean:
        return v.boolean ? "true" : "false";
    case Value::Kind::money:
        return v.number.widened(v.currency.minor_units()).to_string() +
               (with_currency ? " " + v.currency.code() : "");
    case Value::Kind::number:
        return e.kind == ExprKind::percent
                   ? (v.number * Decimal::from_int(100)).normalized().to_string() + "%"
                   : v.number.to_string();
    case Value::Kind::time:
        return zone.format(v.instant());
    case Value::Kind::duration:
        return fmt::format("{} s", v.micros / 1'000'000);
    case Value::Kind::calendar:
        return fmt::format("{} months", v.micros);
    case Value::Kind::text:
        return fmt::format("\"{}\"", v.text);
    case Value::Kind::set:
        break;
    }
    return "a set";
}

std::string describe_check(const Expr& condition, const Scope& s, bool result) {
    if (condition.kind == ExprKind::binary &&
        (condition.op == Operator::less || condition.op == Operator::less_equal ||
         condition.op == Operator::greater || condition.op == Operator::greater_equal ||
         condition.op == Operator::equal || condition.op == Operator::not_equal)) {
        const Value a = evaluate_expression(*condition.args[0], s);
        const Value b = evaluate_expression(*condition.args[1], s);
        std::string detail = fmt::format(
            "{} {} {}", value_text(a, *condition.args[0], *s.zone, false),
            operator_text(condition.op), value_text(b, *condition.args[1], *s.zone, false));
        // "120.00 <= 131.40 UAH", "11.40 > 0": the unit once, after the right side.
        if (b.kind == Value::Kind::money) {
            detail += ' ';
            detail += b.currency.code_view();
        }
        return detail;
    }
    if (condition.kind == ExprKind::field || condition.kind == ExprKind::name) {
        return fmt::format("{}{}{} is {}", condition.text, condition.member.empty() ? "" : ".",
                           condition.member, result ? "true" : "false");
    }
    return result ? "holds" : "does not hold";
}

} // namespace accrue
