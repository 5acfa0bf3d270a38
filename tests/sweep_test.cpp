// `accrue sweep`: every combination of parameter values on one read of the
// ledger. docs/cookbook/what_if.accrue on what_if.jsonl: four payments (100.00,
// 100.00, 100.00, 200.00 USD), each from a new customer of p1, so
// paying_customers is 1, 2, 3, 4; 5 % below `threshold`, `top_rate` from it.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

using namespace accrue::test;

namespace {

const std::string program = source_path("docs/cookbook/what_if.accrue");
const std::string ledger = source_path("docs/cookbook/what_if.jsonl");

} // namespace

TEST_CASE("sweep: one row per variant, the last grid varying fastest", "[sweep]") {
    // 8 %, from the 2nd: 5.00 + 8.00 + 8.00 + 16.00 = 37.00; from the 3rd: 5 + 5 + 8 + 16 = 34.00;
    // 12 %: 5 + 12 + 12 + 24 = 53.00 and 5 + 5 + 12 + 24 = 46.00.
    const CliResult csv = run({"sweep", program, "--ledger", ledger, "--grid", "top_rate=8%,12%",
                               "--grid", "threshold=2,3", "--format", "csv"});
    INFO(csv.err);
    REQUIRE(csv.exit_code == 0);
    CHECK(csv.out == "top_rate,threshold,currency,accrued,available,withdrawn,balance,lines,"
                     "excluded\n"
                     "8%,2,USD,37.00,37.00,0.00,37.00,4,-\n"
                     "8%,3,USD,34.00,34.00,0.00,34.00,4,-\n"
                     "12%,2,USD,53.00,53.00,0.00,53.00,4,-\n"
                     "12%,3,USD,46.00,46.00,0.00,46.00,4,-\n");
    const CliResult table =
        run({"sweep", program, "--ledger", ledger, "--grid", "top_rate=8%,12%"});
    CHECK(table.out == "  top_rate  currency  accrued  available  withdrawn  balance  lines  "
                       "excluded\n"
                       "  8%        USD       34.00    34.00      0.00       34.00    4      -\n"
                       "  12%       USD       46.00    46.00      0.00       46.00    4      -\n");
    const CliResult json = run({"sweep", program, "--ledger", ledger, "--grid", "threshold=2",
                                "--per-partner", "--format", "json"});
    const auto rows = nlohmann::json::parse(json.out);
    REQUIRE(rows.size() == 1);
    CHECK(rows[0]["parameters"] == nlohmann::json{{"threshold", "2"}});
    CHECK(rows[0]["totals"][0]["accrued"] == "45.00"); // 5 + 10 + 10 + 20
    CHECK(rows[0]["partners"][0]["partner"] == "p1");
    CHECK(rows[0]["lines"] == 4);
}

TEST_CASE("sweep: standard input is read once for every variant", "[sweep]") {
    const std::string command = std::string(ACCRUE_BUILD_DIR) + "/accrue sweep '" + program +
                                "' --ledger - --grid top_rate=8%,12% --format csv";
    const ShellResult piped = shell("cat '" + ledger + "' | " + command);
    CHECK(WEXITSTATUS(piped.status) == 0);
    CHECK(piped.out == run({"sweep", program, "--ledger", ledger, "--grid", "top_rate=8%,12%",
                            "--format", "csv"})
                           .out);
}

TEST_CASE("sweep: a grid the program cannot take is an error before the ledger is read",
          "[sweep]") {
    const CliResult unknown =
        run({"sweep", program, "--ledger", "/nonexistent.jsonl", "--grid", "top=1"});
    CHECK(unknown.exit_code == 2);
    const CliResult typed = run({"sweep", program, "--ledger", ledger, "--grid", "top_rate=8%,12"});
    CHECK(typed.exit_code == 2);
    CHECK(typed.err == "error: --grid top_rate=12: `top_rate` is a percentage (its default is "
                       "`10%`), not a number\n");
    const CliResult empty = run({"sweep", program, "--ledger", ledger, "--grid", "top_rate=8%,"});
    CHECK(empty.err == "error: --grid top_rate=8%,: a value is empty; write NAME=V1,V2,...\n");
}
