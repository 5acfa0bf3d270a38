#include "interpreter/check/typer.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue::checking {

bool Typer::usable(const Expr& e, const Type& t, std::string_view operation) {
    if (t.is(TypeKind::invalid)) {
        return false;
    }
    if (t.optional) {
        error(e.pos, fmt::format("this value may be absent, so it cannot be used in {}", operation),
              "give it a value for when it is absent: `(... default ...)`");
        return false;
    }
    return true;
}

void Typer::expect(Expr& e, const Where& where, TypeKind kind, std::string_view what) {
    const Type t = type_of(e, where);
    if (t.is(TypeKind::invalid)) {
        return;
    }
    if (!t.is(kind) || t.optional) {
        error(e.pos,
              fmt::format("{} must be {}, but this is {}", what, describe(Type::of(kind)),
                          describe(t)),
              t.optional ? "test it with `is set`, or give it a value with `default`" : "");
    }
}

Type Typer::literal(const Expr& e) {
    switch (e.kind) {
    case ExprKind::number:
        return Type::of(TypeKind::number);
    case ExprKind::percent:
        return Type::of(TypeKind::percent);
    case ExprKind::money:
        if (!e.currency.valid()) {
            error(e.pos, fmt::format("unknown currency `{}`", e.text),
                  "currencies are ISO 4217 codes in upper case, such as USD, EUR, UAH, RUB");
            return Type{};
        }
        return Type::money(e.currency, e.number.scale() <= e.currency.minor_units());
    case ExprKind::duration:
        if (!e.number.is_integer()) {
            error(e.pos, "a duration is a whole number of days, hours, minutes or seconds",
                  "write `36 hours` rather than `1.5 days`");
            return Type{};
        }
        return Type::of(TypeKind::duration);
    case ExprKind::calendar:
        if (!e.number.is_integer()) {
            error(e.pos, "a calendar amount is a whole number of months or years",
                  "write `18 months` rather than `1.5 years`");
            return Type{};
        }
        return Type::of(TypeKind::calendar);
    case ExprKind::text:
        return Type::of(TypeKind::text);
    case ExprKind::boolean:
        return Type::of(TypeKind::boolean);
    default:
        return Type::of(TypeKind::set);
    }
}

Type Typer::type_of(Expr& e, const Where& where) {
    Type t;
    switch (e.kind) {
    case ExprKind::number:
    case ExprKind::percent:
    case ExprKind::money:
    case ExprKind::duration:
    case ExprKind::calendar:
    case ExprKind::text:
    case ExprKind::boolean:
    case ExprKind::set:
        t = literal(e);
        break;
    case ExprKind::start_of:
    case ExprKind::day_of_month:
        t = calendar_time(e, where);
        break;
    case ExprKind::name:
        t = name(e, where);
        break;
    case ExprKind::field:
        t = field(e, where);
        break;
    case ExprKind::unary:
        t = unary(e, where);
        break;
    case ExprKind::binary:
        t = binary(e, where);
        break;
    case ExprKind::membership:
        t = membership(e, where);
        break;
    case ExprKind::is_set:
        t = type_of(*e.args[0], where).is(TypeKind::invalid) ? Type{} : Type::of(TypeKind::boolean);
        break;
    case ExprKind::defaulted:
        t = defaulted(e, where);
        break;
    case ExprKind::conversion:
        t = conversion(e, where);
        break;
    case ExprKind::call:
        t = call(e, where);
        break;
    case ExprKind::period_sum:
    case ExprKind::period_customers:
        t = aggregate(e, where);
        break;
    case ExprKind::active_customers:
        t = active_customers(e, where);
        break;
    case ExprKind::customer_sum:
        t = customer_sum(e, where);
        break;
    }
    e.type = t;
    return t;
}

Type Typer::unary(Expr& e, const Where& where) {
    const Type inner = type_of(*e.args[0], where);
    if (inner.is(TypeKind::invalid)) {
        return Type{};
    }
    if (e.op == Operator::logical_not) {
        if (!inner.is(TypeKind::boolean)) {
            error(e.pos, fmt::format("`not` negates a condition, but this is {}", describe(inner)));
            return Type{};
        }
        return inner;
    }
    if (!usable(*e.args[0], inner, "arithmetic")) {
        return Type{};
    }
    if (!(inner.is(TypeKind::number) || inner.is(TypeKind::percent) || inner.is(TypeKind::money) ||
          inner.is(TypeKind::duration))) {
        error(e.pos, fmt::format("cannot negate {}", describe(inner)));
        return Type{};
    }
    return inner;
}

Type Typer::membership(Expr& e, const Where& where) {
    const Type left = type_of(*e.args[0], where);
    const Type right = type_of(*e.args[1], where);
    if (left.is(TypeKind::invalid) || right.is(TypeKind::invalid)) {
        return Type{};
    }
    if (!left.is(TypeKind::text)) {
        error(e.args[0]->pos,
              fmt::format("`in` tests text against a set, but this is {}", describe(left)),
              left.is(TypeKind::money) ? "to convert money, write the currency code: `x in USD`"
                                       : "");
        return Type{};
    }
    if (!right.is(TypeKind::set)) {
        error(e.args[1]->pos,
              fmt::format("expected a set after `in`, but this is {}", describe(right)));
        return Type{};
    }
    compared_text(e);
    return Type::of(TypeKind::boolean);
}

