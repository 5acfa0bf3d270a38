// Messages that say what is wrong and what to write (issue 27, item 3); the
// program-text ones are in tests/programs/bad/message_*.accrue with their
// exact text beside them.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue::test;

TEST_CASE("an as-of before the first exchange rate blames the as-of checks, not a record",
          "[messages]") {
    // ringostat's min_balance check converts each partner's balance to USD at as-of; its first
    // USD/UAH rate is of 2024-01-01.
    const std::string expected =
        "error: " + source_path("programs/ringostat.sample.jsonl") +
        ": line 1: record \"a1\": the withdrawal checks of partner a1 at as-of need the rate "
        "USD/UAH at 2023-12-01T00:00:00+02:00, but no rate of that pair is in force then: add a "
        "`rate` record with base USD and quote UAH at or before it, or evaluate as of a later "
        "time (--as-of)\n";
    for (const bool totals : {false, true}) {
        std::vector<std::string> args{"run",      source_path("programs/ringostat.accrue"),
                                      "--ledger", source_path("programs/ringostat.sample.jsonl"),
                                      "--as-of",  "2023-12-01"};
        if (totals) {
            args.emplace_back("--totals");
        }
        const CliResult result = run(args);
        CHECK(result.exit_code == 2);
        CHECK(result.err == expected);
        CHECK(result.out.empty());
    }
}

TEST_CASE("signup fields read the customer's signup in exclusions and rules on payment",
          "[messages]") {
    // c1 signed up through a link (s1), c2 without `via` (s2): pay1 earns 10 % of 100.00 =
    // 10.00; pay2 is excluded. A customer with no signup has none to read: `default` decides.
    const std::string program =
        write_ledger("signup_via.accrue",
                     {"program sv", "  currency USD", "  time zone \"UTC\"", "  roles referral", "",
                      "attribution", "  signup partner", "", "exclusions",
                      "  not_by_link when signup.via default \"none\" != \"link\"", "",
                      "commission share on payment", "  base payment.amount in USD", "  rate 10%"});
    const std::string ledger = write_ledger(
        "signup_via.jsonl",
        {R"({"type":"partner","id":"p1","joined_at":"2024-01-01T00:00:00Z"})",
         R"({"type":"signup","id":"s1","at":"2024-01-02T00:00:00Z","customer":"c1","partner":"p1","via":"link"})",
         R"({"type":"signup","id":"s2","at":"2024-01-02T00:00:00Z","customer":"c2","partner":"p1"})",
         R"({"type":"payment","id":"pay1","at":"2024-01-05T00:00:00Z","customer":"c1","amount":"100.00","currency":"USD"})",
         R"({"type":"payment","id":"pay2","at":"2024-01-06T00:00:00Z","customer":"c2","amount":"200.00","currency":"USD"})"});
    const CliResult result = run({"run", program, "--ledger", ledger, "--format", "json"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    REQUIRE(report["accruals"].size() == 1);
    CHECK(report["accruals"][0]["event"] == "pay1");
    CHECK(report["accruals"][0]["amount"] == "10.00");
    REQUIRE(report["excluded"].size() == 1);
    CHECK(report["excluded"][0]["event"] == "pay2");
    CHECK(report["excluded"][0]["reason"] == "not_by_link");
    const CliResult totals =
        run({"run", program, "--ledger", ledger, "--totals", "--format", "json"});
    CHECK(nlohmann::json::parse(totals.out)["partners"][0]["accrued"] == "10.00");
}
