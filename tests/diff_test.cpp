// `accrue diff`: figures worked out by hand from the programs and ledgers.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

namespace fs = std::filesystem;
using namespace accrue::test;

namespace {

const std::string hosting = source_path("programs/ukraine_hosting.accrue");
const std::string hosting_ledger = source_path("programs/ukraine_hosting.sample.jsonl");
const std::string hold_30 = source_path("tests/diff/hold_30.accrue");
const std::string hold_60 = source_path("tests/diff/hold_60.accrue");
const std::string hold_ledger = source_path("tests/diff/hold.jsonl");

nlohmann::json diff_json(std::vector<std::string> args) {
    args.insert(args.begin(), "diff");
    args.insert(args.end(), {"--format", "json"});
    const CliResult result = run(args);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    return nlohmann::json::parse(result.out);
}

} // namespace

TEST_CASE("diff: the hosting sample at 12 % instead of 10 %, figures by hand", "[cli][diff]") {
    // 12 % for basic and retail customers: pay1 1250.50 x 0.12 = 150.06; pay2 789.61 x 0.12 =
    // 94.7532 -> 94.75; pay7 120.00; pay9 999.99 x 0.12 = 119.9988 -> 120.00; pay10 2062.50 x
    // 0.12 = 247.50; rf1 -120.00; rf4 -150.06; pay8 (silver, 1 %) unchanged.
    // p1: 150.06 + 94.75 + 120.00 + 23.46 - 120.00 - 150.06 = 118.21 (was 102.42: +15.79);
    // p2: 120.00 + 247.50 = 367.50 (was 306.25: +61.25); total 485.71 (was 408.67: +77.04).
    const auto diff =
        diff_json({hosting, source_path("tests/diff/ukraine_hosting_12_percent.accrue"), "--ledger",
                   hosting_ledger});
    CHECK(diff["partners"][0]["accrued"]["old"] == "102.42");
    CHECK(diff["partners"][0]["accrued"]["new"] == "118.21");
    CHECK(diff["partners"][0]["accrued"]["difference"] == "+15.79");
    CHECK(diff["partners"][1]["accrued"]["difference"] == "+61.25");
    CHECK(diff["partners"][2]["accrued"]["difference"] == "0.00");
    // p2's pay9 line is available at 2024-04-02 (pay10's is not yet): 100.00 -> 120.00; the
    // 100.00 withdrawn leaves 0.00 -> 20.00, and a balance of 0.00 cannot be withdrawn.
    CHECK(diff["partners"][1]["available"]["old"] == "100.00");
    CHECK(diff["partners"][1]["available"]["new"] == "120.00");
    CHECK(diff["partners"][1]["balance"]["difference"] == "+20.00");
    CHECK(diff["partners"][1]["can_withdraw"]["old"] == false);
    CHECK(diff["partners"][1]["can_withdraw"]["new"] == true);
    CHECK(diff["totals"][0]["currency"] == "UAH");
    CHECK(diff["totals"][0]["accrued"]["old"] == "408.67");
    CHECK(diff["totals"][0]["accrued"]["new"] == "485.71");
    CHECK(diff["events_changed"] == 7);
    // In the ledger's sequence (by `at`), not sorted as text (pay1, pay10, pay2, ...).
    std::vector<std::string> events;
    for (const auto& event : diff["events"]) {
        events.push_back(event["event"]);
    }
    CHECK(events ==
          std::vector<std::string>{"pay1", "pay2", "pay7", "pay9", "rf1", "rf4", "pay10"});
    const auto& pay2 = diff["events"][1];
    CHECK(pay2["old"]["lines"][0]["amount"] == "78.96");
    CHECK(pay2["new"]["lines"][0]["amount"] == "94.75");
    CHECK(pay2["new"]["lines"][0]["currency"] == "UAH");
    CHECK(pay2["new"]["lines"][0]["kind"] == "commission");
    CHECK(pay2["new"]["lines"][0]["rule"] == "retail_rate");
    CHECK(pay2["new"]["lines"][0]["partner"] == "p1");
    CHECK(pay2["new"]["excluded"].is_null());
}

TEST_CASE("diff: a program against itself changes nothing", "[cli][diff]") {
    const std::string program = source_path("programs/message_help.accrue");
    const CliResult result = run(
        {"diff", program, program, "--ledger", source_path("programs/message_help.sample.jsonl")});
    REQUIRE(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("0 events changed"));
    CHECK_THAT(result.out, Catch::Contains("100.20         100.20           0.00 EUR"));
}

TEST_CASE("diff: standard input is read once, for both programs", "[cli][diff]") {
    const std::string accrue = std::string(ACCRUE_BUILD_DIR) + "/accrue diff '" + hosting + "' '" +
                               hosting + "' --ledger - --format json";
    for (const std::string& as_of :
         {std::string(), std::string(" --as-of 2024-04-02T12:00:00+03:00")}) {
        INFO(as_of);
        const ShellResult piped = shell("cat '" + hosting_ledger + "' | " + accrue + as_of);
        REQUIRE(WEXITSTATUS(piped.status) == 0);
        const auto diff = nlohmann::json::parse(piped.out);
        CHECK(diff["events_changed"] == 0);
        CHECK(diff["ledger"] == "<stdin>");
        CHECK(diff["partners"][0]["accrued"]["old"] == "102.42");
        CHECK(diff["partners"][0]["accrued"]["new"] == "102.42");
        CHECK(diff["totals"][0]["accrued"]["new"] == "408.67");
    }
}

