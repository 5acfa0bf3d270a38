// Program parameters and `--set` (issue 28, item 1). tests/parameters/
// tiered.accrue on tiered.jsonl, as of 2024-02-15 (payments at 12:00 on
// January 10 to 13: 100.00, 100.00, 100.00 and 200.00 USD, one customer each):
// by default 5 % below the 3rd customer and 10 % from it: 5.00 + 5.00 + 10.00 +
// 20.00 = 40.00, all available after 30 days; a welcome bonus of 50.00, once.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue::test;

namespace {

const std::string program = source_path("tests/parameters/tiered.accrue");
const std::string ledger = source_path("tests/parameters/tiered.jsonl");

CliResult run_with(std::vector<std::string> settings, const std::string& format = "json") {
    std::vector<std::string> args{"run",     program,      "--ledger", ledger,
                                  "--as-of", "2024-02-15", "--format", format};
    for (const std::string& s : settings) {
        args.insert(args.end(), {"--set", s});
    }
    return run(args);
}

} // namespace

TEST_CASE("parameters: the defaults, listed in the report", "[parameters]") {
    const CliResult result = run_with({});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report["program"]["parameters"] == nlohmann::json{{"top_rate", "10%"},
                                                            {"threshold", "3"},
                                                            {"hold", "30 days"},
                                                            {"bonus", "50.00 USD"}});
    CHECK(report["partners"][0]["accrued"] == "40.00");
    CHECK(report["partners"][0]["available"] == "40.00");
    CHECK(report["accruals"][1]["kind"] == "welcome_bonus");
    CHECK(report["accruals"][1]["amount"] == "50.00");
}

TEST_CASE("parameters: --set replaces each, wherever it is used", "[parameters]") {
    // 12 % from the 2nd customer: 5.00 + 12.00 + 12.00 + 24.00 = 53.00; after 35 days only
    // pay1's line is available (02-14 12:00), 5.00; the bonus is 60.00.
    const CliResult result =
        run_with({"top_rate=12%", "threshold=2", "hold=35 days", "bonus=60.00 USD"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    CHECK(report["program"]["parameters"]["top_rate"] == "12%");
    CHECK(report["partners"][0]["accrued"] == "53.00");
    CHECK(report["partners"][0]["available"] == "5.00");
    CHECK(report["accruals"][1]["amount"] == "60.00");
    CHECK_THAT(run_with({"top_rate=12%"}, "table").out,
               Catch::StartsWith("tiered as of 2024-02-15T00:00:00Z\nwith top_rate = 12%, "
                                 "threshold = 3, hold = 30 days, bonus = 50.00 USD\n"));
}

TEST_CASE("parameters: a --set the program cannot take is an error (exit 2)", "[parameters]") {
    const auto error_of = [](const std::string& setting) {
        const CliResult result = run_with({setting});
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        return result.err;
    };
    CHECK(error_of("top_rat=12%") ==
          "error: --set top_rat=12%: the program has no parameter `top_rat` (did you mean "
          "`top_rate`?)\n");
    CHECK(error_of("threshold=10%") == "error: --set threshold=10%: `threshold` is a number (its "
                                       "default is `3`), not a percentage\n");
    CHECK(error_of("bonus=60.00 EUR") == "error: --set bonus=60.00 EUR: `bonus` is money in USD "
                                         "(its default is `50.00 USD`), not money in EUR\n");
    CHECK(error_of("top_rate") == "error: --set top_rate: write NAME=VALUE, such as --set "
                                  "top_rate=12%\n");
    CHECK_THAT(error_of("hold=soon"), Catch::StartsWith("error: --set hold=soon: "));
    CHECK_THAT(error_of("hold=soon"), Catch::EndsWith("`hold` is a duration, such as `30 days`\n"));
}

TEST_CASE("parameters: tiers are checked with the values given", "[parameters]") {
    // threshold 0: `from 0 below 0` is out of order, before the ledger is read.
    const CliResult result = run_with({"threshold=0"});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("error: this tier is out of order: it starts at 0 and "
                                           "ends below 0"));
    CHECK_THAT(result.err,
               Catch::Contains("tiered.accrue:10:11: error: checked with `threshold = 0`, as --set "
                               "gives it"));
}

TEST_CASE("parameters: diff of two settings of one program", "[parameters][diff]") {
    const CliResult result =
        run({"diff", program, "--old-set", "top_rate=10%", "--new-set", "top_rate=12%", "--ledger",
             ledger, "--as-of", "2024-02-15", "--format", "json"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const auto diff = nlohmann::json::parse(result.out);
    // pay3 10.00 -> 12.00, pay4 20.00 -> 24.00: 40.00 -> 46.00.
    CHECK(diff["partners"][0]["accrued"] ==
          nlohmann::json{{"old", "40.00"}, {"new", "46.00"}, {"difference", "+6.00"}});
    CHECK(diff["events_changed"] == 2);
    CHECK(diff["old"]["parameters"]["top_rate"] == "10%");
    CHECK(diff["new"]["parameters"]["top_rate"] == "12%");
}

TEST_CASE("parameters: a test case and explain set them too", "[parameters]") {
    const CliResult test = run({"test", source_path("tests/parameters/tiered_set.test.json")});
    INFO(test.out);
    CHECK(test.exit_code == 0);
    const CliResult explain = run({"explain", program, "--ledger", ledger, "--event", "pay2",
                                   "--set", "threshold=2", "--set", "top_rate=12%"});
    CHECK_THAT(explain.out, Catch::Contains("  - 100.00 x 0.12 = 12.0000 -> 12.00 USD\n"));
}
