#include "interpreter/evaluate/expression.hpp"

#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/values/limits.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

namespace accrue {
namespace {

std::string_view extra_field(const Ledger& ledger, const Record& record, std::string_view key) {
    for (std::uint32_t i = 0; i < record.extras_count; ++i) {
        const ExtraField& field = ledger.extra(record, i);
        if (field.key == key) {
            return field.value;
        }
    }
    return {};
}

// The text of a declared extra field on its record: the payment, the signup
// (the customer's, in rules on payment), the refund, the request or the partner.
std::string_view declared_text(const Expr& e, const Scope& s) {
    const std::string_view object = e.declared->object.name;
    if (object == "partner") {
        if (s.partner != nullptr) {
            for (const ExtraField& f : s.partner->extras) {
                if (f.key == e.member) {
                    return f.value;
                }
            }
        }
        return {};
    }
    const Record* record = object == "payment" ? s.payment
                           : object == "signup"
                               ? (s.signup != nullptr ? s.signup : s.customer.signup)
                           : object == "refund" ? s.refund
                                                : s.request;
    return record != nullptr ? extra_field(*s.ledger, *record, e.member) : std::string_view{};
}

// Its value: the reader checked it has the declared type.
Value declared_value(const Expr& e, const Scope& s) {
    const std::string_view text = declared_text(e, s);
    if (text.empty()) {
        return Value{};
    }
    switch (e.declared->type) {
    case ExtraType::text:
        return Value::of_text(text);
    case ExtraType::boolean:
        return Value::of_bool(text == "true");
    case ExtraType::number:
        return Value::of_number(Decimal::parse(text).value_or(Decimal{}));
    case ExtraType::time:
        return Value::of_time(parse_rfc3339(text).value_or(Instant{}));
    case ExtraType::money:
        break;
    }
    const Currency currency =
        e.declared->currency.valid() ? e.declared->currency : s.payment->currency;
    return Value::of_money(Decimal::parse(text).value_or(Decimal{}), currency);
}

Value field(const Expr& e, const Scope& s) {
    switch (e.ref) {
    case Ref::declared_field:
        return declared_value(e, s);
    case Ref::field:
        return e.field->read(s);
    case Ref::payment_extra:
        return Value::absent_if_empty(extra_field(*s.ledger, *s.payment, e.member));
    case Ref::partner_extra:
        if (s.partner != nullptr) {
            for (const ExtraField& f : s.partner->extras) {
                if (f.key == e.member) {
                    return Value::of_text(f.value);
                }
            }
        }
        return Value{};
    case Ref::paying_customers:
        return Value::of_number(Decimal::from_int(static_cast<std::int64_t>(s.paying_customers)));
    case Ref::partner_value:
        return s.partner != nullptr ? Value::of_text(s.partner->id) : Value{};
    case Ref::period_start:
        return Value::of_time(s.period_start);
    case Ref::period_end:
        return Value::of_time(s.period_end);
    case Ref::paid_via_total:
        return Value::of_money(s.paid_via_total, s.paid_via_currency);
    case Ref::balance:
        return Value::of_money(s.balance, s.payout);
    case Ref::unresolved:
    case Ref::set_name:
        break;
    }
    throw EvaluationError(s.ledger->file,
                          fmt::format("internal error: unresolved field {}.{}", e.text, e.member));
}

bool equal(const Value& a, const Value& b) {
    if (!a.present() || !b.present()) {
        return false; // an absent value equals nothing
    }
    switch (a.kind) {
    case Value::Kind::text:
        return a.text == b.text;
    case Value::Kind::boolean:
        return a.boolean == b.boolean;
    case Value::Kind::time:
    case Value::Kind::duration:
    case Value::Kind::calendar:
        return a.micros == b.micros;
    default:
        return a.number == b.number;
    }
}

int order(const Value& a, const Value& b) {
    if (a.kind == Value::Kind::time || a.kind == Value::Kind::duration) {
        return a.micros < b.micros ? -1 : (a.micros > b.micros ? 1 : 0);
    }
    const auto c = a.number <=> b.number;
    return c < 0 ? -1 : (c > 0 ? 1 : 0);
}

bool contains(const std::vector<std::string>& items, std::string_view text) {
    // Sets are small: a linear scan that rejects on length and first byte
    // before comparing the rest beats hashing.
    for (const std::string& item : items) {
        if (item.size() == text.size() && (text.empty() || item[0] == text[0]) &&
            std::memcmp(item.data(), text.data(), text.size()) == 0) {
            return true;
        }
    }
    return false;
}

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

// A time or duration plus or minus a duration, in range or an error naming the record.
Value shifted(const Value& a, const Value& b, bool add, const Scope& s) {
    Value v = a;
    const bool overflow = add ? __builtin_add_overflow(a.micros, b.micros, &v.micros)
                              : __builtin_sub_overflow(a.micros, b.micros, &v.micros);
    if (overflow || (v.kind == Value::Kind::time && !s.zone->writable(v.instant()))) {
        time_out_of_range(s);
    }
    return v;
}

// A time plus or minus months, or two calendar amounts added.
Value shifted_by_months(const Value& a, const Value& b, bool add, const Scope& s) {
    if (a.kind == Value::Kind::calendar) {
        Value v = a;
        v.micros = add ? a.micros + b.micros : a.micros - b.micros; // each at most 120,000
        return v;
    }
    const auto t = s.zone->add_months(a.instant(), add ? b.micros : -b.micros);
    if (!t) {
        time_out_of_range(s);
    }
    return Value::of_time(*t);
}

Value calendar_time(const Expr& e, const Scope& s) {
    const Instant t = evaluate_expression(*e.args[0], s).instant();
    if (e.kind == ExprKind::day_of_month) {
        const auto payday = s.zone->day_of_month_from(t, e.day);
        if (!payday) {
            time_out_of_range(s);
        }
        return Value::of_time(*payday);
    }
    switch (e.span) {
    case CalendarSpan::day:
        return Value::of_time(s.zone->start_of(s.zone->local_date(t)));
    case CalendarSpan::month:
        return Value::of_time(s.zone->start_of_month(t));
    case CalendarSpan::year:
        break;
    }
    return Value::of_time(s.zone->start_of_year(t));
}

Value binary(const Expr& e, const Scope& s) {
    if (e.op == Operator::logical_and) {
        return Value::of_bool(evaluate_expression(*e.args[0], s).boolean &&
                              evaluate_expression(*e.args[1], s).boolean);
    }
    if (e.op == Operator::logical_or) {
        return Value::of_bool(evaluate_expression(*e.args[0], s).boolean ||
                              evaluate_expression(*e.args[1], s).boolean);
    }
    const Value a = evaluate_expression(*e.args[0], s);
    const Value b = evaluate_expression(*e.args[1], s);
    switch (e.op) {
    case Operator::equal:
        return Value::of_bool(equal(a, b));
    case Operator::not_equal:
        return Value::of_bool(!equal(a, b));
    case Operator::less:
        return Value::of_bool(order(a, b) < 0);
    case Operator::less_equal:
        return Value::of_bool(order(a, b) <= 0);
    case Operator::greater:
        return Value::of_bool(order(a, b) > 0);
    case Operator::greater_equal:
        return Value::of_bool(order(a, b) >= 0);
    case Operator::add:
    case Operator::subtract:
        if (b.kind == Value::Kind::calendar) {
            return shifted_by_months(a, b, e.op == Operator::add, s);
        }
        if (a.kind == Value::Kind::time || a.kind == Value::Kind::duration) {
            return shifted(a, b, e.op == Operator::add, s);
        }
        return money_like(a, e.op == Operator::add ? a.number + b.number : a.number - b.number);
    case Operator::multiply:
        return a.kind == Value::Kind::money ? money_like(a, a.number * b.number)
                                            : money_like(b, a.number * b.number);
    case Operator::divide: {
        if (b.number.is_zero()) {
            throw EvaluationError(
                at_record(*s.ledger, *s.event, "division by zero in the program"));
        }
        // Exact enough for any later rounding to the minor unit: 20 digits.
        const Decimal q = Decimal::divide(a.number, b.number, 20, Rounding::half_away_from_zero);
        if (a.kind == Value::Kind::money && b.kind == Value::Kind::money) {
            return Value::of_number(q);
        }
        return money_like(a, q);
    }
    default:
        break;
    }
    return Value{};
}

Value literal(const Expr& e) {
    Value v;
    switch (e.kind) {
    case ExprKind::money:
        return Value::of_money(e.number, e.currency);
    case ExprKind::duration:
        v.kind = Value::Kind::duration;
        v.micros = e.duration.micros;
        return v;
    case ExprKind::calendar:
        v.kind = Value::Kind::calendar;
        v.micros = e.months;
        return v;
    case ExprKind::text:
        return Value::of_text(e.text);
    case ExprKind::boolean:
        return Value::of_bool(e.boolean);
    case ExprKind::set:
        v.kind = Value::Kind::set;
        v.items = &e.items;
        return v;
    default: // number, percent
        return Value::of_number(e.number);
    }
}

Value unary(const Expr& e, const Scope& s) {
    const Value inner = evaluate_expression(*e.args[0], s);
    if (e.op == Operator::logical_not) {
        return Value::of_bool(!inner.boolean);
    }
    if (inner.kind == Value::Kind::duration) {
        Value v = inner;
        v.micros = -inner.micros;
        return v;
    }
    return money_like(inner, -inner.number);
}

Value call(const Expr& e, const Scope& s) {
    const Value a = evaluate_expression(*e.args[0], s);
    if (e.function == Function::round) {
        return money_like(a, a.number.rounded(a.currency.minor_units(), s.rounding));
    }
    const Value b = evaluate_expression(*e.args[1], s);
    const bool a_first = order(a, b) <= 0;
    return (e.function == Function::min) == a_first ? a : b;
}

Value name(const Expr& e, const Scope& s) {
    if (e.ref == Ref::set_name) {
        Value v;
        v.kind = Value::Kind::set;
        v.items = &e.set->items;
        return v;
    }
    return field(e, s);
}

} // namespace

Value evaluate_expression(const Expr& e, const Scope& s) {
    switch (e.kind) {
    case ExprKind::number:
    case ExprKind::percent:
    case ExprKind::money:
    case ExprKind::duration:
    case ExprKind::calendar:
    case ExprKind::text:
    case ExprKind::boolean:
    case ExprKind::set:
        return literal(e);
    case ExprKind::start_of:
    case ExprKind::day_of_month:
        return calendar_time(e, s);
    case ExprKind::name:
        return name(e, s);
    case ExprKind::field:
        return field(e, s);
    case ExprKind::unary:
        return unary(e, s);
    case ExprKind::binary:
        return binary(e, s);
    case ExprKind::membership: {
        const Value value = evaluate_expression(*e.args[0], s);
        const Value set = evaluate_expression(*e.args[1], s);
        const bool in = value.present() && contains(*set.items, value.text);
        return Value::of_bool(e.negated ? !in : in);
    }
    case ExprKind::is_set: {
        const bool present = evaluate_expression(*e.args[0], s).present();
        return Value::of_bool(e.negated ? !present : present);
    }
    case ExprKind::defaulted: {
        Value value = evaluate_expression(*e.args[0], s);
        return value.present() ? value : evaluate_expression(*e.args[1], s);
    }
    case ExprKind::conversion: {
        const Value money = evaluate_expression(*e.args[0], s);
        if (!money.present()) {
            return money;
        }
        const Currency to = e.to_payout ? s.payout : e.currency;
        Conversion steps;
        const Decimal result = s.rates->convert(money.number, money.currency, to, *s.ledger,
                                                *s.event, *s.zone, &steps);
        if (s.conversions != nullptr) {
            s.conversions->converted(*s.event, steps);
        }
        return Value::of_money(result, to);
    }
    case ExprKind::customer_sum: {
        const Decimal sum = s.customer.sums[e.aggregate_index];
        return e.type.is(TypeKind::money) ? Value::of_money(sum, e.type.currency)
                                          : Value::of_number(sum);
    }
    case ExprKind::period_sum:
    case ExprKind::period_customers:
    case ExprKind::active_customers:
        if (!s.aggregate) {
            throw EvaluationError(s.ledger->file,
                                  "internal error: an aggregate outside its period");
        }
        return s.aggregate(e);
    case ExprKind::call:
        return call(e, s);
    }
    return Value{};
}

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
