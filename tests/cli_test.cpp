// The command line: exit codes, --help on every command, formats.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <sys/wait.h>

#include <filesystem>

using namespace accrue::test;
namespace fs = std::filesystem;

TEST_CASE("check: exit 0 for good programs, 1 with compiler-style messages for bad ones", "[cli]") {
    const CliResult good = run({"check", source_path("programs/ukraine_hosting.accrue")});
    CHECK(good.exit_code == 0);
    CHECK_THAT(good.out, Catch::Contains("ukraine_hosting.accrue: ok"));
    const std::string bad = source_path("tests/programs/bad/unknown_field.accrue");
    const CliResult failed = run({"check", source_path("programs/ukraine_hosting.accrue"), bad});
    CHECK(failed.exit_code == 1);
    CHECK_THAT(failed.err, Catch::Contains(bad + ":7:8: error: unknown field `payment.amont`"));
    CHECK_THAT(failed.err, Catch::Contains("did you mean `payment.amount`?"));
    CHECK_THAT(failed.out, Catch::Contains("1 passed, 1 failed"));
}

TEST_CASE("run: a program that fails its checks is invalid input (exit 2)", "[cli]") {
    const CliResult result =
        run({"run", source_path("tests/programs/bad/tiers_gap.accrue"), "--ledger",
             source_path("programs/ukraine_hosting.sample.jsonl")});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("tiers leave a gap"));
}

TEST_CASE("--help on every command, --version", "[cli]") {
    for (const auto& args : std::vector<std::vector<std::string>>{
             {"--help"}, {"check", "--help"}, {"run", "--help"}}) {
        const CliResult result = run(args);
        CHECK(result.exit_code == 0);
        CHECK_THAT(result.out, Catch::Contains("Usage"));
    }
    CHECK_THAT(run({"run", "--help"}).out, Catch::Contains("--as-of"));
    const CliResult version = run({"--version"});
    CHECK(version.exit_code == 0);
    CHECK_THAT(version.out, Catch::Contains("accrue 0."));
}

TEST_CASE("bad arguments are invalid input (exit 2)", "[cli]") {
    CHECK(run({}).exit_code == 2);
    CHECK(run({"frobnicate"}).exit_code == 2);
    CHECK(run({"run", source_path("programs/ukraine_hosting.accrue")}).exit_code ==
          2); // no --ledger
    const CliResult bad_format =
        run({"run", source_path("programs/ukraine_hosting.accrue"), "--ledger",
             source_path("programs/ukraine_hosting.sample.jsonl"), "--format", "xml"});
    CHECK(bad_format.exit_code == 2);
    const CliResult bad_as_of =
        run({"run", source_path("programs/ukraine_hosting.accrue"), "--ledger",
             source_path("programs/ukraine_hosting.sample.jsonl"), "--as-of", "yesterday"});
    CHECK(bad_as_of.exit_code == 2);
    CHECK(bad_as_of.out.empty());
    CHECK_THAT(bad_as_of.err, Catch::Contains("--as-of"));
}

TEST_CASE("csv, table and totals-only outputs", "[cli]") {
    const std::vector<std::string> base{"run", source_path("programs/ukraine_hosting.accrue"),
                                        "--ledger",
                                        source_path("programs/ukraine_hosting.sample.jsonl")};
    auto with = [&](std::vector<std::string> extra) {
        std::vector<std::string> args = base;
        args.insert(args.end(), extra.begin(), extra.end());
        return run(args);
    };
    const CliResult csv = with({"--format", "csv"});
    REQUIRE(csv.exit_code == 0);
    CHECK_THAT(csv.out, Catch::StartsWith("event,partner,customer,kind,rule,base,rate,amount"));
    CHECK_THAT(csv.out, Catch::Contains("pay2,p1,c2,commission,retail_rate,789.61,0.1,78.96,UAH,"));
    const CliResult table = with({});
    CHECK_THAT(table.out, Catch::Contains("p1       referral  102.42"));
    const CliResult totals = with({"--totals", "--format", "json"});
    REQUIRE(totals.exit_code == 0);
    const auto report = nlohmann::json::parse(totals.out);
    CHECK_FALSE(report.contains("accruals"));
    CHECK(report["partners"][1]["accrued"] == "306.25");
    CHECK(report["partners"][0]["balance"] == "-97.58");
    const CliResult totals_csv = with({"--totals", "--format", "csv"});
    CHECK_THAT(totals_csv.out, Catch::Contains("p2,referral,UAH,306.25,100.00,100.00,0.00,false"));
}

