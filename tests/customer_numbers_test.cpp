// Customers are numbered in the order first named, each key once: the table
// behind it (customer_numbers.hpp) and the reader, which numbers a block's
// customers after decoding it, with its lookups asked of memory ahead.
#include "interpreter/ledger/customer_numbers.hpp"
#include "interpreter/ledger/ledger.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace accrue;
using accrue::reading::CustomerNumbers;

namespace {

// Adds `key` the way the reader does: a key not found gets the next number.
std::uint32_t number_of(CustomerKeys& keys, CustomerNumbers& numbers, const std::string& key) {
    const std::uint64_t hash = CustomerNumbers::hash_of(key);
    numbers.prefetch_slot(hash); // asking ahead never changes an answer
    numbers.prefetch_start(hash);
    numbers.prefetch_text(hash);
    if (const auto number = numbers.find(key, hash)) {
        return *number;
    }
    keys.push_back(key);
    numbers.add(keys.size() - 1, hash);
    return keys.size() - 1;
}

} // namespace

TEST_CASE("customer numbers: in the order first named, each key once", "[customers]") {
    CustomerKeys keys;
    CustomerNumbers numbers(keys);
    CHECK_FALSE(numbers.find("c1").has_value()); // an empty table
    CHECK(number_of(keys, numbers, "c1") == 0);
    CHECK(number_of(keys, numbers, "c10") == 1); // a key that starts like another
    CHECK(number_of(keys, numbers, "c1") == 0);
    CHECK(number_of(keys, numbers, "") == 2);
    CHECK(number_of(keys, numbers, std::string(300, 'x')) == 3); // a length of two bytes
    CHECK(number_of(keys, numbers, "c10") == 1);
    CHECK(keys[3] == std::string(300, 'x'));
    CHECK(keys.size() == 4);
}

TEST_CASE("customer numbers: 200,000 keys through every growth of the table", "[customers]") {
    // With a byte of hash a slot, keys meet others' slots of the same byte
    // thousands of times here: each is told apart by its text.
    CustomerKeys keys;
    CustomerNumbers numbers(keys);
    constexpr std::uint32_t count = 200'000;
    for (std::uint32_t i = 0; i < count; ++i) {
        REQUIRE(number_of(keys, numbers, "customer-" + std::to_string(i)) == i);
    }
    for (std::uint32_t i = 0; i < count; i += 7) {
        REQUIRE(numbers.find("customer-" + std::to_string(i)) == std::optional(i));
    }
    for (std::uint32_t i = count; i < count + 1000; ++i) {
        REQUIRE_FALSE(numbers.find("customer-" + std::to_string(i)).has_value());
    }
    CHECK(keys.size() == count);
    CHECK(keys[123'456] == "customer-123456");
}

TEST_CASE("the reader numbers customers in the order first named, escapes resolved",
          "[customers]") {
    LedgerRules rules;
    rules.fixed_payout_currency = Currency::from_code("UAH");
    rules.default_payout_currency = *Currency::from_code("UAH");
    // "\u0062" is "b": the same customer as "b".
    const std::string text =
        R"({"type":"partner","id":"p1","joined_at":"2024-01-01T00:00:00Z"})"
        "\n"
        R"({"type":"signup","id":"s1","at":"2024-01-02T00:00:00Z","customer":"b","partner":"p1"})"
        "\n"
        R"({"type":"signup","id":"s2","at":"2024-01-03T00:00:00Z","customer":"a","partner":"p1"})"
        "\n"
        R"({"type":"status","id":"t1","at":"2024-01-04T00:00:00Z","customer":"\u0062","status":"vip"})"
        "\n"
        R"({"type":"status","id":"t2","at":"2024-01-05T00:00:00Z","customer":"c","status":"vip"})"
        "\n";
    for (const std::size_t block : {std::size_t{4} << 20, std::size_t{100}}) {
        INFO("blocks of " << block << " bytes");
        rules.block_bytes = block;
        const Ledger ledger = read_ledger_text("numbers.jsonl", text, rules);
        REQUIRE(ledger.records.size() == 4);
        CHECK(ledger.records[0].customer_index == 0);
        CHECK(ledger.records[1].customer_index == 1);
        CHECK(ledger.records[2].customer_index == 0);
        CHECK(ledger.records[3].customer_index == 2);
        CHECK(ledger.customer_count() == 3);
        CHECK(ledger.customer_of(ledger.records[2]) == "b");
        CHECK(ledger.customer_of(ledger.records[3]) == "c");
    }
}
