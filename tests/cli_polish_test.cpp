// The command line as a user meets it (issue 27, item 7): help in accrue's
// own words with the exit codes, `error:` before every error, folders taken
// by check, fmt and test alike, exit 2 for a path that does not exist, and
// the progress line said once.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <algorithm>

using namespace accrue::test;

TEST_CASE("help is in accrue's words, with the exit codes", "[cli][polish]") {
    for (const std::vector<std::string>& args : {std::vector<std::string>{"--help"},
                                                 {"check", "--help"},
                                                 {"run", "--help"},
                                                 {"diff", "--help"},
                                                 {"sweep", "--help"},
                                                 {"explain", "--help"},
                                                 {"test", "--help"},
                                                 {"fmt", "--help"},
                                                 {"lsp", "--help"}}) {
        INFO(args.front());
        const CliResult help = run(args);
        CHECK(help.exit_code == 0);
        CHECK_THAT(help.out, Catch::Contains("Exit codes: 0 ok; 1 a check failed"));
        // CLI11's own notation of types and validators stays out of sight.
        CHECK_THAT(help.out, !Catch::Contains("TEXT:") && !Catch::Contains("{false}") &&
                                 !Catch::Contains("OR ({-})"));
    }
    CHECK_THAT(run({"run", "--help"}).out,
               Catch::Contains("--ledger FILE") && Catch::Contains("--no-progress"));
}

TEST_CASE("bare accrue shows the commands and says what to do", "[cli][polish]") {
    const CliResult bare = run({});
    CHECK(bare.exit_code == 2);
    CHECK(bare.out.empty());
    CHECK_THAT(bare.err, Catch::Contains("check") && Catch::Contains("run") &&
                             Catch::EndsWith("error: name a command, such as `accrue check "
                                             "PROGRAM`\n"));
}

TEST_CASE("every argument error starts with error: and says where help is", "[cli][polish]") {
    const CliResult missing = run({"run", "nope.accrue", "--ledger", "nope.jsonl"});
    CHECK(missing.exit_code == 2);
    CHECK_THAT(missing.err, Catch::StartsWith("error: ") &&
                                Catch::Contains("no such file: nope.accrue") &&
                                Catch::Contains("run `accrue run --help` for its options"));
    const CliResult unknown = run({"frobnicate"});
    CHECK(unknown.exit_code == 2);
    CHECK_THAT(unknown.err, Catch::StartsWith("error: ") &&
                                Catch::Contains("run `accrue --help` for the commands"));
    const CliResult ledger =
        run({"run", source_path("programs/ukraine_hosting.accrue"), "--ledger", "nope.jsonl"});
    CHECK_THAT(ledger.err, Catch::StartsWith("error: ") &&
                               Catch::Contains("no such file: nope.jsonl (`-` reads standard "
                                               "input)"));
}

TEST_CASE("check, fmt --check and test take folders, and refuse paths that do not exist",
          "[cli][polish]") {
    // tests/golden holds 6 programs and their test cases.
    const CliResult check = run({"check", source_path("tests/golden")});
    CHECK(check.exit_code == 0);
    CHECK_THAT(check.out, Catch::EndsWith("6 passed, 0 failed\n"));
    const CliResult fmt = run({"fmt", "--check", source_path("tests/golden")});
    CHECK(fmt.exit_code == 0);
    CHECK_THAT(fmt.out, Catch::EndsWith("6 passed, 0 failed\n"));
    for (const char* command : {"check", "test", "fmt"}) {
        INFO(command);
        const CliResult nope = run({command, "nope_dir"});
        CHECK(nope.exit_code == 2);
        CHECK(nope.err == "error: no such file or folder: nope_dir\n");
    }
}

TEST_CASE("the progress line is finished once", "[cli][polish]") {
    const CliResult shown =
        run({"run", source_path("programs/ukraine_hosting.accrue"), "--ledger",
             source_path("programs/ukraine_hosting.sample.jsonl"), "--totals", "--progress"});
    CHECK(shown.exit_code == 0);
    CHECK(std::count(shown.err.begin(), shown.err.end(), '\n') == 1);
}

TEST_CASE("benefits appear in the table and in the totals CSV", "[cli][benefits]") {
    // programs/ringostat.sample.expect.md: a1 unlocks case_study for 2024-03 (R = 225.00 USD),
    // a2 for 2024-02 (R = 1200.00 USD); a3 (R = 185.19) none.
    const std::string program = source_path("programs/ringostat.accrue");
    const std::string ledger = source_path("programs/ringostat.sample.jsonl");
    const CliResult table = run({"run", program, "--ledger", ledger});
    CHECK_THAT(table.out, Catch::Contains("\nBenefits (2)\n"
                                          "  partner  period   benefit\n"
                                          "  a1       2024-03  case_study\n"
                                          "  a2       2024-02  case_study\n"));
    const CliResult csv = run({"run", program, "--ledger", ledger, "--totals", "--format", "csv"});
    CHECK_THAT(csv.out, Catch::StartsWith("partner,role,currency,accrued,available,withdrawn,"
                                          "balance,eligible,benefits\n"));
    CHECK_THAT(csv.out, Catch::Contains("\na1,agency,UAH,12675.00,12675.00,12675.00,0.00,false,"
                                        "2024-03 case_study\n"));
    CHECK_THAT(csv.out, Catch::Contains("\na3,agency,EUR,166.67,166.67,0.00,166.67,false,\n"));
    // A program without benefits has no such section.
    const CliResult hosting =
        run({"run", source_path("programs/ukraine_hosting.accrue"), "--ledger",
             source_path("programs/ukraine_hosting.sample.jsonl")});
    CHECK_THAT(hosting.out, !Catch::Contains("Benefits"));
}