TEST_CASE("explain: the path from a record to its figures", "[cli]") {
    const std::string program = source_path("programs/ukraine_hosting.accrue");
    const std::string ledger = source_path("programs/ukraine_hosting.sample.jsonl");
    // pay2: 19.99 USD x 39.50 = 789.605 -> 789.61 UAH, x 10 % = 78.961 -> 78.96
    // (programs/*.expect.md).
    const CliResult pay2 = run({"explain", program, "--ledger", ledger, "--event", "pay2"});
    REQUIRE(pay2.exit_code == 0);
    CHECK_THAT(pay2.out,
               Catch::Contains(
                   "customer c2 is held by partner p1 (role referral), attributed by signup_link"));
    CHECK_THAT(pay2.out, Catch::Contains("rate in force: 1 USD = 39.50 UAH"));
    CHECK_THAT(pay2.out, Catch::Contains("exclusion service (line 19): does not hold"));
    CHECK_THAT(pay2.out, Catch::Contains("conversion: 19.99 USD x 39.50 = 789.61 UAH"));
    CHECK_THAT(pay2.out, Catch::Contains("789.61 x 0.1 = 78.961 -> 78.96 UAH"));
    CHECK_THAT(pay2.out, Catch::Contains("commission 78.96 UAH to p1"));
    const CliResult pay5 = run({"explain", program, "--ledger", ledger, "--event", "pay5"});
    CHECK_THAT(pay5.out, Catch::Contains("exclusion promo_code (line 21): holds -> excluded"));
    CHECK_THAT(pay5.out, Catch::Contains("excluded: promo_code"));
    const CliResult w4 = run({"explain", program, "--ledger", ledger, "--event", "w4"});
    CHECK_THAT(w4.out, Catch::Contains("balance at that point: -97.58 UAH"));
    CHECK_THAT(w4.out, Catch::Contains("check balance: 10.00 <= -97.58 UAH -> FAILED"));
    const CliResult late =
        run({"explain", program, "--ledger", ledger, "--event", "w5", "--as-of", "2024-03-10"});
    CHECK_THAT(late.out, Catch::Contains("after as-of: not taken into account"));
    const CliResult via_run = run({"run", program, "--ledger", ledger, "--explain", "pay2"});
    CHECK(via_run.exit_code == 0);
    CHECK(via_run.out == pay2.out);
    const CliResult missing = run({"explain", program, "--ledger", ledger, "--event", "nope"});
    CHECK(missing.exit_code == 2);
    CHECK(missing.out.empty());
    CHECK_THAT(missing.err, Catch::Contains("no timed record has the id \"nope\""));
}

TEST_CASE("explain: which version of a rule's terms was in force", "[cli]") {
    const std::string program = source_path("tests/golden/versioned_terms.accrue");
    const std::string ledger = source_path("programs/ukraine_hosting.sample.jsonl");
    // pay7 (2024-02-16) falls in `terms from 2024-02-16 to 2024-02-21` (line 26):
    // 1000.00 x 12 % (tests/golden/versioned_terms.expect.md).
    const CliResult pay7 = run({"explain", program, "--ledger", ledger, "--event", "pay7"});
    REQUIRE(pay7.exit_code == 0);
    CHECK_THAT(pay7.out, Catch::Contains("rule retail_rate: the terms from 2024-02-16 (line 26) "
                                         "are in force"));
    CHECK_THAT(pay7.out, Catch::Contains("1000.00 x 0.12 = 120.0000 -> 120.00 UAH"));
    // pay9 (2024-02-22) is after that version's last day: the rule's own terms.
    const CliResult pay9 = run({"explain", program, "--ledger", ledger, "--event", "pay9"});
    CHECK_THAT(pay9.out, !Catch::Contains("terms from"));
    CHECK_THAT(pay9.out, Catch::Contains("999.99 x 0.1 = 99.999 -> 100.00 UAH"));
}

