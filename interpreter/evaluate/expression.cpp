// The operations of expressions, one function each, and the choice of one
// for a node (evaluator_of): compile_expressions (compile.cpp) makes that
// choice once per node, by its kind, operator and operand types, so that
// evaluating a node is a call of its own function, with no dispatch on what
// the node is.
#include "interpreter/evaluate/expression.hpp"

#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/evaluate/operations.hpp"

#include <cstring>
#include <fmt/format.h>
#include <functional>

namespace accrue {
namespace {

// ---- Fields and names ----

std::string_view extra_field(const Ledger& ledger, const Record& record, std::string_view key) {
    for (std::uint32_t i = 0; i < record.extras_count; ++i) {
        const ExtraField& field = ledger.extra(record, i);
        if (field.key == key) {
            return field.value;
        }
    }
    return {};
}

const ExtraField* partner_extra(const Scope& s, std::string_view key) {
    if (s.partner != nullptr) {
        for (const ExtraField& f : s.partner->extras) {
            if (f.key == key) {
                return &f;
            }
        }
    }
    return nullptr;
}

// The text of a declared extra field on its record: the payment, the signup
// (the customer's, in rules on payment), the refund, the request or the partner.
std::string_view declared_text(const Expr& e, const Scope& s) {
    const std::string_view object = e.declared->object.name;
    if (object == "partner") {
        const ExtraField* extra = partner_extra(s, e.member);
        return extra != nullptr ? extra->value : std::string_view{};
    }
    const Record* record = object == "payment" ? s.payment
                           : object == "signup"
                               ? (s.signup != nullptr ? s.signup : s.customer.signup)
                           : object == "refund" ? s.refund
                                                : s.request;
    return record != nullptr ? extra_field(*s.ledger, *record, e.member) : std::string_view{};
}

// Its value: the reader checked it has the declared type.
Value declared_field(const Expr& e, const Scope& s) {
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

Value table_field(const Expr& e, const Scope& s) {
    return e.field->read(s);
}
Value payment_extra(const Expr& e, const Scope& s) {
    return Value::absent_if_empty(extra_field(*s.ledger, *s.payment, e.member));
}
Value partner_extra_field(const Expr& e, const Scope& s) {
    const ExtraField* extra = partner_extra(s, e.member);
    return extra != nullptr ? Value::of_text(extra->value) : Value{};
}
Value paying_customers(const Expr& /*e*/, const Scope& s) {
    return Value::of_number(Decimal::from_int(static_cast<std::int64_t>(s.paying_customers)));
}
Value partner_value(const Expr& /*e*/, const Scope& s) {
    return s.partner != nullptr ? Value::of_text(s.partner->id) : Value{};
}
Value period_start(const Expr& /*e*/, const Scope& s) {
    return Value::of_time(s.period_start);
}
Value period_end(const Expr& /*e*/, const Scope& s) {
    return Value::of_time(s.period_end);
}
Value paid_via_total(const Expr& /*e*/, const Scope& s) {
    return Value::of_money(s.paid_via_total, s.paid_via_currency);
}
Value balance(const Expr& /*e*/, const Scope& s) {
    return Value::of_money(s.balance, s.payout);
}
Value unresolved(const Expr& e, const Scope& s) {
    throw EvaluationError(s.ledger->file,
                          fmt::format("internal error: unresolved field {}.{}", e.text, e.member));
}

// A literal or a set name: its value, made once by compile_expressions.
Value constant(const Expr& e, const Scope& /*s*/) {
    return e.constant;
}

Evaluator field_evaluator(const Expr& e) {
    switch (e.ref) {
    case Ref::declared_field:
        return declared_field;
    case Ref::field:
        return table_field;
    case Ref::payment_extra:
        return payment_extra;
    case Ref::partner_extra:
        return partner_extra_field;
    case Ref::paying_customers:
        return paying_customers;
    case Ref::partner_value:
        return partner_value;
    case Ref::period_start:
        return period_start;
    case Ref::period_end:
        return period_end;
    case Ref::paid_via_total:
        return paid_via_total;
    case Ref::balance:
        return balance;
    case Ref::set_name:
        return constant;
    case Ref::unresolved:
        break;
    }
    return unresolved;
}

// ---- Comparisons ----

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

Value equals(const Expr& e, const Scope& s) {
    return Value::of_bool(equal(arg(e, 0, s), arg(e, 1, s)));
}
Value differs(const Expr& e, const Scope& s) {
    return Value::of_bool(!equal(arg(e, 0, s), arg(e, 1, s)));
}

// Orderings, of times and durations by their microseconds and of numbers
// and money by their decimals: the checks let neither side be absent.
template <typename Holds> Value micros_ordered(const Expr& e, const Scope& s) {
    return Value::of_bool(Holds{}(arg(e, 0, s).micros, arg(e, 1, s).micros));
}
template <typename Holds> Value numbers_ordered(const Expr& e, const Scope& s) {
    return Value::of_bool(Holds{}(arg(e, 0, s).number, arg(e, 1, s).number));
}
template <typename Holds> Evaluator ordering(const Expr& e) {
    const TypeKind kind = e.args[0]->type.kind;
    return kind == TypeKind::time || kind == TypeKind::duration ? micros_ordered<Holds>
                                                                : numbers_ordered<Holds>;
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

// `x in {"a", "b"}` or `x in NAME`: the grammar allows only a set literal
// or a name after `in` (set_ref), and the checks only a set name, so the set
// is always the right side's constant.
Value membership(const Expr& e, const Scope& s) {
    const Value value = arg(e, 0, s);
    const bool in = value.present() && contains(*e.args[1]->constant.items, value.text);
    return Value::of_bool(e.negated ? !in : in);
}

Value is_set(const Expr& e, const Scope& s) {
    const bool present = arg(e, 0, s).present();
    return Value::of_bool(e.negated ? !present : present);
}

Value defaulted(const Expr& e, const Scope& s) {
    Value value = arg(e, 0, s);
    return value.present() ? value : arg(e, 1, s);
}

Value logical_and(const Expr& e, const Scope& s) {
    return Value::of_bool(arg(e, 0, s).boolean && arg(e, 1, s).boolean);
}
Value logical_or(const Expr& e, const Scope& s) {
    return Value::of_bool(arg(e, 0, s).boolean || arg(e, 1, s).boolean);
}
Value logical_not(const Expr& e, const Scope& s) {
    return Value::of_bool(!arg(e, 0, s).boolean);
}

} // namespace

Evaluator evaluator_of(const Expr& e) {
    switch (e.kind) {
    case ExprKind::number:
    case ExprKind::percent:
    case ExprKind::money:
    case ExprKind::duration:
    case ExprKind::calendar:
    case ExprKind::text:
    case ExprKind::boolean:
    case ExprKind::set:
        return constant;
    case ExprKind::name:
    case ExprKind::field:
        return field_evaluator(e);
    case ExprKind::membership:
        return membership;
    case ExprKind::is_set:
        return is_set;
    case ExprKind::defaulted:
        return defaulted;
    case ExprKind::binary:
        switch (e.op) {
        case Operator::logical_and:
            return logical_and;
        case Operator::logical_or:
            return logical_or;
        case Operator::equal:
            return equals;
        case Operator::not_equal:
            return differs;
        case Operator::less:
            return ordering<std::less<>>(e);
        case Operator::less_equal:
            return ordering<std::less_equal<>>(e);
        case Operator::greater:
            return ordering<std::greater<>>(e);
        case Operator::greater_equal:
            return ordering<std::greater_equal<>>(e);
        default:
            return arithmetic_evaluator(e);
        }
    case ExprKind::unary:
        return e.op == Operator::logical_not ? logical_not : negation_evaluator(e);
    default:
        return computation_evaluator(e);
    }
}

Value evaluate_expression(const Expr& e, const Scope& s) {
    if (e.evaluate == nullptr) [[unlikely]] {
        throw EvaluationError(s.ledger->file,
                              "internal error: an expression evaluated before it was compiled");
    }
    return e.evaluate(e, s);
}

} // namespace accrue
