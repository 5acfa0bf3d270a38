// The binary operators: which units each joins, and what it gives.
#include "interpreter/check/typer.hpp"

#include <fmt/format.h>

namespace accrue::checking {
namespace {

bool is_zero_literal(const Expr& e) {
    return e.kind == ExprKind::number && e.number.is_zero();
}

// `0` compares with money of any currency.
bool zero_money(const Expr& e, const Type& left, const Type& right) {
    return (left.is(TypeKind::money) && is_zero_literal(*e.args[1])) ||
           (right.is(TypeKind::money) && is_zero_literal(*e.args[0]));
}

bool is_factor(const Type& t) {
    return t.is(TypeKind::number) || t.is(TypeKind::percent);
}

// An operand as a hint quotes it (`payment.amount`, `5.00 EUR`); empty when
// it is not that short.
std::string quoted(const Expr& e) {
    switch (e.kind) {
    case ExprKind::field:
        return e.text + "." + e.member;
    case ExprKind::name:
        return e.text;
    case ExprKind::money:
        return fmt::format("{} {}", e.number.to_string(), e.currency.code_view());
    default:
        return {};
    }
}

// Money of two currencies: convert the operand whose currency is not fixed
// (a payment's own) into the other's, or the right one into the left's, or
// into the program's payout currency; quoted from the program itself.
std::string conversion_hint(const Expr& e, const Type& left, const Type& right,
                            const Type& payout) {
    const bool convert_left = left.money_of != MoneyOf::fixed;
    const Expr& operand = *e.args[convert_left ? 0 : 1];
    const Type& other = convert_left ? right : left;
    const Currency target = other.money_of == MoneyOf::fixed && other.currency.valid()
                                ? other.currency
                                : payout.currency;
    const std::string text = quoted(operand);
    if (!target.valid()) {
        return "convert one side first, with `in` and a currency code";
    }
    if (text.empty()) {
        return fmt::format("convert one side first, with `in {}`", target.code_view());
    }
    return fmt::format("convert one side first: `{} in {}`", text, target.code_view());
}

} // namespace

Type Typer::binary(Expr& e, const Where& where) {
    const Type left = type_of(*e.args[0], where);
    const Type right = type_of(*e.args[1], where);
    if (left.is(TypeKind::invalid) || right.is(TypeKind::invalid)) {
        return Type{};
    }
    switch (e.op) {
    case Operator::logical_and:
    case Operator::logical_or:
        return logical(e, left, right);
    case Operator::equal:
    case Operator::not_equal:
        return equality(e, left, right);
    case Operator::less:
    case Operator::less_equal:
    case Operator::greater:
    case Operator::greater_equal:
        return ordering(e, left, right);
    case Operator::add:
    case Operator::subtract:
        return additive(e, left, right);
    case Operator::multiply:
    case Operator::divide:
        return multiplicative(e, left, right);
    default:
        return Type{};
    }
}

Type Typer::logical(Expr& e, const Type& left, const Type& right) {
    for (std::size_t i = 0; i < 2; ++i) {
        const Type& t = i == 0 ? left : right;
        if (!t.is(TypeKind::boolean)) {
            error(e.args[i]->pos, fmt::format("`{}` joins conditions, but this is {}",
                                              operator_text(e.op), describe(t)));
            return Type{};
        }
    }
    return Type::of(TypeKind::boolean);
}

Type Typer::equality(Expr& e, const Type& left, const Type& right) {
    if (!zero_money(e, left, right) && !same_unit(left.required(), right.required())) {
        error(e.pos, fmt::format("cannot compare {} with {}", describe(left), describe(right)),
              left.is(TypeKind::money) && right.is(TypeKind::money)
                  ? conversion_hint(e, left, right, payout_)
                  : "");
        return Type{};
    }
    if (left.is(TypeKind::text)) {
        compared_text(e);
    }
    return Type::of(TypeKind::boolean);
}

Type Typer::ordering(Expr& e, const Type& left, const Type& right) {
    const std::string op = fmt::format("`{}`", operator_text(e.op));
    if (!usable(*e.args[0], left, op) || !usable(*e.args[1], right, op)) {
        return Type{};
    }
    const bool ordered = left.is(TypeKind::number) || left.is(TypeKind::percent) ||
                         left.is(TypeKind::money) || left.is(TypeKind::time) ||
                         left.is(TypeKind::duration);
    if (!zero_money(e, left, right) && (!same_unit(left, right) || !ordered)) {
        error(e.pos, fmt::format("cannot compare {} with {}", describe(left), describe(right)),
              left.is(TypeKind::money) && right.is(TypeKind::money)
                  ? conversion_hint(e, left, right, payout_)
                  : "");
        return Type{};
    }
    return Type::of(TypeKind::boolean);
}

Type Typer::additive(Expr& e, const Type& left, const Type& right) {
    if (!usable(*e.args[0], left, "arithmetic") || !usable(*e.args[1], right, "arithmetic")) {
        return Type{};
    }
    if (left.is(TypeKind::time) && (right.is(TypeKind::duration) || right.is(TypeKind::calendar))) {
        return left;
    }
    if (same_unit(left, right) &&
        (left.is(TypeKind::money) || left.is(TypeKind::number) || left.is(TypeKind::percent) ||
         left.is(TypeKind::duration) || left.is(TypeKind::calendar))) {
        Type t = left;
        t.rounded = left.rounded && right.rounded;
        return t;
    }
    std::string hint;
    if (left.is(TypeKind::money) && right.is(TypeKind::money)) {
        hint = conversion_hint(e, left, right, payout_);
    } else if ((left.is(TypeKind::duration) && right.is(TypeKind::calendar)) ||
               (left.is(TypeKind::calendar) && right.is(TypeKind::duration))) {
        hint = "months have no fixed length: add each to the time, `payment.at + 1 month + 10 "
               "days`";
    } else if (left.is(TypeKind::time) || right.is(TypeKind::time)) {
        hint = "add a duration or a calendar amount to a time: `payment.at + 30 days`, "
               "`payment.at + 12 months`";
    }
    const bool add = e.op == Operator::add;
    // In the order written: `a + b` adds a and b; `a - b` subtracts b from a.
    error(e.pos,
          add ? fmt::format("cannot add {} and {}", describe(left), describe(right))
              : fmt::format("cannot subtract {} from {}", describe(right), describe(left)),
          hint);
    return Type{};
}

Type Typer::multiplicative(Expr& e, const Type& left, const Type& right) {
    if (!usable(*e.args[0], left, "arithmetic") || !usable(*e.args[1], right, "arithmetic")) {
        return Type{};
    }
    const auto unrounded = [](Type t) {
        t.rounded = false;
        return t;
    };
    if (e.op == Operator::multiply) {
        if (left.is(TypeKind::money) && is_factor(right)) {
            return unrounded(left);
        }
        if (right.is(TypeKind::money) && is_factor(left)) {
            return unrounded(right);
        }
        if (is_factor(left) && is_factor(right)) {
            return left.is(TypeKind::percent) || right.is(TypeKind::percent)
                       ? Type::of(TypeKind::percent)
                       : Type::of(TypeKind::number);
        }
        error(e.pos, fmt::format("cannot multiply {} by {}", describe(left), describe(right)),
              "money is multiplied by a percentage or a number");
        return Type{};
    }
    if (left.is(TypeKind::money) && right.is(TypeKind::number)) {
        return unrounded(left);
    }
    if (left.is(TypeKind::number) && right.is(TypeKind::number)) {
        return left;
    }
    if (left.is(TypeKind::money) && same_unit(left, right)) {
        return Type::of(TypeKind::number);
    }
    error(e.pos, fmt::format("cannot divide {} by {}", describe(left), describe(right)));
    return Type{};
}

} // namespace accrue::checking