TEST_CASE("explain: the other three programs, figures from their .expect.md", "[cli]") {
    const auto explain = [](const std::string& name, const std::string& event) {
        return run({"explain", source_path("programs/" + name + ".accrue"), "--ledger",
                    source_path("programs/" + name + ".sample.jsonl"), "--event", event});
    };
    // umnico q10: the 10th customer of i1 by the end of its second period -> 45 %, provisional.
    const CliResult q10 = explain("umnico", "q10");
    CHECK_THAT(q10.out, Catch::Contains("tiers chosen by 10 -> the tier on line 36"));
    CHECK_THAT(q10.out, Catch::Contains("1000.00 x 0.45 = 450.0000 -> 450.00 RUB"));
    CHECK_THAT(q10.out, Catch::Contains("still open at as-of: provisional"));
    // umnico w4: e8, e9, e1, e10 active in the 30 days; 10.00 RUB = 0.11 USD.
    const CliResult w4 = explain("umnico", "w4");
    CHECK_THAT(w4.out, Catch::Contains("check min_active_referrals: 4 >= 3 -> ok"));
    CHECK_THAT(w4.out, Catch::Contains("check min_amount: 0.11 >= 30.00 USD -> FAILED"));
    // message_help p31: 33.33 USD x 0.92 = 30.66 EUR, 31st customer -> 30 % = 9.198 -> 9.20.
    const CliResult p31 = explain("message_help", "p31");
    CHECK_THAT(p31.out, Catch::Contains("tiers chosen by 31"));
    CHECK_THAT(p31.out, Catch::Contains("30.66 x 0.3 = 9.198 -> 9.20 EUR"));
    // ringostat p1: February's 950.00 USD -> 10 %; 3000.00 UAH -> 75.00 USD -> 3000.00 UAH.
    const CliResult p1 = explain("ringostat", "p1");
    CHECK_THAT(p1.out, Catch::Contains("tiers chosen by 950.00"));
    CHECK_THAT(p1.out, Catch::Contains("30000.00 x 0.1 = 3000.000\n"));
    CHECK_THAT(p1.out, Catch::Contains("paid via USD: rounded in the base's currency, then to "
                                       "USD: 75.00 USD"));
    CHECK_THAT(p1.out, Catch::Contains("conversion: 3000.00 UAH / 40 = 75.00 USD"));
    CHECK_THAT(p1.out, Catch::Contains("conversion: 75.00 USD x 40 = 3000.00 UAH"));
    CHECK_THAT(p1.out, Catch::Contains("-> 3000.00 UAH"));
    // An amount's arithmetic, each value shown: q1 is 600.00 EUR for 6 months -> 100.00.
    const CliResult q1 = explain("message_help", "q1");
    CHECK_THAT(q1.out, Catch::Contains("amount min(500.00 EUR, round(payment.amount (600.00 EUR) "
                                       "in EUR / payment.months (6)))"));
    CHECK_THAT(q1.out, Catch::Contains("amount: 100.00 EUR"));
    // Every conversion with its rate: p31's 33.33 USD x 0.92 = 30.6636 -> 30.66 EUR.
    CHECK_THAT(p31.out, Catch::Contains("conversion: 33.33 USD x 0.92 = 30.66 EUR"));
}

