// The table of fields. A new field is one row here (and its tests); the
// reader, the checker and the evaluator find it in this table.
#include "interpreter/ledger/fields.hpp"

#include <array>
#include <vector>

namespace accrue {
namespace {

using R = RecordType;
using D = Decode;
using T = FieldType;

constexpr std::string_view via_values[] = {"link", "promo_code"};
constexpr std::string_view paid_by_values[] = {"customer", "partner"};

// The signup at hand in rules on signup; in exclusions and rules on payment,
// the customer's signup, when the ledger has one before the payment.
const Record* signup_of(const FieldInput& in) {
    return in.signup != nullptr ? in.signup : in.customer.signup;
}

// A signup field's value, absent when there is no signup to read it from.
template <typename Read> Value of_signup(const FieldInput& in, Read read) {
    const Record* signup = signup_of(in);
    return signup != nullptr ? read(*signup) : Value{};
}

Value time_or_absent(const std::optional<Instant>& t) {
    return t ? Value::of_time(*t) : Value{};
}

Value partner_or_absent(const FieldInput& in, Value value) {
    return in.partner != nullptr ? value : Value{};
}

// clang-format off
const LedgerField table[] = {
    // partner
    {.record = R::partner, .key = "id", .required = true, .decode = D::id,
     .store_partner = [](Partner& p, const Decoded& d) { p.id = d.text; },
     .object = "partner", .name = "id", .of_holder = true, .contexts = everywhere,
     .read = [](const FieldInput& in) { return in.partner ? Value::of_text(in.partner->id) : Value{}; },
     .meaning = "the partner's id"},
    {.record = R::partner, .key = "joined_at", .required = true, .decode = D::joined_at,
     .store_partner = [](Partner& p, const Decoded& d) { p.joined_at = d.time; },
     .object = "partner", .name = "joined_at", .type = T::time, .of_holder = true, .contexts = everywhere,
     .read = [](const FieldInput& in) { return in.partner ? Value::of_time(in.partner->joined_at) : Value{}; },
     .meaning = "when the partner joined the program"},
    {.record = R::partner, .key = "role", .decode = D::role,
     .store_partner = [](Partner& p, const Decoded& d) { p.role = d.text; },
     .object = "partner", .name = "role", .of_holder = true, .contexts = everywhere,
     .read = [](const FieldInput& in) { return partner_or_absent(in, Value::of_text(in.partner_role)); },
     .meaning = "the partner's role (the program's first role when the record has none)"},
    {.record = R::partner, .key = "currency", .decode = D::payout_currency,
     .store_partner = [](Partner& p, const Decoded& d) { p.currency = d.currency; },
     .object = "partner", .name = "currency", .of_holder = true, .contexts = everywhere,
     .read = [](const FieldInput& in) { return partner_or_absent(in, Value::of_text(in.payout.code_view())); },
     .meaning = "the partner's payout currency, as its code"},
    {.record = R::partner, .key = "promo_codes", .decode = D::strings,
     .store_partner = [](Partner& p, const Decoded& d) { p.promo_codes.assign(d.strings.begin(), d.strings.end()); }},
    {.record = R::partner, .key = "offer_accepted", .decode = D::boolean,
     .store_partner = [](Partner& p, const Decoded& d) { p.offer_accepted = d.boolean; },
     .object = "partner", .name = "offer_accepted", .type = T::boolean, .of_holder = true, .contexts = everywhere,
     .read = [](const FieldInput& in) { return in.partner ? Value::of_bool(in.partner->offer_accepted) : Value{}; },
     .meaning = "whether the partner accepted the offer (false when the record does not say)"},
    {.record = R::partner, .key = "attributes", .decode = D::object},
    {.record = R::partner, .key = "parent", .decode = D::partner_ref,
     .store_partner = [](Partner& p, const Decoded& d) { p.parent_id = d.text; },
     .object = "partner", .name = "parent", .optional = true, .of_holder = true, .contexts = everywhere,
     .read = [](const FieldInput& in) {
         return in.partner && in.partner->parent ? Value::of_text(in.ledger->partners[*in.partner->parent].id) : Value{};
     },
     .meaning = "the id of the partner that recruited this one (ledger 1.1)"},

    // rate
    {.record = R::rate, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; }},
    {.record = R::rate, .key = "base", .required = true, .decode = D::usd},
    {.record = R::rate, .key = "quote", .required = true, .decode = D::currency,
     .store = [](Record& r, const Decoded& d) { r.currency = d.currency; }},
    {.record = R::rate, .key = "rate", .required = true, .decode = D::money, .what = "a rate",
     .store = [](Record& r, const Decoded& d) { r.amount = d.number; }},

