// The operations that compute a new value: arithmetic on money, numbers,
// times and durations, calendar times, conversions, sums and aggregates,
// and the functions. Each is chosen once per node by compile_expressions;
// a time out of range or a division by zero is an error naming the record.
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/evaluate/operations.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

namespace accrue {
namespace {

Value money_like(const Value& model, const Decimal& d) {
    Value v = model;
    v.number = d;
    return v;
}

[[noreturn]] void time_out_of_range(const Scope& s) {
    throw EvaluationError(
        at_record(*s.ledger, *s.event,
                  fmt::format("a time computed by the program falls outside the years {:04} to {}",
                              limits::min_year, limits::max_year)));
}

// The one range check of every time the program computes (sums, months,
// start of, paydays): the years 0001 to 9999 in UTC and in the program's
// zone, as the ledger's times are; nothing is a time outside them.
Value time_in_years(std::optional<Instant> t, const Scope& s) {
    if (!t || !s.zone->writable(*t)) {
        time_out_of_range(s);
    }
    return Value::of_time(*t);
}

// A time or duration plus or minus a duration, in range or an error naming the record.
Value shifted(const Value& a, const Value& b, bool add, const Scope& s) {
    Value v = a;
    const bool overflow = add ? __builtin_add_overflow(a.micros, b.micros, &v.micros)
                              : __builtin_sub_overflow(a.micros, b.micros, &v.micros);
    if (overflow) {
        time_out_of_range(s);
    }
    return v.kind == Value::Kind::time ? time_in_years(v.instant(), s) : v;
}

// A time plus or minus months, or two calendar amounts added.
Value shifted_by_months(const Value& a, const Value& b, bool add, const Scope& s) {
    if (a.kind == Value::Kind::calendar) {
        Value v = a;
        v.micros = add ? a.micros + b.micros : a.micros - b.micros; // each at most 120,000
        return v;
    }
    return time_in_years(s.zone->add_months(a.instant(), add ? b.micros : -b.micros), s);
}

template <bool Add> Value numbers_added(const Expr& e, const Scope& s) {
    const Value a = arg(e, 0, s);
    const Value b = arg(e, 1, s);
    return money_like(a, Add ? a.number + b.number : a.number - b.number);
}
template <bool Add> Value micros_added(const Expr& e, const Scope& s) {
    return shifted(arg(e, 0, s), arg(e, 1, s), Add, s);
}
template <bool Add> Value months_added(const Expr& e, const Scope& s) {
    return shifted_by_months(arg(e, 0, s), arg(e, 1, s), Add, s);
}
template <bool Add> Evaluator addition(const Expr& e) {
    const TypeKind left = e.args[0]->type.kind;
    if (e.args[1]->type.is(TypeKind::calendar)) {
        return months_added<Add>;
    }
    return left == TypeKind::time || left == TypeKind::duration ? micros_added<Add>
                                                                : numbers_added<Add>;
}

// The product keeps the unit of its money side, if any.
Value money_times(const Expr& e, const Scope& s) {
    const Value a = arg(e, 0, s);
    return money_like(a, a.number * arg(e, 1, s).number);
}
Value times_money(const Expr& e, const Scope& s) {
    const Value a = arg(e, 0, s);
    const Value b = arg(e, 1, s);
    return money_like(b, a.number * b.number);
}

Value divided(const Expr& e, const Scope& s) {
    const Value a = arg(e, 0, s);
    const Value b = arg(e, 1, s);
    if (b.number.is_zero()) {
        throw EvaluationError(at_record(*s.ledger, *s.event, "division by zero in the program"));
    }
    // Exact enough for any later rounding to the minor unit: 20 digits.
    const Decimal q = Decimal::divide(a.number, b.number, 20, Rounding::half_away_from_zero);
    if (a.kind == Value::Kind::money && b.kind == Value::Kind::money) {
        return Value::of_number(q);
    }
    return money_like(a, q);
}

Value no_value(const Expr& /*e*/, const Scope& /*s*/) {
    return Value{};
}

Value negated_duration(const Expr& e, const Scope& s) {
    Value v = arg(e, 0, s);
    v.micros = -v.micros;
    return v;
}
Value negated_number(const Expr& e, const Scope& s) {
    const Value inner = arg(e, 0, s);
    return money_like(inner, -inner.number);
}

Value calendar_time(const Expr& e, const Scope& s) {
    const Instant t = arg(e, 0, s).instant();
    if (e.kind == ExprKind::day_of_month) {
        return time_in_years(s.zone->day_of_month_from(t, e.day), s);
    }
    switch (e.span) {
    case CalendarSpan::day:
        return time_in_years(s.zone->start_of(s.zone->local_date(t)), s);
    case CalendarSpan::month:
        return time_in_years(s.zone->start_of_month(t), s);
    case CalendarSpan::year:
        break;
    }
    return time_in_years(s.zone->start_of_year(t), s);
}

Value converted(const Expr& e, const Scope& s) {
    const Value money = arg(e, 0, s);
    if (!money.present()) {
        return money;
    }
    const Currency to = e.to_payout ? s.payout : e.currency;
    Conversion steps;
    const Decimal result =
        s.rates->convert(money.number, money.currency, to, *s.ledger, *s.event, *s.zone, &steps);
    if (s.conversions != nullptr) {
        s.conversions->converted(*s.event, steps);
    }
    return Value::of_money(result, to);
}

Value customer_money_sum(const Expr& e, const Scope& s) {
    return Value::of_money(s.customer.sums[e.aggregate_index], e.type.currency);
}
Value customer_number_sum(const Expr& e, const Scope& s) {
    return Value::of_number(s.customer.sums[e.aggregate_index]);
}

Value period_aggregate(const Expr& e, const Scope& s) {
    if (!s.aggregate) {
        throw EvaluationError(s.ledger->file, "internal error: an aggregate outside its period");
    }
    return s.aggregate(e);
}

Value rounded(const Expr& e, const Scope& s) {
    const Value a = arg(e, 0, s);
    return money_like(a, a.number.rounded(a.currency.minor_units(), s.rounding));
}

int order(const Value& a, const Value& b) {
    if (a.kind == Value::Kind::time || a.kind == Value::Kind::duration) {
        return a.micros < b.micros ? -1 : (a.micros > b.micros ? 1 : 0);
    }
    const auto c = a.number <=> b.number;
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}
template <bool Least> Value extreme(const Expr& e, const Scope& s) {
    Value a = arg(e, 0, s);
    Value b = arg(e, 1, s);
    const bool a_first = order(a, b) <= 0;
    return Least == a_first ? a : b;
}

} // namespace

Evaluator arithmetic_evaluator(const Expr& e) {
    switch (e.op) {
    case Operator::add:
        return addition<true>(e);
    case Operator::subtract:
        return addition<false>(e);
    case Operator::multiply:
        return e.args[0]->type.is(TypeKind::money) ? money_times : times_money;
    case Operator::divide:
        return divided;
    default:
        return no_value;
    }
}

Evaluator negation_evaluator(const Expr& e) {
    return e.args[0]->type.is(TypeKind::duration) ? negated_duration : negated_number;
}

Evaluator computation_evaluator(const Expr& e) {
    switch (e.kind) {
    case ExprKind::start_of:
    case ExprKind::day_of_month:
        return calendar_time;
    case ExprKind::conversion:
        return converted;
    case ExprKind::customer_sum:
        return e.type.is(TypeKind::money) ? customer_money_sum : customer_number_sum;
    case ExprKind::period_sum:
    case ExprKind::period_customers:
    case ExprKind::active_customers:
        return period_aggregate;
    case ExprKind::call:
        switch (e.function) {
        case Function::round:
            return rounded;
        case Function::min:
            return extreme<true>;
        case Function::max:
            return extreme<false>;
        }
        break;
    default:
        break;
    }
    return no_value;
}

} // namespace accrue