TEST_CASE("a program without `withdrawal` has the checks positive_amount and balance", "[cli]") {
    // programs.md: "Every program has the checks positive_amount and balance".
    // One payment of 100.00 UAH at 10 % -> a balance of 10.00 UAH.
    const fs::path ledger = fs::temp_directory_path() / "accrue_default_checks.jsonl";
    std::ofstream(ledger)
        << R"({"type":"partner","id":"p1","joined_at":"2024-01-01T00:00:00+02:00"})"
           "\n"
        << R"({"type":"signup","id":"s1","at":"2024-01-02T00:00:00+02:00","customer":"c1","partner":"p1"})"
           "\n"
        << R"({"type":"payment","id":"pay1","at":"2024-01-03T00:00:00+02:00","customer":"c1","amount":"100.00","currency":"UAH"})"
           "\n"
        << R"({"type":"withdrawal","id":"w1","at":"2024-01-04T00:00:00+02:00","partner":"p1","amount":"10.01"})"
           "\n"
        << R"({"type":"withdrawal","id":"w2","at":"2024-01-05T00:00:00+02:00","partner":"p1","amount":"10.00"})"
           "\n";
    const fs::path program = fs::temp_directory_path() / "accrue_default_checks.accrue";
    std::ofstream(program) << "program no_policy\n  currency UAH\n  time zone \"Europe/Kyiv\"\n"
                              "  roles referral\n\nattribution\n  signup partner\n\n"
                              "commission flat on payment\n  base payment.amount in UAH\n"
                              "  rate 10%\n";
    const CliResult result =
        run({"run", program.string(), "--ledger", ledger.string(), "--format", "json"});
    REQUIRE(result.exit_code == 0);
    const nlohmann::json report = nlohmann::json::parse(result.out);
    const nlohmann::json& w1 = report["withdrawals"][0];
    CHECK(w1["approved"] == false);
    CHECK(w1["checks"][0]["name"] == "positive_amount");
    CHECK(w1["checks"][1]["name"] == "balance");
    CHECK(w1["checks"][1]["detail"] == "10.01 <= 10.00 UAH");
    CHECK(report["withdrawals"][1]["approved"] == true);
    CHECK(report["partners"][0]["balance"] == "0.00");
    fs::remove(ledger);
    fs::remove(program);
}

TEST_CASE("clawbacks: the first rule whose `when` holds decides a refund", "[cli][clawback]") {
    // pay1 200.00 EUR -> 20.00, available 2024-03-10T12:00Z; pay2 100.00 -> 10.00,
    // available 2024-04-01. r1 (2024-02-10, 50.00 of pay1) is within the hold:
    // -round(20.00 x 50 / 200) = -5.00. r2 (2024-05-01, all of pay2) is after it: kept.
    const std::string folder = source_path("tests/clawbacks/");
    const CliResult result = run({"run", folder + "hold_refunds.accrue", "--ledger",
                                  folder + "hold_refunds.jsonl", "--format", "json"});
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    REQUIRE(report["accruals"].size() == 3);
    CHECK(report["accruals"][2]["event"] == "r1");
    CHECK(report["accruals"][2]["rule"] == "within_hold");
    CHECK(report["accruals"][2]["amount"] == "-5.00");
    CHECK(report["accruals"][2]["available_at"] == "2024-03-10T12:00:00Z");
    REQUIRE(report["excluded"].size() == 1);
    CHECK(report["excluded"][0]["event"] == "r2");
    CHECK(report["excluded"][0]["reason"] == "after_hold");
    CHECK(report["partners"][0]["accrued"] == "25.00");

    // Without clawback rules, a refund of a commission is `no_clawback`, not `not_accrued`.
    const CliResult none = run({"run", folder + "no_clawback_rules.accrue", "--ledger",
                                folder + "hold_refunds.jsonl", "--format", "json"});
    REQUIRE(none.exit_code == 0);
    const auto plain = nlohmann::json::parse(none.out);
    REQUIRE(plain["excluded"].size() == 2);
    CHECK(plain["excluded"][0]["reason"] == "no_clawback");
    CHECK(plain["excluded"][1]["reason"] == "no_clawback");
    CHECK(plain["partners"][0]["accrued"] == "30.00");
}

