// The one field table (interpreter/ledger/fields.cpp): it is consistent, and
// what the reader stores is what the language reads. Every value below is
// the one written in tests/ledgers/fields/every_field.jsonl.
#include "interpreter/ledger/fields.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <set>

using namespace accrue;
using namespace accrue::test;

namespace {

const LedgerField& field(std::string_view object, std::string_view name) {
    for (const LedgerField& f : ledger_fields()) {
        if (f.object == object && f.name == name) {
            return f;
        }
    }
    FAIL("no field " << object << "." << name);
    throw std::logic_error("unreachable");
}

std::string text(const Value& v) {
    return v.present() ? std::string(v.text) : "<absent>";
}

Ledger every_field() {
    LedgerRules rules;
    rules.roles = {"referral", "integrator"};
    rules.default_payout_currency = *Currency::from_code("USD");
    return read_ledger(source_path("tests/ledgers/fields/every_field.jsonl"), rules);
}

} // namespace

TEST_CASE("the field table is consistent", "[fields]") {
    std::set<std::pair<RecordType, std::string_view>> keys;
    std::set<std::pair<std::string_view, std::string_view>> names;
    std::set<std::string_view> objects;
    for (const FieldObject& o : field_objects()) {
        objects.insert(o.name);
    }
    for (const LedgerField& f : ledger_fields()) {
        if (f.stored()) {
            CHECK(keys.emplace(f.record, f.key).second); // one row per key of a record
            CHECK((f.decode != Decode::money || !f.what.empty()));
            CHECK((f.decode != Decode::choice || !f.choices.empty()));
        }
        if (!f.object.empty()) {
            INFO(f.object << "." << f.name);
            CHECK(names.emplace(f.object, f.name).second);
            CHECK(objects.contains(f.object));
            CHECK(f.read != nullptr);
            CHECK(f.contexts != 0);
            CHECK_FALSE(f.meaning.empty());
        }
    }
    // ledger.md: every timed record has `at`; every record but a rate has `id`.
    for (const RecordType type :
         {RecordType::rate, RecordType::click, RecordType::signup, RecordType::attach,
          RecordType::status, RecordType::payment, RecordType::refund, RecordType::withdrawal}) {
        CHECK(keys.contains({type, "at"}));
        CHECK(keys.contains({type, "id"}) == (type != RecordType::rate));
    }
}

TEST_CASE("what the reader stores is what programs read", "[fields]") {
    const Ledger ledger = every_field();
    REQUIRE(ledger.records.size() == 3);
    FieldInput in;
    in.ledger = &ledger;
    in.payment = &ledger.records[1];
    in.signup = &ledger.records[0];
    in.partner = &ledger.partners[0];
    in.partner_role = ledger.partners[0].role;
    in.payout = *ledger.partners[0].currency;

    const auto read = [&](std::string_view object, std::string_view name) {
        return field(object, name).read(in);
    };
    CHECK(text(read("payment", "id")) == "p1");
    CHECK(read("payment", "at").micros == parse_rfc3339("2024-02-03T12:30:00Z")->micros);
    CHECK(text(read("payment", "customer")) == "c1");
    const Value amount = read("payment", "amount");
    CHECK(amount.number.to_string() == "120.50");
    CHECK(amount.currency.code() == "USD");
    CHECK(text(read("payment", "currency")) == "USD");
    CHECK(text(read("payment", "service")) == "hosting");
    CHECK(read("payment", "months").number.to_string() == "3");
    CHECK(text(read("payment", "promo_code")) == "SPRING");
    CHECK(read("payment", "discounted").boolean);
    CHECK(text(read("payment", "paid_by")) == "partner");
    CHECK(text(read("payment", "project")) == "shop");
    CHECK(text(read("payment", "integration")) == "api");
    CHECK(text(read("payment", "plan")) == "pro");
    CHECK(text(read("payment", "partner")) == "a1");

    CHECK(text(read("signup", "id")) == "s1");
    CHECK(text(read("signup", "customer")) == "c1");
    CHECK(text(read("signup", "visitor")) == "v1");
    CHECK(text(read("signup", "partner")) == "a1");
    CHECK(text(read("signup", "via")) == "promo_code");
    CHECK(text(read("signup", "promo_code")) == "SPRING");

    CHECK(text(read("partner", "id")) == "a1");
    CHECK(read("partner", "joined_at").micros == parse_rfc3339("2024-01-02T01:04:05Z")->micros);
    CHECK(text(read("partner", "role")) == "integrator");
    CHECK(text(read("partner", "currency")) == "EUR");
    CHECK(read("partner", "offer_accepted").boolean);
    CHECK(text(read("partner", "parent")) == "a0");
    CHECK(ledger.partners[0].promo_codes == std::vector<std::string_view>{"SPRING"});
    // Keys the contract does not list are kept as extras: strings only for a partner.
    REQUIRE(ledger.partners[0].extras.size() == 1);
    CHECK(ledger.partners[0].extras[0].key == "region");
    REQUIRE(ledger.records[1].extras_count == 1);
    CHECK(ledger.extras[ledger.records[1].extras_begin].value == "B7");
}

TEST_CASE("fields a record leaves out read as their documented defaults", "[fields]") {
    const Ledger ledger = every_field();
    FieldInput in;
    in.ledger = &ledger;
    in.payment = &ledger.records[2]; // p2: only the required fields, amount as a JSON number
    const auto read = [&](std::string_view name) { return field("payment", name).read(in); };
    CHECK(read("amount").number.to_string() == "7");
    CHECK(text(read("service")) == "<absent>");
    CHECK(read("months").number.to_string() == "1");
    CHECK_FALSE(read("discounted").boolean);
    CHECK(text(read("paid_by")) == "customer");
    CHECK(text(read("plan")) == "<absent>");
    CHECK(text(read("partner")) == "<absent>");
    // Without a holder (an exclusion), the partner's fields are absent.
    CHECK_FALSE(field("partner", "id").read(in).present());
    CHECK_FALSE(field("partner", "role").read(in).present());
}
