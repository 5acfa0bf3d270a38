#include "interpreter/check/check.hpp"

#include "interpreter/ledger/fields.hpp"

#include <date/tz.h>

#include <algorithm>
#include <fmt/format.h>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace accrue {
namespace {

Type text_type(bool optional = false) {
    return Type::of(TypeKind::text, optional);
}

// A field's type where it is read: the holder's fields may be absent in
// exclusions, where a payment may have no partner.
Type type_of_field(const LedgerField& field, Context context, const Type& payout) {
    Type t;
    switch (field.type) {
    case FieldType::text:
        t = text_type();
        break;
    case FieldType::time:
        t = Type::of(TypeKind::time);
        break;
    case FieldType::boolean:
        t = Type::of(TypeKind::boolean);
        break;
    case FieldType::number:
        t = Type::of(TypeKind::number);
        break;
    case FieldType::money_of_payment:
        t = Type::money_of_kind(MoneyOf::payment, false);
        break;
    case FieldType::money_of_payout:
        return payout;
    }
    t.optional = field.optional || (field.of_holder && context == Context::exclusion);
    return t;
}

std::vector<const LedgerField*> fields_of(std::string_view object, Context context) {
    std::vector<const LedgerField*> fields;
    for (const LedgerField& field : ledger_fields()) {
        if (field.object == object && field.readable_in(context)) {
            fields.push_back(&field);
        }
    }
    return fields;
}

const FieldObject* object_named(std::string_view name) {
    for (const FieldObject& object : field_objects()) {
        if (object.name == name) {
            return &object;
        }
    }
    return nullptr;
}

// The objects with a field readable here, in the order messages list them.
std::vector<std::string> objects_of(Context context) {
    std::vector<std::string> names;
    for (const FieldObject& object : field_objects()) {
        if (!fields_of(object.name, context).empty()) {
            names.emplace_back(object.name);
        }
    }
    return names;
}

bool is_zero_literal(const Expr& e) {
    return e.kind == ExprKind::number && e.number.is_zero();
}

class Checker {
  public:
    Checker(Program& program, const SourceFile& source) : program_(program), source_(source) {}

    void run();
    std::vector<Diagnostic> diagnostics;

  private:
    void error(SourcePos pos, std::string message, std::string hint = {}) {
        // A rule's clauses are checked again in each version of its terms that
        // keeps them: say each mistake once.
        const bool said = std::any_of(diagnostics.begin(), diagnostics.end(), [&](const auto& d) {
            return d.pos.line == pos.line && d.pos.column == pos.column && d.message == message;
        });
        if (!said) {
            diagnostics.push_back(Diagnostic{pos, std::move(message), std::move(hint)});
        }
    }

    void header();
    void roles_exist(const std::vector<Named>& roles);
    void unique(const Named& name, std::map<std::string, SourcePos>& seen, std::string_view what);
    Type type_of(Expr& e, Context context);
    Type field(Expr& e, Context context);
    Type name(Expr& e, Context context);
    Type binary(Expr& e, Context context);
    Type call(Expr& e, Context context);
    bool usable(const Expr& e, const Type& t, std::string_view operation);
    void expect(Expr& e, Context context, TypeKind kind, std::string_view what);
    void rule(LineRule& r);
    void terms(LineRule& t, Context context);
    void versions(LineRule& r, Context context);
    void rate(Rate& rate, Context context);
    void tiers(Rate& rate, const Type& metric, Context context);
    std::optional<Currency> currency_named(const Named& code);

    void benefits(Benefits& b);
    Type aggregate(Expr& e, Context context);