TEST_CASE("diff: a longer hold changes no amount but what is available", "[cli][diff]") {
    // 10 % of pay10 1000.00, pay2 1500.00, pay1 500.00: 100.00 + 150.00 + 50.00 = 300.00 either
    // way. As of 2024-03-01, 30 days after 01-05 and 01-06 have passed (250.00 available and
    // withdrawable), 60 days (03-05, 03-06) have not (0.00, nothing to withdraw).
    const auto diff =
        diff_json({hold_30, hold_60, "--ledger", hold_ledger, "--as-of", "2024-03-01"});
    const auto& p1 = diff["partners"][0];
    CHECK(p1["accrued"]["difference"] == "0.00");
    CHECK(p1["available"]["old"] == "250.00");
    CHECK(p1["available"]["new"] == "0.00");
    CHECK(p1["available"]["difference"] == "-250.00");
    CHECK(p1["balance"]["difference"] == "-250.00");
    CHECK(p1["can_withdraw"]["old"] == true);
    CHECK(p1["can_withdraw"]["new"] == false);
    REQUIRE(diff["events_changed"] == 3);
    CHECK(diff["events"][0]["event"] == "pay10");
    CHECK(diff["events"][0]["old"]["lines"][0]["available_at"] == "2024-02-04T00:00:00Z");
    CHECK(diff["events"][0]["new"]["lines"][0]["available_at"] == "2024-03-05T00:00:00Z");
    CHECK(diff["events"][1]["event"] == "pay2");
    CHECK(diff["events"][2]["event"] == "pay1");

    const CliResult table =
        run({"diff", hold_30, hold_60, "--ledger", hold_ledger, "--as-of", "2024-03-01"});
    CHECK_THAT(table.out, Catch::Contains("    available            250.00           0.00        "
                                          "-250.00 USD"));
    CHECK_THAT(table.out, Catch::Contains("    can withdraw            yes             no"));
    CHECK_THAT(table.out, Catch::Contains("  pay10: commission 100.00 USD to p1, available "
                                          "2024-02-04T00:00:00Z -> commission 100.00 USD to p1, "
                                          "available 2024-03-05T00:00:00Z"));
}

TEST_CASE("diff --summary: the partners and the count, not each event", "[cli][diff]") {
    const CliResult table = run(
        {"diff", hold_30, hold_60, "--ledger", hold_ledger, "--as-of", "2024-03-01", "--summary"});
    REQUIRE(table.exit_code == 0);
    CHECK_THAT(table.out, Catch::Contains("3 events changed\n"));
    CHECK_THAT(table.out, !Catch::Contains("pay10"));
    const auto diff = diff_json(
        {hold_30, hold_60, "--ledger", hold_ledger, "--as-of", "2024-03-01", "--summary"});
    CHECK(diff["events_changed"] == 3);
    CHECK_FALSE(diff.contains("events"));
}

TEST_CASE("diff: message_help with 25 % from the 30th client, figures by hand", "[cli][diff]") {
    const fs::path changed = fs::temp_directory_path() / "accrue_mh25.accrue";
    std::string text = read_text(source_path("programs/message_help.accrue"));
    const std::string tier = "from 30:      30%";
    REQUIRE(text.find(tier) != std::string::npos);
    text.replace(text.find(tier), tier.size(), "from 30:      25%");
    std::ofstream(changed) << text;
    const CliResult diff =
        run({"diff", source_path("programs/message_help.accrue"), changed.string(), "--ledger",
             source_path("programs/message_help.sample.jsonl")});
    CHECK(diff.exit_code == 0);
    // p30: 10.00 x 25 % = 2.50 (was 3.00); p01b: 100.00 -> 25.00 (was 30.00);
    // p31: 30.66 x 25 % = 7.665 -> 7.67 (was 9.20): r1 100.20 - 7.03 = 93.17, and w3
    // (100.20 asked) is now refused: r1's balance is 0.00 after w3, and 93.17 without it, which
    // can be withdrawn.
    CHECK_THAT(diff.out,
               Catch::Contains("  r1                     100.20          93.17          "
                               "-7.03 EUR\n    available            100.20          93.17          "
                               "-7.03 EUR\n    balance                0.00          93.17         "
                               "+93.17 EUR\n    can withdraw             no            yes\n"));
    CHECK_THAT(diff.out, Catch::Contains("4 events changed"));
    CHECK_THAT(diff.out, Catch::Contains("p31: commission 9.20 EUR to r1 -> commission 7.67 EUR"));
    CHECK_THAT(diff.out, Catch::Contains("w3: withdrawal approved -> withdrawal refused"));
    fs::remove(changed);
}
