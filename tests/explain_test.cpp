// `accrue explain`: each step that decided a record's figures, with the values
// it compared. The ledgers are the cookbook's (docs/cookbook/): clicks.jsonl
// with first_click.accrue (first click within 10 years, and `payment
// partner`), customers.jsonl with cpa.accrue (30.00 EUR once per customer, on
// a payment of 50.00 EUR or more).
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue::test;

namespace {

std::string explain(const std::string& program, const std::string& ledger,
                    const std::string& event) {
    const CliResult result = run({"explain", source_path("docs/cookbook/" + program), "--ledger",
                                  source_path("docs/cookbook/" + ledger), "--event", event});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return result.out;
}

std::size_t count(const std::string& text, const std::string& part) {
    std::size_t n = 0;
    for (std::size_t at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) {
        ++n;
    }
    return n;
}

} // namespace

TEST_CASE("explain: why a customer is held, by which model, record and window", "[explain]") {
    // c1 (visitor v1) signed up 2024-01-10; its first click within 10 years is k1, 2015-01-01.
    CHECK_THAT(explain("first_click.accrue", "clicks.jsonl", "pay4"),
               Catch::Contains("  - customer c1 is held by partner a (role content), attributed by "
                               "first_click (line 10): the earliest click of the visitor within "
                               "10 years before the signup s1 at 2024-01-10T00:00:00Z: at "
                               "2015-01-01T00:00:00Z\n"));
    // c4 has no visitor, and no model reads promo codes.
    CHECK_THAT(explain("first_click.accrue", "clicks.jsonl", "pay6"),
               Catch::Contains("  - customer c4 has no partner (signup s4 at 2024-01-10T00:00:00Z "
                               "gave none the attribution models accept)\n"));
}

TEST_CASE("explain: a sale through a partner's own link is that partner's; the holder stays",
          "[explain]") {
    const std::string pay3 = explain("first_click.accrue", "clicks.jsonl", "pay3");
    CHECK_THAT(pay3, Catch::Contains("  - payment pay3 came through the own link of partner b "
                                     "(role coupon): by `payment partner` (line 11) the sale is "
                                     "b's; customer c1 stays held by partner a\n"));
    CHECK_THAT(pay3, !Catch::Contains("is held by partner b"));
    CHECK_THAT(pay3, Catch::Contains("  commission 5.00 USD to b"));
}

TEST_CASE("explain: a `when` that does not hold shows the values it compared", "[explain]") {
    CHECK_THAT(explain("cpa.accrue", "customers.jsonl", "pay1"),
               Catch::Contains("  - rule cpa (line 14): its `when` does not hold: payment.amount "
                               "(20.00 EUR) in EUR >= 50.00 EUR\n"));
}

TEST_CASE("explain: a rule used up by `once per customer` names the line that used it",
          "[explain]") {
    // c1: pay1 20.00 (too small), pay2 80.00 (the CPA), pay3 90.00: already paid by pay2.
    const std::string pay3 = explain("cpa.accrue", "customers.jsonl", "pay3");
    CHECK_THAT(pay3, Catch::Contains("  - rule cpa (line 14): once per customer, already paid by "
                                     "the line of pay2\n"));
    CHECK_THAT(pay3, Catch::Contains("  excluded: no_rule\n"));
}

TEST_CASE("explain: the base's arithmetic, and each conversion once", "[explain]") {
    // ukraine_hosting pay2: 19.99 USD x 39.50 = 789.605 -> 789.61 UAH.
    const CliResult pay2 =
        run({"explain", source_path("programs/ukraine_hosting.accrue"), "--ledger",
             source_path("programs/ukraine_hosting.sample.jsonl"), "--event", "pay2"});
    CHECK_THAT(pay2.out, Catch::Contains("  - base payment.amount (19.99 USD) in UAH\n  - "
                                         "conversion: 19.99 USD x 39.50 = 789.61 UAH"));
    // ringostat w1: the min_balance check converts 3800.00 UAH at 40: once, after the checks.
    const CliResult w1 = run({"explain", source_path("programs/ringostat.accrue"), "--ledger",
                              source_path("programs/ringostat.sample.jsonl"), "--event", "w1"});
    CHECK(count(w1.out, "conversion: 3800.00 UAH / 40 = 95.00 USD") == 1);
    CHECK_THAT(w1.out, Catch::Contains("  - check min_balance: 95.00 > 100.00 USD -> FAILED\n  - "
                                       "in the checks, conversion: 3800.00 UAH / 40 = 95.00 USD"));
}