    Program& program_;
    const SourceFile& source_;
    LineRule* rule_ = nullptr; // the rule being checked, for its period and aggregates
    Type base_;                // the type of the rule's base, for graduated tiers
    bool in_rate_ = false;     // checking a rule's `rate`: the one place for period aggregates
    std::map<std::string, const NamedSet*> sets_;
    Type payout_;
    std::optional<TimeZone> zone_; // the program's, once the header names a known one
};

std::optional<Currency> Checker::currency_named(const Named& code) {
    auto currency = Currency::from_code(code.name);
    if (!currency) {
        error(code.pos, fmt::format("unknown currency `{}`", code.name),
              "currencies are ISO 4217 codes in upper case, such as USD, EUR, UAH, RUB");
    }
    return currency;
}

void Checker::header() {
    Header& h = program_.header;
    const SourcePos at_program = h.program.pos;
    if (!h.currency_name) {
        error(at_program, "the program has no payout currency",
              "add `currency UAH` (or `currency partner default USD`) after `program`");
    } else if (auto currency = currency_named(*h.currency_name)) {
        h.currency = *currency;
    }
    if (!h.time_zone) {
        error(at_program, "the program has no time zone",
              "add `time zone \"Europe/Kyiv\"` (an IANA name) after `program`");
    } else if ((zone_ = TimeZone::locate(h.time_zone->name)); !zone_) {
        std::vector<std::string> zones;
        for (const auto& zone : date::get_tzdb().zones) {
            zones.emplace_back(zone.name());
        }
        const std::string suggestion = closest(h.time_zone->name, zones);
        error(h.time_zone->pos, fmt::format("unknown time zone \"{}\"", h.time_zone->name),
              suggestion.empty() ? "use an IANA name such as \"Europe/Kyiv\" or \"UTC\""
                                 : fmt::format("did you mean \"{}\"?", suggestion));
    }
    if (h.roles.empty()) {
        error(at_program, "the program lists no partner roles",
              "add `roles referral` (the first role is the default)");
    }
    std::map<std::string, SourcePos> seen;
    for (const Named& role : h.roles) {
        unique(role, seen, "role");
    }
    payout_ = h.partner_currency ? Type::money_of_kind(MoneyOf::payout) : Type::money(h.currency);
    if (!h.currency.valid()) {
        payout_ = Type{}; // reported above; checks that need it are skipped
    }
}

void Checker::unique(const Named& name, std::map<std::string, SourcePos>& seen,
                     std::string_view what) {
    if (auto [it, inserted] = seen.emplace(name.name, name.pos); !inserted) {
        error(name.pos, fmt::format("duplicate {} name `{}`", what, name.name),
              fmt::format("the first `{}` is on line {}; names appear in the report and must "
                          "be unique",
                          name.name, it->second.line));
    }
}

void Checker::roles_exist(const std::vector<Named>& roles) {
    std::vector<std::string> known;
    for (const Named& r : program_.header.roles) {
        known.push_back(r.name);
    }
    for (const Named& role : roles) {
        if (std::find(known.begin(), known.end(), role.name) == known.end()) {
            const std::string suggestion = closest(role.name, known);
            error(role.pos, fmt::format("unknown role `{}`", role.name),
                  suggestion.empty()
                      ? fmt::format("the program's roles are: {}", fmt::join(known, ", "))
                      : fmt::format("did you mean `{}`?", suggestion));
        }
    }
}

bool Checker::usable(const Expr& e, const Type& t, std::string_view operation) {
    if (t.is(TypeKind::invalid)) {
        return false;
    }
    if (t.optional) {
        error(e.pos, fmt::format("this value may be absent, so it cannot be used in {}", operation),
              "test it first (`... is set and ...`) or give it a value with `default`");
        return false;
    }
    return true;
}

Type Checker::field(Expr& e, Context context) {
    if (e.text == "period") {
        if (rule_ == nullptr || !rule_->period) {
            error(e.pos, "`period` is known only in a rule with a `period` clause",
                  "add `period calendar month` or `period every 30 days from partner.joined_at`");
            return Type{};
        }
        if (e.member != "start" && e.member != "end") {
            error(e.pos, fmt::format("unknown field `period.{}`", e.member),
                  "a period has `period.start` and `period.end` (the first instant after it)");
            return Type{};
        }
        e.ref = e.member == "start" ? Ref::period_start : Ref::period_end;
        return Type::of(TypeKind::time);
    }
    const auto fields = fields_of(e.text, context);
    const FieldObject* object = object_named(e.text);
    if (fields.empty()) {
        const auto objects = objects_of(context);
        const std::string suggestion = closest(e.text, objects);
        const bool known_elsewhere = object != nullptr;
        error(e.pos,
              known_elsewhere ? fmt::format("`{}` is not available here", e.text)
                              : fmt::format("unknown record `{}`", e.text),
              suggestion.empty() || known_elsewhere
                  ? fmt::format("here you can use: {}", fmt::join(objects, ", "))
                  : fmt::format("did you mean `{}.{}`?", suggestion, e.member));
        return Type{};
    }
    if (e.member.find('.') != std::string::npos) {
        error(e.pos, fmt::format("`{}.{}` is not a field", e.text, e.member),
              "fields have one level: payment.service, customer.status");
        return Type{};
    }
    for (const LedgerField* f : fields) {
        if (f->name == e.member) {
            e.ref = Ref::field;
            e.field = f;
            return type_of_field(*f, context, payout_);
        }
    }
    std::vector<std::string> names;
    for (const LedgerField* f : fields) {
        names.emplace_back(f->name);
    }
    const std::string suggestion = closest(e.member, names);
    if (!suggestion.empty() || !object->has_extras) {
        error(e.pos, fmt::format("unknown field `{}.{}`", e.text, e.member),
              suggestion.empty() ? fmt::format("`{}` has: {}", e.text, fmt::join(names, ", "))
                                 : fmt::format("did you mean `{}.{}`?", e.text, suggestion));
        return Type{};
    }
    // A field the ledger contract does not list: text the record may lack.
    e.ref = e.text == "payment" ? Ref::payment_extra : Ref::partner_extra;
    return text_type(true);
}

Type Checker::name(Expr& e, Context context) {
    if (const auto it = sets_.find(e.text); it != sets_.end()) {
        e.ref = Ref::set_name;
        e.set = it->second;
        return Type::of(TypeKind::set);
    }
    if (e.text == "partner") {
        e.ref = Ref::partner_value;
        return text_type(context == Context::exclusion);
    }
    if (e.text == "balance" && context == Context::withdrawal) {
        e.ref = Ref::balance;
        return payout_;
    }
    if (e.text == "paid_via_total" && context == Context::benefits && rule_ != nullptr) {
        e.ref = Ref::paid_via_total;
        return rule_->via.valid() ? Type::money(rule_->via) : payout_;
    }
    if (e.text == "paying_customers" && context == Context::payment) {
        e.ref = Ref::paying_customers;
        return Type::of(TypeKind::number);
    }
    std::vector<std::string> names{"partner"};
    if (context == Context::withdrawal) {
        names.emplace_back("balance");
    }
    if (context == Context::payment) {
        names.emplace_back("paying_customers");
    }
    for (const auto& [set_name, set] : sets_) {
        names.push_back(set_name);
    }
    const std::string suggestion = closest(e.text, names);
    std::string hint = suggestion.empty()
                           ? fmt::format("names available here: {}", fmt::join(names, ", "))
                           : fmt::format("did you mean `{}`?", suggestion);
    if (e.text == "balance") {
        hint = "`balance` is known in withdrawal checks only";
    } else if (e.text == "paying_customers") {
        hint = "`paying_customers` is known in rules on payment only";
    }
    error(e.pos, fmt::format("unknown name `{}`", e.text), hint);
    return Type{};
}

Type Checker::call(Expr& e, Context context) {
    std::vector<Type> args;
    for (auto& a : e.args) {
        args.push_back(type_of(*a, context));
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

Type Checker::binary(Expr& e, Context context) {
    Expr& left_expr = *e.args[0];
    Expr& right_expr = *e.args[1];
    const Type left = type_of(left_expr, context);
    const Type right = type_of(right_expr, context);
    if (left.is(TypeKind::invalid) || right.is(TypeKind::invalid)) {
        return Type{};
    }
    const std::string op = operator_text(e.op);
    switch (e.op) {
    case Operator::logical_and:
    case Operator::logical_or:
        for (const auto* side : {&left_expr, &right_expr}) {
            const Type& t = side == &left_expr ? left : right;
            if (!t.is(TypeKind::boolean)) {
                error(side->pos,
                      fmt::format("`{}` joins conditions, but this is {}", op, describe(t)));
                return Type{};
            }
        }
        return Type::of(TypeKind::boolean);
    case Operator::equal:
    case Operator::not_equal: {
        const bool zero_money = (left.is(TypeKind::money) && is_zero_literal(right_expr)) ||
                                (right.is(TypeKind::money) && is_zero_literal(left_expr));
        if (!zero_money && !same_unit(left.required(), right.required())) {
            error(e.pos, fmt::format("cannot compare {} with {}", describe(left), describe(right)),
                  left.is(TypeKind::money) && right.is(TypeKind::money)
                      ? "convert one side first, such as `x in USD`"
                      : "");
            return Type{};
        }
        return Type::of(TypeKind::boolean);
    }
    case Operator::less:
    case Operator::less_equal:
    case Operator::greater:
    case Operator::greater_equal: {
        if (!usable(left_expr, left, fmt::format("`{}`", op)) ||
            !usable(right_expr, right, fmt::format("`{}`", op))) {
            return Type{};
        }
        const bool zero_money = (left.is(TypeKind::money) && is_zero_literal(right_expr)) ||
                                (right.is(TypeKind::money) && is_zero_literal(left_expr));
        const bool ordered = left.is(TypeKind::number) || left.is(TypeKind::percent) ||
                             left.is(TypeKind::money) || left.is(TypeKind::time) ||
                             left.is(TypeKind::duration);
        if (!zero_money && (!same_unit(left, right) || !ordered)) {
            error(e.pos, fmt::format("cannot compare {} with {}", describe(left), describe(right)),
                  left.is(TypeKind::money) && right.is(TypeKind::money)
                      ? "convert one side first, such as `request.amount in USD >= 30.00 USD`"
                      : "");
            return Type{};
        }
        return Type::of(TypeKind::boolean);
    }
    case Operator::add:
    case Operator::subtract: {
        const std::string verb = e.op == Operator::add ? "add" : "subtract";
        if (!usable(left_expr, left, "arithmetic") || !usable(right_expr, right, "arithmetic")) {
            return Type{};
        }
        if (left.is(TypeKind::time) && right.is(TypeKind::duration)) {
            return left;
        }
        if (same_unit(left, right) && (left.is(TypeKind::money) || left.is(TypeKind::number) ||
                                       left.is(TypeKind::percent) || left.is(TypeKind::duration))) {
            Type t = left;
            t.rounded = left.rounded && right.rounded;
            return t;
        }
        std::string hint;
        if (left.is(TypeKind::money) && right.is(TypeKind::money)) {
            hint =
                "money of two currencies: convert one side first, such as `payment.amount in UAH`";
        } else if (left.is(TypeKind::time) || right.is(TypeKind::time)) {
            hint = "add a duration to a time: `payment.at + 30 days`";
        }
        error(e.pos,
              fmt::format("cannot {} {} {} {}", verb, describe(right),
                          e.op == Operator::add ? "to" : "from", describe(left)),
              hint);
        return Type{};
    }
    case Operator::multiply: {
        if (!usable(left_expr, left, "arithmetic") || !usable(right_expr, right, "arithmetic")) {
            return Type{};
        }
        const auto factor = [](const Type& t) {
            return t.is(TypeKind::number) || t.is(TypeKind::percent);
        };
        if (left.is(TypeKind::money) && factor(right)) {
            Type t = left;
            t.rounded = false;
            return t;
        }
        if (right.is(TypeKind::money) && factor(left)) {
            Type t = right;
            t.rounded = false;
            return t;
        }
        if (factor(left) && factor(right)) {
            return left.is(TypeKind::percent) || right.is(TypeKind::percent)
                       ? Type::of(TypeKind::percent)
                       : Type::of(TypeKind::number);
        }
        error(e.pos, fmt::format("cannot multiply {} by {}", describe(left), describe(right)),
              "money is multiplied by a percentage or a number");
        return Type{};
    }
    case Operator::divide: {
        if (!usable(left_expr, left, "arithmetic") || !usable(right_expr, right, "arithmetic")) {
            return Type{};
        }
        if (left.is(TypeKind::money) && right.is(TypeKind::number)) {
            Type t = left;
            t.rounded = false;
            return t;
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
    default:
        break;
    }
    return Type{};
}

void Checker::expect(Expr& e, Context context, TypeKind kind, std::string_view what) {
    const Type t = type_of(e, context);
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

Type Checker::type_of(Expr& e, Context context) {
    Type t;
    switch (e.kind) {
    case ExprKind::number:
        t = Type::of(TypeKind::number);
        break;
    case ExprKind::percent:
        t = Type::of(TypeKind::percent);
        break;
    case ExprKind::money:
        if (!e.currency.valid()) {
            error(e.pos, fmt::format("unknown currency `{}`", e.text),
                  "currencies are ISO 4217 codes in upper case, such as USD, EUR, UAH, RUB");
            return Type{};
        }
        t = Type::money(e.currency, e.number.scale() <= e.currency.minor_units());
        break;
    case ExprKind::duration:
        if (!e.number.is_integer()) {
            error(e.pos, "a duration is a whole number of days, hours, minutes or seconds",
                  "write `36 hours` rather than `1.5 days`");
            return Type{};
        }
        t = Type::of(TypeKind::duration);
        break;
    case ExprKind::text:
        t = text_type();
        break;
    case ExprKind::boolean:
        t = Type::of(TypeKind::boolean);
        break;
    case ExprKind::set:
        t = Type::of(TypeKind::set);
        break;
    case ExprKind::name:
        t = name(e, context);
        break;
    case ExprKind::field:
        t = field(e, context);
        break;
    case ExprKind::unary: {
        const Type inner = type_of(*e.args[0], context);
        if (inner.is(TypeKind::invalid)) {
            return Type{};
        }
        if (e.op == Operator::logical_not) {
            if (!inner.is(TypeKind::boolean)) {
                error(e.pos,
                      fmt::format("`not` negates a condition, but this is {}", describe(inner)));
                return Type{};
            }
            t = inner;
        } else {
            if (!usable(*e.args[0], inner, "arithmetic")) {
                return Type{};
            }
            if (!(inner.is(TypeKind::number) || inner.is(TypeKind::percent) ||
                  inner.is(TypeKind::money) || inner.is(TypeKind::duration))) {
                error(e.pos, fmt::format("cannot negate {}", describe(inner)));
                return Type{};
            }
            t = inner;
        }
        break;
    }
    case ExprKind::binary:
        t = binary(e, context);
        break;
    case ExprKind::membership: {
        const Type left = type_of(*e.args[0], context);
        const Type right = type_of(*e.args[1], context);
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
        t = Type::of(TypeKind::boolean);
        break;
    }
    case ExprKind::is_set: {
        const Type inner = type_of(*e.args[0], context);
        if (inner.is(TypeKind::invalid)) {
            return Type{};
        }
        t = Type::of(TypeKind::boolean);
        break;
    }
    case ExprKind::defaulted: {
        const Type value = type_of(*e.args[0], context);
        const Type fallback = type_of(*e.args[1], context);
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
        t = fallback;
        break;
    }
    case ExprKind::conversion: {
        const Type inner = type_of(*e.args[0], context);
        if (inner.is(TypeKind::invalid)) {
            return Type{};
        }
        if (!e.currency.valid()) {
            error(e.pos, fmt::format("unknown currency `{}`", e.text),
                  "currencies are ISO 4217 codes in upper case, such as USD, EUR, UAH, RUB");
            return Type{};
        }
        if (!usable(*e.args[0], inner, "a conversion")) {
            return Type{};
        }
        if (!inner.is(TypeKind::money)) {
            error(e.pos, fmt::format("only money converts to {}, but this is {}", e.text,
                                     describe(inner)));
            return Type{};
        }
        t = Type::money(e.currency, true);
        break;
    }
    case ExprKind::call:
        t = call(e, context);
        break;
    case ExprKind::period_sum:
    case ExprKind::period_customers:
        t = aggregate(e, context);
        break;
    case ExprKind::active_customers:
        if (context != Context::withdrawal) {
            error(e.pos, "`active_customers within ...` is known in withdrawal checks only");
            return Type{};
        }
        if (!e.number.is_integer() || e.duration.micros <= 0) {
            error(e.pos,
                  "the window is a whole, positive number of days, hours, minutes or seconds");
            return Type{};
        }
        t = Type::of(TypeKind::number);
        break;
    }
    e.type = t;
    return t;
}

void Checker::tiers(Rate& rate, const Type& metric, Context context) {
    // The smallest step of the metric: 1 for counts, the minor unit for money,
    // so that `to 9` is followed by `from 10` and `to 999.99 USD` by `from 1000.00 USD`.
    const Decimal unit =
        Decimal::unit(metric.is(TypeKind::money) ? metric.currency.minor_units() : 0);
    const auto bound = [&](ExprPtr& e) -> std::optional<Decimal> {
        if (!e) {
            return std::nullopt;
        }
        const Type t = type_of(*e, context);
        if (t.is(TypeKind::invalid)) {
            return std::nullopt;
        }
        if (!same_unit(t, metric)) {
            error(e->pos,
                  fmt::format("a tier bound must be {}, like what the tiers are chosen by, not {}",
                              describe(metric), describe(t)));
            return std::nullopt;
        }
        if (e->kind != ExprKind::number && e->kind != ExprKind::money) {
            error(e->pos, "a tier bound must be a literal value, such as 10 or 1000.00 USD");
            return std::nullopt;
        }
        return e->number;
    };
    struct Range {
        std::optional<Decimal> from, to;
        bool inclusive;
        SourcePos pos;
    };
    std::vector<Range> ranges;
    bool bounds_ok = true;
    for (std::size_t i = 0; i < rate.tiers.size(); ++i) {
        Tier& tier = rate.tiers[i];
        if (tier.rate) {
            expect(*tier.rate, context, TypeKind::percent, "a tier's rate");
        }
        Range r{bound(tier.from), bound(tier.to), tier.to_inclusive, tier.pos};
        if ((tier.from && !r.from) || (tier.to && !r.to)) {
            bounds_ok = false;
            continue;
        }
        if (!tier.from && i > 0) {
            error(tier.pos, "only the first tier may leave out `from`",
                  "give this tier its lower bound: `from A`");
            bounds_ok = false;
        }
        if (!tier.to && i + 1 < rate.tiers.size()) {
            error(tier.pos, "only the last tier may be open-ended",
                  "give this tier its upper bound: `to B` or `below B`");
            bounds_ok = false;
        }
        if (r.from && r.to && (*r.to < *r.from || (!r.inclusive && *r.to == *r.from))) {
            error(tier.pos,
                  fmt::format("this tier is out of order: it starts at {} and ends {} {}",
                              r.from->to_string(), r.inclusive ? "at" : "below", r.to->to_string()),
                  "write the lower bound first: `from A to B` with A <= B");
            bounds_ok = false;
        }
        ranges.push_back(r);
    }
    if (!bounds_ok) {
        return;
    }
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        const Range& previous = ranges[i - 1];
        const Range& current = ranges[i];
        if (!previous.to || !current.from) {
            continue;
        }
        if (previous.from && *current.from < *previous.from) {
            error(current.pos,
                  fmt::format("tiers are out of order: this one starts at {}, below the tier "
                              "before it (from {})",
                              current.from->to_string(), previous.from->to_string()),
                  "list the tiers from the lowest to the highest");
            continue;
        }
        const Decimal expected = previous.inclusive ? *previous.to + unit : *previous.to;
        if (*current.from < expected) {
            error(
                current.pos,
                fmt::format("tiers overlap: {} is in this tier and in the one before it (line {})",
                            current.from->to_string(), previous.pos.line),
                fmt::format("start this tier at {}", expected.to_string()));
        } else if (*current.from > expected) {
            error(current.pos,
                  fmt::format("tiers leave a gap: no tier covers {} up to {}", expected.to_string(),
                              current.from->to_string()),
                  fmt::format("start this tier at {}", expected.to_string()));
        }
    }
}

void Checker::rate(Rate& rate, Context context) {
    if (rate.form == Rate::Form::fixed) {
        expect(*rate.fixed, context, TypeKind::percent, "a rate");
        return;
    }
    if (rate.form == Rate::Form::cases) {
        for (std::size_t i = 0; i < rate.cases.size(); ++i) {
            RateCase& c = rate.cases[i];
            expect(*c.rate, context, TypeKind::percent, "a rate");
            const bool last = i + 1 == rate.cases.size();
            if (c.condition) {
                expect(*c.condition, context, TypeKind::boolean, "a case's condition");
                if (last) {
                    error(c.pos, "the last rate case must be `otherwise`",
                          "end the cases with a rate for every other payment, such as `1% "
                          "otherwise`");
                }
            } else if (!last) {
                error(c.pos, "`otherwise` must be the last rate case",
                      "the cases are tried in order, so the ones after `otherwise` never apply");
            }
        }
        return;
    }
    const Type metric = type_of(*rate.metric, context);
    if (metric.is(TypeKind::invalid)) {
        return;
    }
    if (metric.optional || !(metric.is(TypeKind::number) ||
                             (metric.is(TypeKind::money) && metric.money_of == MoneyOf::fixed))) {
        error(rate.metric->pos,
              fmt::format("tiers are chosen by a count or by money in a named currency, not by {}",
                          describe(metric)),
              metric.is(TypeKind::money) ? "convert it first, such as `payment.amount in USD`"
                                         : "");
        return;
    }
    if (rate.graduated && !(metric.is(TypeKind::money) && same_unit(metric, base_.required()))) {
        error(rate.metric->pos,
              fmt::format(
                  "graduated tiers split the base into bands, so they are chosen by money like "
                  "the base ({}), not by {}",
                  describe(base_.required()), describe(metric)),
              "choose them by the base itself, such as `rate graduated by payment.amount in EUR`");
        return;
    }
    tiers(rate, metric, context);
}

Type Checker::aggregate(Expr& e, Context context) {
    const char* what = e.kind == ExprKind::period_sum ? "`sum of ... in period`"
                                                      : "`paying_customers at period end`";
    if (rule_ == nullptr || !rule_->period || context != Context::payment) {
        error(e.pos,
              fmt::format("{} is known only in a rule on payment with a `period` clause", what),
              "add `period calendar month` or `period every 30 days from partner.joined_at` to the "
              "rule");
        return Type{};
    }
    if (!in_rate_) {
        // The first pass resolves rates from aggregates; a condition or an
        // amount that depends on them could choose differently in each pass.
        error(e.pos, fmt::format("{} may be used only in the rule's `rate`", what),
              "choose tiers with it: `rate by sum of payment.amount in USD in period`");
        return Type{};
    }
    rule_->aggregates.push_back(&e);
    if (e.kind == ExprKind::period_customers) {
        return Type::of(TypeKind::number);
    }
    const Type inner = type_of(*e.args[0], context);
    if (inner.is(TypeKind::invalid) || !usable(*e.args[0], inner, "a sum")) {
        return Type{};
    }
    if (!inner.is(TypeKind::number) &&
        !(inner.is(TypeKind::money) && inner.money_of == MoneyOf::fixed)) {
        error(e.args[0]->pos,
              fmt::format("a period's sum adds numbers or money of one currency, not {}",
                          describe(inner)),
              inner.is(TypeKind::money)
                  ? "convert it, such as `sum of payment.amount in USD in period`"
                  : "");
        return Type{};
    }
    return inner;
}

void Checker::benefits(Benefits& b) {
    LineRule* target = nullptr;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < program_.rules.size(); ++i) {
        names.push_back(program_.rules[i].name.name);
        if (program_.rules[i].name.name == b.rule.name) {
            target = &program_.rules[i];
            b.rule_index = i;
        }
    }
    if (target == nullptr) {
        const std::string suggestion = closest(b.rule.name, names);
        error(b.rule.pos, fmt::format("unknown rule `{}`", b.rule.name),
              suggestion.empty() ? "benefits name the rule whose periods unlock them"
                                 : fmt::format("did you mean `{}`?", suggestion));
        return;
    }
    if (!target->period) {
        error(b.rule.pos, fmt::format("the rule `{}` has no period", b.rule.name),
              "benefits are unlocked per period: give the rule `period calendar month`");
        return;
    }
    rule_ = target;
    std::map<std::string, SourcePos> seen;
    for (Benefit& benefit : b.items) {
        unique(benefit.name, seen, "benefit");
        expect(*benefit.condition, Context::benefits, TypeKind::boolean, "a benefit's condition");
    }
    rule_ = nullptr;
}

void Checker::rule(LineRule& r) {
    roles_exist(r.roles);
    if (r.event_name != "payment" && r.event_name != "signup") {
        const std::string suggestion = closest(r.event_name, {"payment", "signup"});
        error(r.event_pos, fmt::format("unknown event `{}`", r.event_name),
              suggestion.empty() ? "a rule is `on payment` or `on signup`"
                                 : fmt::format("did you mean `{}`?", suggestion));
        return;
    }
    const Context context = r.event == EventKind::signup ? Context::signup : Context::payment;
    rule_ = &r;
    if (r.period) {
        if (r.event != EventKind::payment) {
            error(r.period->pos, "periods are for rules on payment");
        }
        if (r.period->kind == PeriodSpec::Kind::rolling_days) {
            if (r.period->length.micros <= 0 ||
                r.period->length.micros % Duration::days(1).micros != 0) {
                error(r.period->pos, "a rolling period is a whole number of days",
                      "write `every 30 days from ...`");
            }
            expect(*r.period->anchor, context, TypeKind::time, "the time periods count from");
        }
    }
    if (r.kind == LineKind::customer_bonus && r.event != EventKind::signup) {
        error(r.name.pos, "a customer_bonus is given on signup, not on payment",
              "write `customer_bonus NAME on signup`");
    }
    terms(r, context);
    versions(r, context);
}

// The clauses that say when a rule pays and how much: the rule's own, or a
// version's. Aggregates found here belong to the rule being checked (rule_).
void Checker::terms(LineRule& r, Context context) {
    if (r.via_name) {
        if (const auto via = currency_named(*r.via_name)) {
            r.via = *via;
        }
    }
    if (r.when) {
        expect(*r.when, context, TypeKind::boolean, "a rule's `when`");
    }
    if (r.amount && (r.base || r.rate)) {
        error(r.name.pos, "a rule has either `amount`, or `base` and `rate`, not both");
        return;
    }
    if (!r.amount && !(r.base && r.rate)) {
        error(r.name.pos, fmt::format("the rule `{}` does not say how much it pays", r.name.name),
              r.base   ? "add `rate 10%` after `base`"
              : r.rate ? "add `base payment.amount in ...` before `rate`"
                       : "add `base` and `rate`, or `amount`");
        return;
    }
    if (r.amount) {
        const Type t = type_of(*r.amount, context);
        if (!t.is(TypeKind::invalid) && !payout_.is(TypeKind::invalid)) {
            if (!t.is(TypeKind::money) || t.optional || !same_unit(t, payout_)) {
                error(r.amount->pos,
                      fmt::format("the amount must be {}, but this is {}", describe(payout_),
                                  describe(t)),
                      t.is(TypeKind::money)
                          ? fmt::format("convert it: `... in {}`", program_.header.currency.code())
                          : "");
            } else if (!t.rounded) {
                error(
                    r.amount->pos,
                    "the amount may have more decimals than its currency: say where it is rounded",
                    "wrap it in `round(...)`");
            }
        }
    } else {
        const Type t = type_of(*r.base, context);
        base_ = t;
        if (!t.is(TypeKind::invalid)) {
            if (!t.is(TypeKind::money) || t.optional) {
                error(r.base->pos,
                      fmt::format("the base must be money, but this is {}", describe(t)));
            } else if (r.via_name && t.money_of == MoneyOf::payout) {
                error(r.base->pos,
                      "with `paid via`, the base is money of the payment or of a named currency");
            } else if (!r.via_name && !payout_.is(TypeKind::invalid) && !same_unit(t, payout_)) {
                error(r.base->pos,
                      fmt::format("the base is {}, but the program pays {}", describe(t),
                                  describe(payout_)),
                      payout_.money_of == MoneyOf::fixed
                          ? fmt::format("convert it: `payment.amount in {}`",
                                        program_.header.currency.code())
                          : "");
            }
        }
        in_rate_ = true;
        rate(*r.rate, context);
        in_rate_ = false;
    }
    if (r.available_at) {
        expect(*r.available_at, context, TypeKind::time, "`available at`");
    }
}

void Checker::versions(LineRule& r, Context context) {
    const TermsVersion* previous = nullptr;
    for (TermsVersion& v : r.versions) {
        if (v.rule_only_clause) {
            error(v.rule_only_clause->pos,
                  fmt::format("`{}` belongs to the whole rule, not to one version of its terms",
                              v.rule_only_clause->name),
                  "move it above the rule's first `terms from`");
        }
        terms(v.terms, context);
        const auto first = parse_iso_date(v.first_day.name);
        if (!first) {
            error(v.first_day.pos, fmt::format("there is no day {}", v.first_day.name));
            continue;
        }
        std::optional<LocalDate> last;
        if (v.last_day) {
            last = parse_iso_date(v.last_day->name);
            if (!last) {
                error(v.last_day->pos, fmt::format("there is no day {}", v.last_day->name));
                continue;
            }
            if (*last < *first) {
                error(v.last_day->pos, fmt::format("the terms end on {}, before they begin on {}",
                                                   v.last_day->name, v.first_day.name));
                continue;
            }
        }
        if (!zone_) {
            continue; // the header's error says why
        }
        v.from = zone_->start_of(*first);
        if (last) {
            v.until = zone_->start_of(add_days(*last, 1));
        }
        if (previous != nullptr) {
            if (v.from < previous->from) {
                error(v.first_day.pos,
                      fmt::format("the terms from {} are listed after the terms from {} (line {})",
                                  v.first_day.name, previous->first_day.name,
                                  previous->first_day.pos.line),
                      "list the versions of a rule's terms from the earliest");
            } else if (v.from == previous->from) {
                error(v.first_day.pos,
                      fmt::format("two versions of the terms begin on {} (the other on line {})",
                                  v.first_day.name, previous->first_day.pos.line),
                      "give each version its own first day");
            } else if (previous->until && *previous->until > v.from) {
                error(v.first_day.pos,
                      fmt::format("the terms from {} overlap the terms from {} to {} (line {})",
                                  v.first_day.name, previous->first_day.name,
                                  previous->last_day->name, previous->first_day.pos.line),
                      "end the earlier version before this one begins, or drop its `to`");
            }
        }
        previous = &v;
    }
}

void Checker::run() {
    header();
    std::map<std::string, SourcePos> set_names;
    for (const NamedSet& set : program_.sets) {
        unique(set.name, set_names, "set");
        sets_[set.name.name] = &set;
    }
    std::set<AttributionModel> models;
    for (const Attribution& a : program_.attribution) {
        if (!models.insert(a.model).second) {
            error(a.pos, "this attribution model is listed twice");
        }
        if (a.model == AttributionModel::last_click && a.window.micros <= 0) {
            error(a.pos, "the click window must be longer than zero",
                  "write `last click within 30 days`");
        }
    }
    for (ExclusionList& list : program_.exclusions) {
        roles_exist(list.roles);
        std::map<std::string, SourcePos> names;
        for (Exclusion& exclusion : list.items) {
            unique(exclusion.name, names, "exclusion");
            expect(*exclusion.condition, Context::exclusion, TypeKind::boolean,
                   "an exclusion's condition");
        }
    }
    std::map<std::string, SourcePos> rule_names;
    for (LineRule& r : program_.rules) {
        unique(r.name, rule_names, "rule");
        rule(r);
        rule_ = nullptr;
    }
    for (Benefits& b : program_.benefits) {
        benefits(b);
    }
    if (program_.clawback) {
        unique(program_.clawback->name, rule_names, "rule");
        if (program_.clawback->event.name != "refund") {
            error(program_.clawback->event.pos,
                  fmt::format("a clawback is `on refund`, not on `{}`",
                              program_.clawback->event.name));
        }
    }
    if (program_.withdrawal) {
        std::map<std::string, SourcePos> names;
        for (Check& check : program_.withdrawal->checks) {
            unique(check.name, names, "check");
            expect(*check.condition, Context::withdrawal, TypeKind::boolean, "a check's condition");
        }
        if (program_.withdrawal->due_by) {
            expect(*program_.withdrawal->due_by, Context::withdrawal, TypeKind::time, "`due by`");
        }
    }
}

} // namespace

void check_program(Program& program, const SourceFile& source) {
    Checker checker(program, source);
    checker.run();
    if (!checker.diagnostics.empty()) {
        std::stable_sort(checker.diagnostics.begin(), checker.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                             return std::tie(a.pos.line, a.pos.column) <
                                    std::tie(b.pos.line, b.pos.column);
                         });
        throw ProgramError(source, std::move(checker.diagnostics));
    }
}

} // namespace accrue