TEST_CASE("typed extra fields: read with their types, and checked by the reader", "[cli][fields]") {
    const std::string folder = source_path("tests/typed_fields/");
    // 1 USD = 0.8 EUR. pay1: 120.00 EUR = 150.00 USD, tax 20.00 EUR = 25.00 USD:
    // (150.00 - 25.00) x 10 % = 12.50. pay2: 50.00 USD, no tax: 5.00. pay3 is c2's,
    // whose signup email is the partner's: self_referral. pay4 is c3's, a trial.
    const CliResult result = run({"run", folder + "net_of_tax.accrue", "--ledger",
                                  folder + "net_of_tax.jsonl", "--format", "json"});
    REQUIRE(result.exit_code == 0);
    const auto report = nlohmann::json::parse(result.out);
    REQUIRE(report["accruals"].size() == 2);
    CHECK(report["accruals"][0]["base"] == "125.00");
    CHECK(report["accruals"][0]["amount"] == "12.50");
    CHECK(report["accruals"][1]["amount"] == "5.00");
    REQUIRE(report["excluded"].size() == 2);
    CHECK(report["excluded"][0]["reason"] == "self_referral");
    CHECK(report["excluded"][1]["reason"] == "trial");

    const std::vector<std::pair<std::string, std::string>> wrong{
        {"trial_not_bool.jsonl", "line 2: record \"s1\": field \"trial\": expected true or false, "
                                 "found \"yes\""},
        {"email_not_text.jsonl",
         "line 1: record \"p1\": field \"email\": expected text (a JSON string), found 3"},
        {"tax_not_amount.jsonl", "line 3: record \"pay1\": field \"tax\": expected an amount (a "
                                 "decimal, as a string or a number), found \"twenty\""},
    };
    for (const auto& [ledger, message] : wrong) {
        const CliResult refused =
            run({"run", folder + "net_of_tax.accrue", "--ledger", folder + ledger});
        CHECK(refused.exit_code == 2);
        CHECK(refused.out.empty());
        CHECK_THAT(refused.err, Catch::Contains(ledger + ": " + message));
    }
}

TEST_CASE("run: `--ledger -` reads the ledger from standard input", "[cli]") {
    const std::string program = source_path("programs/ukraine_hosting.accrue");
    const std::string sample = source_path("programs/ukraine_hosting.sample.jsonl");
    const auto lines = lines_of(read_text(sample));
    // Backwards: out of sequence, the partners last.
    const std::string backwards =
        write_ledger("stdin-backwards.jsonl", {lines.rbegin(), lines.rend()});
    const std::string accrue = std::string(ACCRUE_BUILD_DIR) + "/accrue run '" + program + "'";
    for (const std::string& ledger : {sample, backwards}) {
        INFO(ledger);
        for (const bool with_totals : {false, true}) {
            const std::string totals = with_totals ? " --totals" : "";
            INFO(totals);
            const std::string options = " --format json" + totals;
            std::vector<std::string> from_file{"run",  program,    "--ledger",
                                               ledger, "--format", "json"};
            if (with_totals) {
                from_file.emplace_back("--totals");
            }
            const CliResult expected = run(from_file);
            REQUIRE(expected.exit_code == 0);
            // Redirected from the file, and through a pipe (which cannot be read twice).
            for (const std::string& command :
                 {accrue + " --ledger -" + options + " < '" + ledger + "'",
                  "cat '" + ledger + "' | " + accrue + " --ledger -" + options}) {
                const ShellResult from_stdin = shell(command);
                CHECK(from_stdin.status == 0);
                CHECK(from_stdin.out == expected.out); // the same report, byte for byte
            }
        }
    }
    // An error on standard input names it, and nothing reaches standard output.
    auto broken = lines;
    broken.push_back(lines.back()); // a duplicate id, at the last line
    const std::string broken_path = write_ledger("stdin-broken.jsonl", broken);
    const std::string err_path = broken_path + ".err";
    const ShellResult refused = shell("cat '" + broken_path + "' | " + accrue +
                                      " --ledger - --totals 2> '" + err_path + "'");
    CHECK(WEXITSTATUS(refused.status) == 2);
    CHECK(refused.out.empty());
    CHECK_THAT(read_text(err_path), Catch::StartsWith("error: <stdin>: line 33: "));
    CHECK_THAT(read_text(err_path), Catch::Contains("duplicate id"));
}

TEST_CASE("run: --progress shows the records read on standard error", "[cli]") {
    const std::string program = source_path("programs/ukraine_hosting.accrue");
    const std::string ledger = source_path("programs/ukraine_hosting.sample.jsonl");
    // The sample has 32 records (its lines); the report itself is unchanged.
    const CliResult quiet = run({"run", program, "--ledger", ledger, "--totals"});
    CHECK(quiet.err.empty()); // not a terminal: no progress by default
    const CliResult shown = run({"run", program, "--ledger", ledger, "--totals", "--progress"});
    CHECK(shown.exit_code == 0);
    CHECK(shown.out == quiet.out);
    CHECK_THAT(shown.err,
               Catch::Contains(": 32 records (100%), ") && Catch::EndsWith(" records/s\n"));
    CHECK(run({"run", program, "--ledger", ledger, "--no-progress"}).err.empty());
}
