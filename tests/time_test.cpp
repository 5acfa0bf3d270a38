// Instants, RFC 3339 and time zones across the DST switch.
#include "interpreter/values/time.hpp"

#include <catch2/catch.hpp>

using namespace accrue;

namespace {
Instant at(const char* text) {
    auto t = parse_rfc3339(text);
    REQUIRE(t.has_value());
    return *t;
}
} // namespace

TEST_CASE("RFC 3339 times with Z or an offset, at most six fractional digits", "[time]") {
    CHECK(at("2024-03-05T10:15:00+02:00") == at("2024-03-05T08:15:00Z"));
    CHECK(at("2024-01-01T00:00:00Z").micros == 1704067200LL * 1'000'000);
    CHECK(at("2024-01-01T00:00:00.5Z").micros == 1704067200LL * 1'000'000 + 500'000);
    CHECK(at("2024-01-01T00:00:00.000001Z").micros == 1704067200LL * 1'000'000 + 1);
    CHECK(at("2024-02-29T12:00:00-05:30") == at("2024-02-29T17:30:00Z"));
    for (const char* bad :
         {"2024-01-02 10:15", "2024-01-02T10:15:00", "2024-01-02T00:00:00.0000000Z",
          "2023-02-29T00:00:00Z", "2024-13-01T00:00:00Z", "2024-01-01T24:00:00Z",
          "2024-01-01T00:00:00+2:00", "2024-01-01T00:00:00.Z", "2024-01-01"}) {
        INFO(bad);
        CHECK_FALSE(parse_rfc3339(bad).has_value());
    }
}

TEST_CASE("30 days are 720 hours, so the wall clock moves across the DST switch", "[time]") {
    const auto kyiv = TimeZone::locate("Europe/Kyiv");
    REQUIRE(kyiv.has_value());
    // uh_basic pay1: 2024-03-15T12:00+02:00 + 30 x 24 h = 2024-04-14T13:00+03:00.
    const Instant paid = at("2024-03-15T12:00:00+02:00");
    CHECK(kyiv->format(paid) == "2024-03-15T12:00:00+02:00");
    CHECK(kyiv->format(paid + Duration::days(30)) == "2024-04-14T13:00:00+03:00");
    // The switch itself: 2024-03-31 03:00 local (+02) becomes 04:00 (+03) at 01:00Z.
    CHECK(kyiv->format(at("2024-03-31T00:59:59Z")) == "2024-03-31T02:59:59+02:00");
    CHECK(kyiv->format(at("2024-03-31T01:00:00Z")) == "2024-03-31T04:00:00+03:00");
    // And back in October: 04:00 (+03) becomes 03:00 (+02) at 01:00Z.
    CHECK(kyiv->format(at("2024-10-27T00:59:59Z")) == "2024-10-27T03:59:59+03:00");
    CHECK(kyiv->format(at("2024-10-27T01:00:00Z")) == "2024-10-27T03:00:00+02:00");
}

TEST_CASE("local dates and the start of a local day", "[time]") {
    const auto kyiv = TimeZone::locate("Europe/Kyiv");
    const auto moscow = TimeZone::locate("Europe/Moscow");
    REQUIRE(kyiv.has_value());
    REQUIRE(moscow.has_value());
    // umnico_integrator: joined 2024-03-01T23:30Z is 2024-03-02 in Moscow.
    CHECK(format_date(moscow->local_date(at("2024-03-01T23:30:00Z"))) == "2024-03-02");
    CHECK(format_date(kyiv->local_date(at("2024-02-29T22:00:00Z"))) == "2024-03-01");
    CHECK(format_date(kyiv->local_date(at("2024-02-29T21:59:59Z"))) == "2024-02-29");
    const auto april = parse_iso_date("2024-04-01");
    REQUIRE(april.has_value());
    CHECK(kyiv->format(kyiv->start_of(*april)) == "2024-04-01T00:00:00+03:00");
    CHECK(kyiv->start_of(*parse_iso_date("2024-03-01")) == at("2024-02-29T22:00:00Z"));
    CHECK_FALSE(parse_iso_date("2024-02-30").has_value());
}

TEST_CASE("UTC is written with Z, fractions only where present", "[time]") {
    const auto utc = TimeZone::locate("UTC");
    REQUIRE(utc.has_value());
    CHECK(utc->format(at("2024-02-12T00:00:00+03:00")) == "2024-02-11T21:00:00Z");
    CHECK(utc->format(at("2024-02-12T00:00:00.250Z")) == "2024-02-12T00:00:00.25Z");
    CHECK_FALSE(TimeZone::locate("Europe/Kyyiv").has_value());
}

TEST_CASE("local day and month arithmetic, across the DST switch", "[time]") {
    const auto kyiv = TimeZone::locate("Europe/Kyiv");
    REQUIRE(kyiv.has_value());
    // ringostat: a March payment is available at 00:00 of April 1st, Kyiv summer time.
    const Instant paid = at("2024-03-15T12:00:00+02:00");
    const YearMonth march = month_of(kyiv->local_date(paid));
    CHECK(format_month(march) == "2024-03");
    CHECK(kyiv->format(kyiv->start_of(first_day(add_months(march, 1)))) ==
          "2024-04-01T00:00:00+03:00");
    // The first second of a month belongs to it: 2024-02-29T22:00Z is March 1st in Kyiv.
    CHECK(format_month(month_of(kyiv->local_date(at("2024-02-29T22:00:00Z")))) == "2024-03");
    CHECK(format_month(month_of(kyiv->local_date(at("2024-02-29T21:59:59Z")))) == "2024-02");
    CHECK(format_month(add_months({2024, 12}, 1)) == "2025-01");
    CHECK(format_month(add_months({2024, 1}, -1)) == "2023-12");
    CHECK(format_month(add_months({2024, 3}, -15)) == "2022-12");
    CHECK(format_date(first_day({2024, 2})) == "2024-02-01");
    // Local days: umnico's 30-day periods count local dates, D0 + 30k.
    CHECK(format_date(add_days(*parse_iso_date("2024-02-09"), 30)) == "2024-03-10"); // leap year
    CHECK(format_date(add_days(*parse_iso_date("2024-03-10"), -30)) == "2024-02-09");
    // Local midnight in October, when 03:00 repeats: 00:00 is unambiguous and at +03:00.
    CHECK(kyiv->format(kyiv->start_of(*parse_iso_date("2024-10-27"))) ==
          "2024-10-27T00:00:00+03:00");
    CHECK(kyiv->format(kyiv->start_of(*parse_iso_date("2024-10-28"))) ==
          "2024-10-28T00:00:00+02:00");
}

TEST_CASE("months: the same clock time, the day clamped to the month's last", "[time][calendar]") {
    const auto kyiv = TimeZone::locate("Europe/Kyiv");
    REQUIRE(kyiv.has_value());
    const auto plus = [&](const char* t, std::int64_t months) {
        const auto result = kyiv->add_months(at(t), months);
        REQUIRE(result.has_value());
        return kyiv->format(*result);
    };
    // Month ends and leap years.
    CHECK(plus("2024-01-31T12:00:00+02:00", 1) == "2024-02-29T12:00:00+02:00");
    CHECK(plus("2023-01-31T12:00:00+02:00", 1) == "2023-02-28T12:00:00+02:00");
    CHECK(plus("2024-02-29T12:00:00+02:00", 12) == "2025-02-28T12:00:00+02:00");
    CHECK(plus("2024-02-29T12:00:00+02:00", 48) == "2028-02-29T12:00:00+02:00");
    CHECK(plus("2024-05-31T09:00:00+03:00", 1) == "2024-06-30T09:00:00+03:00");
    CHECK(plus("2024-12-31T09:00:00+02:00", 2) == "2025-02-28T09:00:00+02:00");
    // Clamping does not carry: Jan 31 + 2 months is Mar 31, (+1) + 1 is Mar 29.
    CHECK(plus("2024-01-31T12:00:00+02:00", 2) == "2024-03-31T12:00:00+03:00");
    CHECK(plus("2024-02-29T12:00:00+02:00", 1) == "2024-03-29T12:00:00+02:00");
    // Backwards, and across the year.
    CHECK(plus("2024-03-31T10:00:00+03:00", -1) == "2024-02-29T10:00:00+02:00");
    CHECK(plus("2024-01-15T10:00:00+02:00", -13) == "2022-12-15T10:00:00+02:00");
    // Across the DST switch the clock time stays: 12:00 in winter and in summer.
    CHECK(plus("2024-02-15T12:00:00+02:00", 2) == "2024-04-15T12:00:00+03:00");
    // 03:30 does not exist on 2024-03-31 (03:00 -> 04:00): it moves on by the gap.
    CHECK(plus("2024-01-31T03:30:00+02:00", 2) == "2024-03-31T04:30:00+03:00");
    // 03:30 happens twice on 2024-10-27: the earlier, at +03:00.
    CHECK(plus("2024-09-27T03:30:00+03:00", 1) == "2024-10-27T03:30:00+03:00");
    CHECK(kyiv->add_months(at("2024-09-27T03:30:00+03:00"), 1) == at("2024-10-27T00:30:00Z"));
    // Out of the years 0001 to 9999: no result, never a wrap.
    const auto utc = TimeZone::locate("UTC");
    REQUIRE(utc.has_value());
    CHECK_FALSE(utc->add_months(at("9999-12-15T00:00:00Z"), 1).has_value());
    CHECK_FALSE(utc->add_months(at("0001-01-15T00:00:00Z"), -1).has_value());
    CHECK(utc->add_months(at("0001-01-15T00:00:00Z"), 119'987).has_value()); // 9999-12
}

TEST_CASE("the start of a day, month or year, in the zone", "[time][calendar]") {
    const auto kyiv = TimeZone::locate("Europe/Kyiv");
    REQUIRE(kyiv.has_value());
    // March 31st 23:30 summer time: the month began in winter time.
    CHECK(kyiv->format(kyiv->start_of_month(at("2024-03-31T23:30:00+03:00"))) ==
          "2024-03-01T00:00:00+02:00");
    // 2023-12-31T22:30Z is already 2024 in Kyiv.
    CHECK(kyiv->start_of_year(at("2023-12-31T22:30:00Z")) == at("2023-12-31T22:00:00Z"));
    CHECK(kyiv->start_of_year(at("2023-12-31T21:59:59Z")) == at("2022-12-31T22:00:00Z"));
    CHECK(kyiv->format(kyiv->start_of_month(at("2024-11-01T00:00:00+02:00"))) ==
          "2024-11-01T00:00:00+02:00");
}

TEST_CASE("the Nth day of the month at or after a time", "[time][calendar]") {
    const auto kyiv = TimeZone::locate("Europe/Kyiv");
    REQUIRE(kyiv.has_value());
    const auto payday = [&](const char* t, int day) {
        const auto result = kyiv->day_of_month_from(at(t), day);
        REQUIRE(result.has_value());
        return kyiv->format(*result);
    };
    CHECK(payday("2024-03-10T00:00:00+02:00", 10) == "2024-03-10T00:00:00+02:00"); // at: itself
    CHECK(payday("2024-03-10T00:00:01+02:00", 10) == "2024-04-10T00:00:00+03:00");
    CHECK(payday("2024-03-09T23:59:59+02:00", 10) == "2024-03-10T00:00:00+02:00");
    CHECK(payday("2024-12-11T08:00:00+02:00", 10) == "2025-01-10T00:00:00+02:00");
    // A day a month lacks is its last: the 31st of February 2024 is the 29th.
    CHECK(payday("2024-01-31T12:00:00+02:00", 31) == "2024-02-29T00:00:00+02:00");
    CHECK(payday("2024-02-29T12:00:00+02:00", 31) == "2024-03-31T00:00:00+02:00");
    CHECK(payday("2023-02-15T12:00:00+02:00", 30) == "2023-02-28T00:00:00+02:00");
    const auto utc = TimeZone::locate("UTC");
    REQUIRE(utc.has_value());
    CHECK_FALSE(utc->day_of_month_from(at("9999-12-20T00:00:00Z"), 10).has_value());
}