    // click
    {.record = R::click, .key = "id", .required = true, .decode = D::id,
     .store = [](Record& r, const Decoded& d) { r.id = d.text; }},
    {.record = R::click, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; }},
    {.record = R::click, .key = "partner", .required = true, .decode = D::partner_ref},
    {.record = R::click, .key = "visitor", .required = true, .decode = D::text,
     .text_slot = text_slot::visitor},
    {.record = R::click, .key = "source", .decode = D::text,
     .text_slot = text_slot::source},
    {.record = R::click, .key = "url", .decode = D::text,
     .text_slot = text_slot::url},

    // signup: the signup at hand, or the customer's (with_a_customer)
    {.record = R::signup, .key = "id", .required = true, .decode = D::id,
     .store = [](Record& r, const Decoded& d) { r.id = d.text; },
     .object = "signup", .name = "id", .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return of_signup(in, [](const Record& s) { return Value::of_text(s.id); }); },
     .meaning = "the signup's id"},
    {.record = R::signup, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; },
     .object = "signup", .name = "at", .type = T::time, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return of_signup(in, [](const Record& s) { return Value::of_time(s.at); }); },
     .meaning = "when the customer signed up"},
    {.record = R::signup, .key = "customer", .required = true, .decode = D::customer,
     .store = nullptr, // numbered by the decoder: Record::customer_index
     .object = "signup", .name = "customer", .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return of_signup(in, [&](const Record& s) { return Value::of_text(in.ledger->customer_of(s)); }); },
     .meaning = "the customer who signed up"},
    {.record = R::signup, .key = "visitor", .decode = D::text,
     .text_slot = text_slot::visitor,
     .object = "signup", .name = "visitor", .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return of_signup(in, [](const Record& s) { return Value::absent_if_empty(s.visitor()); }); },
     .meaning = "the visitor id that clicks were made under"},
    {.record = R::signup, .key = "partner", .decode = D::partner_ref,
     .store = [](Record& r, const Decoded&) { r.has_partner = true; },
     .object = "signup", .name = "partner", .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) {
         return of_signup(in, [&](const Record& s) { return s.has_partner ? Value::of_text(in.ledger->partners[s.partner_index].id) : Value{}; });
     },
     .meaning = "the partner the signup names"},
    {.record = R::signup, .key = "via", .decode = D::choice, .choices = via_values,
     .text_slot = text_slot::via,
     .object = "signup", .name = "via", .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return of_signup(in, [](const Record& s) { return Value::absent_if_empty(s.via()); }); },
     .meaning = "how the signup named its partner: \"link\" or \"promo_code\""},
    {.record = R::signup, .key = "promo_code", .decode = D::text,
     .text_slot = text_slot::promo_code,
     .object = "signup", .name = "promo_code", .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return of_signup(in, [](const Record& s) { return Value::absent_if_empty(s.promo_code()); }); },
     .meaning = "the promo code given at signup"},

    // attach
    {.record = R::attach, .key = "id", .required = true, .decode = D::id,
     .store = [](Record& r, const Decoded& d) { r.id = d.text; }},
    {.record = R::attach, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; }},
    {.record = R::attach, .key = "partner", .required = true, .decode = D::partner_ref},
    {.record = R::attach, .key = "customer", .required = true, .decode = D::customer,
     .store = nullptr}, // numbered by the decoder: Record::customer_index
    {.record = R::attach, .key = "evidence", .decode = D::text,
     .text_slot = text_slot::evidence},

    // status
    {.record = R::status, .key = "id", .required = true, .decode = D::id,
     .store = [](Record& r, const Decoded& d) { r.id = d.text; }},
    {.record = R::status, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; }},
    {.record = R::status, .key = "customer", .required = true, .decode = D::customer,
     .store = nullptr}, // numbered by the decoder: Record::customer_index
    {.record = R::status, .key = "status", .required = true, .decode = D::text,
     .text_slot = text_slot::status},

    // payment
    {.record = R::payment, .key = "id", .required = true, .decode = D::id,
     .store = [](Record& r, const Decoded& d) { r.id = d.text; },
     .object = "payment", .name = "id", .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_text(in.payment->id); },
     .meaning = "the payment's id"},
    {.record = R::payment, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; },
     .object = "payment", .name = "at", .type = T::time, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_time(in.payment->at); },
     .meaning = "when the payment was made"},
    {.record = R::payment, .key = "customer", .required = true, .decode = D::customer,
     .store = nullptr, // numbered by the decoder: Record::customer_index
     .object = "payment", .name = "customer", .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_text(in.ledger->customer_of(*in.payment)); },
     .meaning = "the customer who paid"},
    {.record = R::payment, .key = "amount", .required = true, .decode = D::money, .what = "an amount",
     .store = [](Record& r, const Decoded& d) { r.amount = d.number; },
     .object = "payment", .name = "amount", .type = T::money_of_payment, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_money(in.payment->amount, in.payment->currency); },
     .meaning = "the amount paid, in the payment's currency"},
    {.record = R::payment, .key = "currency", .required = true, .decode = D::currency,
     .store = [](Record& r, const Decoded& d) { r.currency = d.currency; },
     .object = "payment", .name = "currency", .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_text(in.payment->currency.code_view()); },
     .meaning = "the payment's currency, as its code"},
    {.record = R::payment, .key = "service", .decode = D::text,
     .text_slot = text_slot::service,
     .object = "payment", .name = "service", .optional = true, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.payment->service()); },
     .meaning = "what was paid for (hosting, domain, ...)"},
    {.record = R::payment, .key = "months", .decode = D::months,
     .store = [](Record& r, const Decoded& d) { r.months = d.count; },
     .object = "payment", .name = "months", .type = T::number, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_number(Decimal::from_int(in.payment->months)); },
     .meaning = "the months the payment covers (1 when the record does not say)"},
    {.record = R::payment, .key = "promo_code", .decode = D::text,
     .text_slot = text_slot::promo_code,
     .object = "payment", .name = "promo_code", .optional = true, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.payment->promo_code()); },
     .meaning = "the promo code the payment used"},
    {.record = R::payment, .key = "discounted", .decode = D::boolean,
     .store = [](Record& r, const Decoded& d) { r.discounted = d.boolean; },
     .object = "payment", .name = "discounted", .type = T::boolean, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_bool(in.payment->discounted); },
     .meaning = "whether the payment had a discount (false when the record does not say)"},
    {.record = R::payment, .key = "paid_by", .decode = D::choice, .choices = paid_by_values,
     .store = [](Record& r, const Decoded& d) { r.paid_by_partner = d.text == "partner"; }, .text_slot = text_slot::paid_by,
     .object = "payment", .name = "paid_by", .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::of_text(in.payment->paid_by_partner ? "partner" : "customer"); },
     .meaning = "who paid: \"customer\" (when the record does not say) or \"partner\""},
    {.record = R::payment, .key = "project", .decode = D::text,
     .text_slot = text_slot::project,
     .object = "payment", .name = "project", .optional = true, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.payment->project()); },
     .meaning = "the customer's project the payment is for"},
    {.record = R::payment, .key = "integration", .decode = D::text,
     .text_slot = text_slot::integration,
     .object = "payment", .name = "integration", .optional = true, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.payment->integration()); },
     .meaning = "the integration the payment came through"},
    {.record = R::payment, .key = "partner", .decode = D::partner_ref,
     .store = [](Record& r, const Decoded&) { r.has_partner = true; },
     .object = "payment", .name = "partner", .optional = true, .contexts = of_the_payment,
     .read = [](const FieldInput& in) {
         return in.payment->has_partner ? Value::of_text(in.ledger->partners[in.payment->partner_index].id) : Value{};
     },
     .meaning = "the partner whose own link made this sale (ledger 1.1)"},
    {.record = R::payment, .key = "plan", .decode = D::text,
     .text_slot = text_slot::plan,
     .object = "payment", .name = "plan", .optional = true, .contexts = of_the_payment,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.payment->plan()); },
     .meaning = "the plan paid for"},

    // refund
    {.record = R::refund, .key = "id", .required = true, .decode = D::id,
     .store = [](Record& r, const Decoded& d) { r.id = d.text; },
     .object = "refund", .name = "id", .contexts = in(Context::refund),
     .read = [](const FieldInput& in) { return Value::of_text(in.refund->id); },
     .meaning = "the refund's id"},
    {.record = R::refund, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; },
     .object = "refund", .name = "at", .type = T::time, .contexts = in(Context::refund),
     .read = [](const FieldInput& in) { return Value::of_time(in.refund->at); },
     .meaning = "when the refund was made"},
    {.record = R::refund, .key = "payment", .required = true, .decode = D::text,
     .text_slot = text_slot::payment_id},
    {.record = R::refund, .key = "amount", .decode = D::money, .what = "a refund amount",
     .store = [](Record& r, const Decoded& d) { r.amount = d.number; r.has_amount = true; },
     .object = "refund", .name = "amount", .type = T::money_of_payment, .contexts = in(Context::refund),
     .read = [](const FieldInput& in) {
         return Value::of_money(in.refund->has_amount ? in.refund->amount : in.payment->amount, in.payment->currency);
     },
     .meaning = "the amount refunded, in the payment's currency (the whole payment when the record does not say)"},

    // withdrawal: what programs read as `request`
    {.record = R::withdrawal, .key = "id", .required = true, .decode = D::id,
     .store = [](Record& r, const Decoded& d) { r.id = d.text; },
     .object = "request", .name = "id", .contexts = in(Context::withdrawal),
     .read = [](const FieldInput& in) { return Value::of_text(in.request_id); },
     .meaning = "the withdrawal request's id"},
    {.record = R::withdrawal, .key = "at", .required = true, .decode = D::time,
     .store = [](Record& r, const Decoded& d) { r.at = d.time; },
     .object = "request", .name = "at", .type = T::time, .contexts = in(Context::withdrawal),
     .read = [](const FieldInput& in) { return Value::of_time(in.request_at); },
     .meaning = "when the partner asked (as-of, in the partner's as-of checks)"},
    {.record = R::withdrawal, .key = "partner", .required = true, .decode = D::partner_ref},
    {.record = R::withdrawal, .key = "amount", .required = true, .decode = D::money, .what = "a withdrawal amount",
     .store = [](Record& r, const Decoded& d) { r.amount = d.number; r.has_amount = true; },
     .object = "request", .name = "amount", .type = T::money_of_payout, .contexts = in(Context::withdrawal),
     .read = [](const FieldInput& in) { return Value::of_money(in.request_amount, in.payout); },
     .meaning = "the amount asked for (the balance, in the partner's as-of checks)"},
    {.record = R::withdrawal, .key = "currency", .decode = D::currency,
     .store = [](Record& r, const Decoded& d) { r.currency = d.currency; }},

    // customer: what the walk knows of the event's customer
    {.object = "customer", .name = "id", .contexts = with_a_customer | in(Context::refund),
     .read = [](const FieldInput& in) { return Value::of_text(in.ledger->customer_of(in.payment != nullptr ? *in.payment : *in.signup)); },
     .meaning = "the customer's id"},
    {.object = "customer", .name = "status", .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.customer.status); },
     .meaning = "the status of the latest status record earlier in the sequence"},
    {.object = "customer", .name = "first_payment", .type = T::boolean, .contexts = about_a_payment,
     .read = [](const FieldInput& in) { return Value::of_bool(in.customer.first_payment); },
     .meaning = "this is the customer's first payment in the ledger, excluded ones included"},
    {.object = "customer", .name = "payment_number", .type = T::number, .contexts = about_a_payment,
     .read = [](const FieldInput& in) { return Value::of_number(Decimal::from_int(in.customer.payment_number)); },
     .meaning = "1 for the customer's first payment, 2 for the second, ..., excluded ones counted"},
    {.object = "customer", .name = "first_paid_at", .type = T::time, .contexts = about_a_payment,
     .read = [](const FieldInput& in) { return Value::of_time(in.customer.first_paid_at); },
     .meaning = "the `at` of the customer's first payment"},
    {.object = "customer", .name = "last_paid_at", .type = T::time, .optional = true, .contexts = about_a_payment,
     .read = [](const FieldInput& in) { return time_or_absent(in.customer.last_paid_at); },
     .meaning = "the `at` of the customer's previous payment, excluded ones included; absent at their first"},
    {.object = "customer", .name = "signed_up_at", .type = T::time, .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return time_or_absent(in.customer.signed_up_at); },
     .meaning = "the `at` of the customer's signup; absent when the ledger has none before this event"},
    {.object = "customer", .name = "clicked_at", .type = T::time, .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return time_or_absent(in.customer.clicked_at); },
     .meaning = "the `at` of the click that gave the current holder; absent when no click did, or an attach moved the customer since"},
    {.object = "customer", .name = "attributed_by", .of_holder = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.customer.attributed_by); },
     .meaning = "the attribution model that gave the current holder: \"signup_link\", \"signup_partner\", \"promo_code\", \"last_click\", \"first_click\", \"payment_partner\" or \"attach\""},
    {.object = "customer", .name = "click_source", .optional = true, .contexts = with_a_customer,
     .read = [](const FieldInput& in) { return Value::absent_if_empty(in.customer.click_source); },
     .meaning = "the `source` of the click that gave the current holder; absent when no click did, or an attach moved the customer since"},

    // commission: the line a clawback reverses
    {.object = "commission", .name = "amount", .type = T::money_of_payout, .contexts = in(Context::refund),
     .read = [](const FieldInput& in) { return Value::of_money(in.commission_amount, in.payout); },
     .meaning = "the amount of the refunded payment's commission line"},
    {.object = "commission", .name = "available_at", .type = T::time, .contexts = in(Context::refund),
     .read = [](const FieldInput& in) { return Value::of_time(in.commission_available_at); },
     .meaning = "when the refunded payment's commission line is available (the end of its hold)"},
    {.object = "commission", .name = "rule", .contexts = in(Context::refund),
     .read = [](const FieldInput& in) { return Value::of_text(in.commission_rule); },
     .meaning = "the name of the rule that made the commission line"},
};

