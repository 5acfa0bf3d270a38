// Names and fields: what `payment.amount`, `balance` or a set's name refer
// to where they are used. Fields come from the one table (ledger/fields.hpp).
#include "interpreter/check/typer.hpp"

#include "interpreter/diagnostics/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <fmt/ranges.h>

namespace accrue::checking {
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
    // Outside rules on signup, `signup.X` is the customer's signup, which the
    // ledger may not have.
    t.optional = field.optional || (field.of_holder && context == Context::exclusion) ||
                 (field.object == "signup" && context != Context::signup);
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

// The field of that name in any context: known, but not readable here.
const LedgerField* field_elsewhere(std::string_view object, std::string_view name) {
    for (const LedgerField& field : ledger_fields()) {
        if (field.object == object && field.name == name) {
            return &field;
        }
    }
    return nullptr;
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

} // namespace

Type Typer::period_field(Expr& e, const Where& where) {
    if (where.rule == nullptr || !where.rule->period) {
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

Type Typer::field(Expr& e, const Where& where) {
    if (e.text == "period") {
        return period_field(e, where);
    }
    for (const FieldDeclaration& declared : fields_) {
        if (declared.object.name == e.text && declared.name.name == e.member) {
            return declared_field(e, declared, where);
        }
    }
    const auto fields = fields_of(e.text, where.context);
    const FieldObject* object = object_named(e.text);
    if (fields.empty()) {
        const auto objects = objects_of(where.context);
        const std::string suggestion = closest(e.text, objects);
        error(e.pos,
              object != nullptr ? fmt::format("`{}` is not available here", e.text)
                                : fmt::format("unknown record `{}`", e.text),
              suggestion.empty() || object != nullptr
                  ? fmt::format("here you can use: {}", fmt::join(objects, ", "))
                  : fmt::format("did you mean `{}.{}`?", suggestion, e.member));
        return Type{};
    }
    if (e.member.find('.') != std::string::npos) {
        error(e.pos, fmt::format("`{}.{}` is not a field", e.text, e.member),
              "fields have one level: payment.service, customer.status");
        return Type{};
    }
    std::vector<std::string> names;
    for (const LedgerField* f : fields) {
        if (f->name == e.member) {
            e.ref = Ref::field;
            e.field = f;
            if (e.text == "signup" && where.context != Context::signup) {
                needs_.customer_signup = true;
            }
            return type_of_field(*f, where.context, payout_);
        }
        names.emplace_back(f->name);
    }
    if (field_elsewhere(e.text, e.member) != nullptr) {
        error(e.pos, fmt::format("`{}.{}` is not available here", e.text, e.member),
              fmt::format("here `{}` has: {}", e.text, fmt::join(names, ", ")));
        return Type{};
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

// A declared extra field: of the record at hand, or of the customer's
// signup in exclusions and rules on payment. Records may lack it.
Type Typer::declared_field(Expr& e, const FieldDeclaration& field, const Where& where) {
    struct Readable {
        std::string_view object;
        Contexts contexts;
        std::string_view where;
    };
    static constexpr Readable readable[] = {
        {"payment", of_the_payment, "in exclusions, rules on payment and clawbacks"},
        {"signup", with_a_customer,
         "in rules on signup, and as the customer's signup in exclusions and rules on payment"},
        {"refund", in(Context::refund), "in clawback conditions"},
        {"request", in(Context::withdrawal), "in withdrawal checks"},
        {"partner", everywhere, "everywhere"},
    };
    const auto it = std::find_if(std::begin(readable), std::end(readable),
                                 [&](const Readable& r) { return r.object == field.object.name; });
    if ((it->contexts & in(where.context)) == 0) {
        error(e.pos, fmt::format("`{}.{}` is not available here", e.text, e.member),
              fmt::format("a {}'s fields are read {}", field.object.name, it->where));
        return Type{};
    }
    e.ref = Ref::declared_field;
    e.declared = &field;
    if (field.object.name == "signup" && where.context != Context::signup) {
        needs_.customer_signup = true;
    }
    Type t;
    switch (field.type) {
    case ExtraType::text:
        t = text_type();
        break;
    case ExtraType::boolean:
        t = Type::of(TypeKind::boolean);
        break;
    case ExtraType::number:
        t = Type::of(TypeKind::number);
        break;
    case ExtraType::time:
        t = Type::of(TypeKind::time);
        break;
    case ExtraType::money:
        if (field.currency_name && !field.currency.valid()) {
            return Type::of(TypeKind::invalid); // its unknown currency was reported
        }
        t = field.currency.valid() ? Type::money(field.currency, false)
                                   : Type::money_of_kind(MoneyOf::payment, false);
        break;
    }
    t.optional = true;
    return t;
}

Type Typer::name(Expr& e, const Where& where) {
    const Context context = where.context;
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
    if (e.text == "paid_via_total" && context == Context::benefits && where.rule != nullptr) {
        e.ref = Ref::paid_via_total;
        return where.rule->via.valid() ? Type::money(where.rule->via) : payout_;
    }
    if (e.text == "paying_customers" && context == Context::payment) {
        e.ref = Ref::paying_customers;
        needs_.paying_customers = true;
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

// `sum of X for customer [within W]`: X is added up at each of the
// customer's payments, with or without a partner, so it is typed as in
// exclusions; the sum includes the payment at hand.
Type Typer::customer_sum(Expr& e, const Where& where) {
    if (where.context != Context::exclusion && where.context != Context::payment) {
        error(e.pos, "`sum of ... for customer` is known in exclusions and rules on payment");
        return Type{};
    }
    const Type inner = type_of(*e.args[0], Where{Context::exclusion});
    if (inner.is(TypeKind::invalid) || !usable(*e.args[0], inner, "a sum")) {
        return Type{};
    }
    if (!inner.is(TypeKind::number) &&
        !(inner.is(TypeKind::money) && inner.money_of == MoneyOf::fixed)) {
        error(e.args[0]->pos,
              fmt::format("a customer's sum adds numbers or money of one currency, not {}",
                          describe(inner)),
              inner.is(TypeKind::money)
                  ? "convert it, such as `sum of payment.amount in USD for customer`"
                  : "");
        return Type{};
    }
    if (e.args.size() > 1 && type_of(*e.args[1], where).is(TypeKind::invalid)) {
        return Type{};
    }
    e.aggregate_index = static_cast<std::uint32_t>(needs_.customer_sums.size());
    needs_.customer_sums.push_back(&e);
    return inner;
}

Type Typer::aggregate(Expr& e, const Where& where) {
    const char* what = e.kind == ExprKind::period_sum ? "`sum of ... in period`"
                                                      : "`paying_customers at period end`";
    if (where.rule == nullptr || !where.rule->period || where.context != Context::payment) {
        error(e.pos,
              fmt::format("{} is known only in a rule on payment with a `period` clause", what),
              "add `period calendar month` or `period every 30 days from partner.joined_at` to the "
              "rule");
        return Type{};
    }
    if (!where.in_rate) {
        // The first pass resolves rates from aggregates; a condition or an
        // amount that depends on them could choose differently in each pass.
        error(e.pos, fmt::format("{} may be used only in the rule's `rate`", what),
              "choose tiers with it: `rate by sum of payment.amount in USD in period`");
        return Type{};
    }
    where.rule->aggregates.push_back(&e);
    if (e.kind == ExprKind::period_customers) {
        return Type::of(TypeKind::number);
    }
    const Type inner = type_of(*e.args[0], where);
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

} // namespace accrue::checking