TEST_CASE("explain: a signup says whose customer it makes and the rules it tries", "[explain]") {
    // message_help sc01: promo code R1 is r1's; promo_code_bonus pays the customer 5.00 EUR.
    const CliResult sc01 =
        run({"explain", source_path("programs/message_help.accrue"), "--ledger",
             source_path("programs/message_help.sample.jsonl"), "--event", "sc01"});
    CHECK_THAT(sc01.out, Catch::Contains("  - customer c01 is now held by partner r1, attributed "
                                         "by promo_code (line 15): the promo code \"R1\" is "
                                         "r1's\n  - rule promo_code_bonus (line 21) applies: a "
                                         "customer_bonus line\n"));
    CHECK_THAT(sc01.out, !Catch::Contains("informational"));
    // umnico s1: no rule on signup; the latest click within 30 days gives p1.
    const CliResult s1 = run({"explain", source_path("programs/umnico.accrue"), "--ledger",
                              source_path("programs/umnico.sample.jsonl"), "--event", "s1"});
    CHECK_THAT(s1.out, Catch::Contains("attributed by last_click (line 16): the latest click of "
                                       "the visitor within 30 days, at 2024-01-10T12:00:00+03:00, "
                                       "source \"blog\"\n"));
    CHECK_THAT(s1.out, Catch::Contains("  informational: it made no line\n"));
}

TEST_CASE("explain: each exclusion and rate case with the values it read", "[explain]") {
    const auto hosting = [](const std::string& event) {
        return run({"explain", source_path("programs/ukraine_hosting.accrue"), "--ledger",
                    source_path("programs/ukraine_hosting.sample.jsonl"), "--event", event})
            .out;
    };
    // pay5 (c4): a domain, with a promo code: `promo_code` holds before `discounted` is tried.
    const std::string pay5 = hosting("pay5");
    CHECK_THAT(pay5, Catch::Contains("  - exclusion promo_code (line 21): holds -> excluded: "
                                     "payment.promo_code (\"X\") is set\n"));
    CHECK_THAT(pay5, !Catch::Contains("exclusion discounted"));
    // pay8: c1 is silver (st2), so the first case fails and `otherwise` gives 1 %.
    CHECK_THAT(hosting("pay8"),
               Catch::Contains("  - rate case on line 32 does not hold: customer.status "
                               "(\"silver\") default \"basic\" in {\"basic\", \"retail\"}\n  - "
                               "rate case on line 33 (otherwise)\n"));
}

TEST_CASE("explain: clicks, attaches and statuses say what reads them", "[explain]") {
    const auto explained = [](const std::string& name, const std::string& event) {
        return run({"explain", source_path("programs/" + name + ".accrue"), "--ledger",
                    source_path("programs/" + name + ".sample.jsonl"), "--event", event})
            .out;
    };
    // umnico.sample.expect.md: k1 (blog) gives c1 to p1; a1 attaches c2 to p1 on Jan 20.
    CHECK_THAT(
        explained("umnico", "k1"),
        Catch::Contains("  - click of visitor v1 for partner p1 at 2024-01-10T12:00:00+03:00 "
                        "(source \"blog\"): the click models read it at this visitor's "
                        "later signups, within their window\n"));
    CHECK_THAT(explained("umnico", "a1"),
               Catch::Contains("  - customer c2 is held by partner p1 from "
                               "2024-01-20T12:00:00+03:00 (attribution `attach`)"));
    // ukraine_hosting: st2 makes c1 silver, which pay8 reads (1 %).
    CHECK_THAT(explained("ukraine_hosting", "st2"),
               Catch::Contains("  - customer c1 has the status \"silver\" from "
                               "2024-02-20T12:00:00+02:00: the rules read it as `customer.status` "
                               "at the customer's later payments\n"));
}