Type Typer::defaulted(Expr& e, const Where& where) {
    const Type value = type_of(*e.args[0], where);
    const Type fallback = type_of(*e.args[1], where);
    if (value.is(TypeKind::invalid) || fallback.is(TypeKind::invalid)) {
        return Type{};
    }
    if (!value.optional) {
        error(e.pos, "`default` gives a value to a field that may be absent, but this one is "
                     "always present");
        return Type{};
    }
    if (!same_unit(value.required(), fallback.required())) {
        error(e.args[1]->pos, fmt::format("the default must be {}, like the value, not {}",
                                          describe(value.required()), describe(fallback)));
        return Type{};
    }
    return fallback;
}

Type Typer::conversion(Expr& e, const Where& where) {
    const Type inner = type_of(*e.args[0], where);
    if (inner.is(TypeKind::invalid)) {
        return Type{};
    }
    if (e.to_payout) {
        return payout_conversion(e, inner, where);
    }
    if (!e.currency.valid()) {
        error(e.pos, fmt::format("unknown currency `{}`", e.text),
              "currencies are ISO 4217 codes in upper case, such as USD, EUR, UAH, RUB");
        return Type{};
    }
    if (!inner.is(TypeKind::money)) {
        error(e.pos,
              fmt::format("only money converts to {}, but this is {}", e.text, describe(inner)));
        return Type{};
    }
    // An absent amount converts to an absent amount (`payment.tax in USD default 0.00 USD`).
    Type t = Type::money(e.currency, true);
    t.optional = inner.optional;
    return t;
}

Type Typer::payout_conversion(Expr& e, const Type& inner, const Where& where) {
    if (where.context == Context::exclusion) {
        error(e.pos, "`in payout` needs the partner, and in exclusions a payment may have none",
              "convert to a named currency here, such as `payment.amount in USD`");
        return Type{};
    }
    if (!inner.is(TypeKind::money)) {
        error(e.pos, fmt::format("only money converts to the payout currency, but this is {}",
                                 describe(inner)));
        return Type{};
    }
    Type t = payout_; // the program's currency, or each partner's with `currency partner`
    t.rounded = true;
    t.optional = inner.optional;
    return t;
}

Type Typer::call(Expr& e, const Where& where) {
    std::vector<Type> args;
    for (auto& a : e.args) {
        args.push_back(type_of(*a, where));
    }
    const std::size_t wanted = e.function == Function::round ? 1 : 2;
    if (args.size() != wanted) {
        error(e.pos, fmt::format("`{}` takes {} argument{}, not {}", e.text, wanted,
                                 wanted == 1 ? "" : "s", args.size()));
        return Type{};
    }
    for (std::size_t i = 0; i < args.size(); ++i) {
        if (!usable(*e.args[i], args[i], fmt::format("`{}`", e.text))) {
            return Type{};
        }
    }
    if (e.function == Function::round) {
        if (!args[0].is(TypeKind::money)) {
            error(e.args[0]->pos,
                  fmt::format("`round` rounds money to its currency's minor unit, not {}",
                              describe(args[0])));
            return Type{};
        }
        Type t = args[0];
        t.rounded = true;
        return t;
    }
    if (!same_unit(args[0], args[1]) ||
        !(args[0].is(TypeKind::money) || args[0].is(TypeKind::number) ||
          args[0].is(TypeKind::percent) || args[0].is(TypeKind::time) ||
          args[0].is(TypeKind::duration))) {
        error(e.pos, fmt::format("`{}` needs two values of the same unit, not {} and {}", e.text,
                                 describe(args[0]), describe(args[1])));
        return Type{};
    }
    Type t = args[0];
    t.rounded = args[0].rounded && args[1].rounded;
    return t;
}

// `start of month of T`, `the 10th on or after T`: a time from a time.
Type Typer::calendar_time(Expr& e, const Where& where) {
    const Type inner = type_of(*e.args[0], where);
    const std::string_view what =
        e.kind == ExprKind::start_of ? "`start of ...`" : "`the ... on or after`";
    if (!usable(*e.args[0], inner, what)) {
        return Type{};
    }
    if (!inner.is(TypeKind::time)) {
        error(e.args[0]->pos, fmt::format("{} needs a time, but this is {}", what, describe(inner)),
              "such as `payment.at` or `payment.at + 30 days`");
        return Type{};
    }
    return inner;
}

Type Typer::active_customers(const Expr& e, const Where& where) {
    if (where.context != Context::withdrawal) {
        error(e.pos, "`active_customers within ...` is known in withdrawal checks only");
        return Type{};
    }
    if (!e.number.is_integer() || e.duration.micros <= 0) {
        error(e.pos, "the window is a whole, positive number of days, hours, minutes or seconds");
        return Type{};
    }
    auto& widths = needs_.active_windows;
    if (std::find(widths.begin(), widths.end(), e.duration) == widths.end()) {
        widths.push_back(e.duration);
    }
    return Type::of(TypeKind::number);
}

} // namespace accrue::checking
