// Decimal arithmetic: exact, with explicit rounding, and overflow as an error.
#include "interpreter/values/currency.hpp"
#include "interpreter/values/decimal.hpp"

#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

using accrue::Decimal;
using accrue::DecimalOverflow;
using accrue::Rounding;

namespace {
Decimal d(const char* text) {
    auto value = Decimal::parse(text);
    REQUIRE(value.has_value());
    return *value;
}
std::string round_to(const char* text, int scale, Rounding mode) {
    return d(text).rounded(scale, mode).to_string();
}
} // namespace

TEST_CASE("decimals parse only plain decimal text", "[decimal]") {
    CHECK(d("149.90").to_string() == "149.90");
    CHECK(d("-0.5").to_string() == "-0.5");
    CHECK(d("0").to_string() == "0");
    CHECK(d("0.05").to_string() == "0.05");
    // Both sides of 2^64 (printing takes 64-bit digits below it, 128-bit above).
    CHECK(d("184467440737.09551615").to_string() == "184467440737.09551615");
    CHECK(d("-184467440737.09551616").to_string() == "-184467440737.09551616");
    CHECK(d("12345678901234567890123456789.012345678").to_string() ==
          "12345678901234567890123456789.012345678");
    CHECK(d("41.2035").scale() == 4);
    for (const char* bad : {"", "-", ".5", "5.", "1e3", "1,000.00", "+1", " 1", "1 ", "0x10",
                            "1.2.3", "NaN", "1.0000000000000000000000000000001"}) {
        INFO(bad);
        CHECK_FALSE(Decimal::parse(bad).has_value());
    }
}

TEST_CASE("half away from zero rounds .5 away from zero, negatives included", "[decimal]") {
    const auto mode = Rounding::half_away_from_zero;
    CHECK(round_to("149.995", 2, mode) == "150.00"); // uh_basic pay1: 1499.95 x 10 %
    CHECK(round_to("49.995", 2, mode) == "50.00");
    CHECK(round_to("0.005", 2, mode) == "0.01");
    CHECK(round_to("0.0049", 2, mode) == "0.00");
    CHECK(round_to("-0.005", 2, mode) == "-0.01");
    CHECK(round_to("-49.9995", 2, mode) == "-50.00");
    CHECK(round_to("2.5", 0, mode) == "3");
    CHECK(round_to("-2.5", 0, mode) == "-3");
    CHECK(round_to("1.2", 3, mode) == "1.200"); // widening is exact
}

TEST_CASE("half even and down are available as options", "[decimal]") {
    CHECK(round_to("2.5", 0, Rounding::half_even) == "2");
    CHECK(round_to("3.5", 0, Rounding::half_even) == "4");
    CHECK(round_to("-2.5", 0, Rounding::half_even) == "-2");
    CHECK(round_to("0.125", 2, Rounding::half_even) == "0.12");
    CHECK(round_to("0.135", 2, Rounding::half_even) == "0.14");
    CHECK(round_to("0.129", 2, Rounding::down) == "0.12");
    CHECK(round_to("-0.129", 2, Rounding::down) == "-0.12");
}

TEST_CASE("arithmetic is exact", "[decimal]") {
    CHECK((d("0.1") + d("0.2")).to_string() == "0.3");
    CHECK((d("1499.95") * d("0.1")).to_string() == "149.995");
    CHECK((d("10.00") - d("10.01")).to_string() == "-0.01");
    CHECK((-d("40.00")).to_string() == "-40.00");
    CHECK(d("1.10") == d("1.1"));
    CHECK(d("-1") < d("0.001"));
}

TEST_CASE("division rounds to the asked scale", "[decimal]") {
    const auto mode = Rounding::half_away_from_zero;
    // umnico: -round(150.00 x 333.33 / 1000.00) = -round(49.9995) = -50.00
    CHECK(Decimal::divide(d("150.00") * d("333.33"), d("1000.00"), 2, mode).to_string() == "50.00");
    // 2699.55 RUB / 90 = 29.995 -> 30.00 USD; 2699.54 / 90 = 29.99488.. -> 29.99
    CHECK(Decimal::divide(d("2699.55"), d("90"), 2, mode).to_string() == "30.00");
    CHECK(Decimal::divide(d("2699.54"), d("90"), 2, mode).to_string() == "29.99");
    CHECK(Decimal::divide(d("-1"), d("3"), 4, mode).to_string() == "-0.3333");
    CHECK(Decimal::divide(d("-2"), d("3"), 0, mode).to_string() == "-1");
    CHECK(Decimal::divide(d("1"), d("8"), 2, Rounding::half_even).to_string() == "0.12");
    CHECK_THROWS_AS(Decimal::divide(d("1"), d("0"), 2, mode), std::domain_error);
}

TEST_CASE("overflow is an error, not a wrap", "[decimal]") {
    const Decimal big = d("99999999999999999999999999999999999999"); // 38 digits
    CHECK_THROWS_AS(big + d("1"), DecimalOverflow);
    CHECK_THROWS_AS(big * d("10"), DecimalOverflow);
    CHECK_THROWS_AS(d("12345678901234567890") * d("12345678901234567890"), DecimalOverflow);
    CHECK_FALSE(Decimal::parse("999999999999999999999999999999999999999").has_value()); // 39 digits
}

TEST_CASE("a decimal kept at 8-byte alignment keeps all 38 digits", "[decimal]") {
    // Records and lines hold decimals after 4-byte members (decimal.hpp packs
    // them to 8): the widest values must survive being stored there.
    struct Held {
        std::uint32_t before = 7;
        Decimal amount;
    };
    std::vector<Held> held(3);
    held[1].amount = d("99999999999999999999999999999999999999"); // 38 nines
    held[2].amount = d("-0.000000000000000000000000000001");      // scale 30
    CHECK(sizeof(Decimal) == 24);
    CHECK((held[1].amount - d("1")).to_string() == "99999999999999999999999999999999999998");
    CHECK((held[2].amount * d("2")).to_string() == "-0.000000000000000000000000000002");
    CHECK_THROWS_AS(held[1].amount + d("1"), DecimalOverflow);
    CHECK(held[0].before == 7);
}

TEST_CASE("a currency packs its code and minor units in four bytes", "[decimal]") {
    using accrue::Currency;
    const Currency bhd = *Currency::from_code("BHD"); // 3 minor digits
    const Currency jpy = *Currency::from_code("JPY"); // none
    const Currency usd = *Currency::from_code("USD"); // 2
    CHECK(sizeof(Currency) == 4);
    CHECK(bhd.minor_units() == 3);
    CHECK(jpy.minor_units() == 0);
    CHECK(usd.minor_units() == 2);
    CHECK(bhd.code() == "BHD");
    CHECK(std::string(jpy.code_view()) == "JPY");
    // Ordered by code alone: BHD's three minor digits do not put it after USD.
    CHECK(bhd < jpy);
    CHECK(jpy < usd);
    CHECK(usd == *Currency::from_code("USD"));
    CHECK(usd != bhd);
    CHECK_FALSE(Currency{}.valid());
}
