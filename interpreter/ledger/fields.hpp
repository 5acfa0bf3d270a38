// The one table of fields (fields.cpp): every field of a ledger record that
// ledger.md lists, and every field a program can read, each declared once
// with its record, its name, whether it is required, how the reader decodes
// it and stores it, and, for a field programs read, its name in the
// language, its type and how evaluation gets its value. The reader, the
// checker ("unknown field", did-you-mean, "`signup` has: ...") and the
// evaluator all read this table; docs/language.md lists the same fields
// (tests/docs_test.cpp checks it).
#pragma once

#include "interpreter/ledger/ledger.hpp"
#include "interpreter/values/value.hpp"

#include <cstdint>
#include <optional>
#include <span>
#include <string_view>

namespace accrue {

// Where an expression is evaluated: it decides which fields it may read.
enum class Context : std::uint8_t {
    exclusion,  // exclusions: the payment may have no partner
    payment,    // rules on payment: they run only for a payment with a partner
    signup,     // rules on signup: they run only for a signup that found a partner
    withdrawal, // withdrawal checks and due by
    benefits,   // benefit conditions: a partner's closed period of a rule
    refund,     // clawback conditions: a refund of a payment that earned a commission
};

// A set of contexts, as bits.
using Contexts = std::uint8_t;
constexpr Contexts in(Context c) {
    return static_cast<Contexts>(1U << static_cast<unsigned>(c));
}
constexpr Contexts about_a_payment = in(Context::exclusion) | in(Context::payment);
constexpr Contexts with_a_customer = about_a_payment | in(Context::signup);
constexpr Contexts everywhere =
    with_a_customer | in(Context::withdrawal) | in(Context::benefits) | in(Context::refund);
// The payment record's own fields: also the refunded payment's, in clawbacks.
constexpr Contexts of_the_payment = about_a_payment | in(Context::refund);

// What the walk knows about the customer of the event at hand.
struct CustomerFacts {
    std::string_view status;             // empty: no status record yet
    std::string_view attributed_by;      // the model that gave the holder; empty: no holder
    std::string_view click_source;       // the source of the click that gave the holder, if any
    bool first_payment = false;          // the customer's first payment in the ledger
    std::uint32_t payment_number = 0;    // 1 for the customer's first payment, 2 for the second...
    Instant first_paid_at;               // the `at` of the customer's first payment
    std::optional<Instant> last_paid_at; // the customer's previous payment; none at the first
    std::optional<Instant> signed_up_at; // none: the ledger has no signup of the customer
    std::optional<Instant> clicked_at;   // the click that gave the holder, if any
    const Decimal* sums = nullptr;       // `sum of X for customer`, by ProgramNeeds::customer_sums
    const Record* signup = nullptr;      // the customer's signup record, if any
};

// Everything a field's value is read from.
struct FieldInput {
    const Ledger* ledger = nullptr;
    const Record* payment = nullptr;  // exclusions and rules on payment
    const Record* signup = nullptr;   // rules on signup
    const Record* refund = nullptr;   // clawbacks (`payment` is the refunded payment)
    const Partner* partner = nullptr; // the holder, or the partner asking to withdraw
    std::string_view partner_role;    // the partner's role, the program's default applied
    Currency payout;                  // the partner's payout currency
    CustomerFacts customer;
    // A withdrawal request, or the as-of checks (the balance as the amount).
    const Record* request = nullptr; // the withdrawal record; none in the as-of checks
    std::string_view request_id;
    Instant request_at;
    Decimal request_amount;
    // Clawbacks: the refunded payment's commission line.
    Decimal commission_amount;
    Instant commission_available_at;
    std::string_view commission_rule;
};

// How the reader decodes a JSON value; each has its own messages.
enum class Decode : std::uint8_t {
    id,              // a non-empty string
    time,            // an RFC 3339 string
    joined_at,       // an RFC 3339 string (a partner's)
    text,            // a string
    customer,        // a string: a customer's key, numbered as it is read (Record::customer_index)
    choice,          // a string of a closed list (LedgerField::choices)
    money,           // a positive decimal, as a string or a plain JSON number
    currency,        // an ISO 4217 code
    usd,             // an ISO 4217 code that must be USD (ledger version 1)
    boolean,         // true or false
    months,          // a whole number >= 1
    partner_ref,     // the id of a partner record, resolved once every partner is read
    role,            // a role of the program
    payout_currency, // an ISO 4217 code the program may pay in
    strings,         // an array of strings
    object,          // a JSON object
};

// A decoded value, for the store functions.
struct Decoded {
    std::string_view text;
    Decimal number;
    Currency currency;
    Instant time;
    bool boolean = false;
    std::uint32_t count = 0;
    std::span<const std::string_view> strings;
};

// The type a field has in the language.
enum class FieldType : std::uint8_t {
    text,
    time,
    boolean,
    number,
    money_of_payment, // money in the payment's own currency
    money_of_payout,  // money in the partner's payout currency
};

struct LedgerField {
    // The ledger's side: none for a field the walk derives (customer.status).
    RecordType record = RecordType::payment;
    std::string_view key = {}; // the JSON key; empty: not read from a record
    bool required = false;
    Decode decode = Decode::text;
    std::span<const std::string_view> choices = {}; // Decode::choice
    std::string_view what = {};                     // Decode::money: "an amount"
    void (*store)(Record&, const Decoded&) = nullptr;
    std::uint8_t text_slot = text_slot::none; // a type-specific text: where the record keeps it
    void (*store_partner)(Partner&, const Decoded&) = nullptr;

    // The language's side: none for a field programs do not read (rate.base).
    std::string_view object = {}; // "payment"; empty: not readable
    std::string_view name = {};   // "amount"
    FieldType type = FieldType::text;
    bool optional = false;  // the value may be absent
    bool of_holder = false; // absent where the holder may be (exclusions)
    Contexts contexts = 0;  // where programs may read it
    Value (*read)(const FieldInput&) = nullptr;
    std::string_view meaning = {}; // one line, for docs and editors

    [[nodiscard]] bool readable_in(Context c) const { return (contexts & in(c)) != 0; }
    [[nodiscard]] bool stored() const { return !key.empty(); }
};

// The objects programs read fields of (`payment.`, `customer.`, ...), in the
// order messages list them.
struct FieldObject {
    std::string_view name;
    bool has_extras; // a key the contract does not list is read as optional text
    std::string_view meaning;
};

// The record type whose extra fields `object.NAME` names in programs
// (`request` is the withdrawal); nullopt for an object without records.
std::optional<RecordType> record_of_object(std::string_view object);

std::span<const LedgerField> ledger_fields();
std::span<const FieldObject> field_objects();

// The ledger fields of one record type, in the table's order.
std::span<const LedgerField* const> fields_of_record(RecordType type);

} // namespace accrue