const FieldObject objects[] = {
    {"payment", true, "the payment at hand"},
    {"signup", false, "the signup at hand"},
    {"request", false, "the withdrawal request at hand"},
    {"refund", false, "the refund a clawback rule is tried on"},
    {"commission", false, "the commission line of the refunded payment"},
    {"customer", false, "the customer of the payment, signup or refund"},
    {"partner", true, "the customer's holder, or the partner asking to withdraw"},
};
// clang-format on

struct ByRecord {
    std::array<std::vector<const LedgerField*>, 9> fields;
    ByRecord() {
        for (const LedgerField& field : table) {
            if (field.stored()) {
                fields.at(static_cast<std::size_t>(field.record)).push_back(&field);
            }
        }
    }
};

} // namespace

std::optional<RecordType> record_of_object(std::string_view object) {
    static constexpr std::pair<std::string_view, RecordType> objects[] = {
        {"payment", R::payment},
        {"signup", R::signup},
        {"refund", R::refund},
        {"request", R::withdrawal},
        {"partner", R::partner}};
    for (const auto& [name, type] : objects) {
        if (name == object) {
            return type;
        }
    }
    return std::nullopt;
}

std::span<const LedgerField> ledger_fields() {
    return table;
}

std::span<const FieldObject> field_objects() {
    return objects;
}

std::span<const LedgerField* const> fields_of_record(RecordType type) {
    static const ByRecord by_record;
    return by_record.fields.at(static_cast<std::size_t>(type));
}

} // namespace accrue
