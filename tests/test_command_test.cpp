// `accrue test`: what a failing case says. The program and ledger are
// tests/diff/hold_30.accrue on tests/diff/hold.jsonl: 10 % of pay10 1000.00,
// pay2 1500.00 and pay1 500.00 make the lines 100.00, 150.00 and 50.00 USD for
// p1, the only partner.
#include "support.hpp"

#include <catch2/catch.hpp>

namespace fs = std::filesystem;
using namespace accrue::test;

namespace {

// Runs one case whose `expect` (and any other keys) are given; its output.
CliResult run_case(const std::string& name, const std::string& keys) {
    const fs::path file = fs::temp_directory_path() / (name + ".test.json");
    std::ofstream(file) << "{\"program\": \"" << source_path("tests/diff/hold_30.accrue")
                        << "\", \"ledger\": \"" << source_path("tests/diff/hold.jsonl") << "\", "
                        << keys << "}";
    return run({"test", file.string()});
}

} // namespace

TEST_CASE("test: lines are matched by event, every missing and extra one listed", "[cli][test]") {
    // Two lines expected, three in the report: the one that differs is still compared.
    const CliResult result = run_case("by_event", R"("expect": {"accruals": [
            {"event": "pay2", "kind": "commission", "amount": "100.00"},
            {"event": "pay10", "kind": "commission", "amount": "100.00"}]})");
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.out,
               Catch::Contains("accruals[pay2, commission].amount: expected \"100.00\", got "
                               "\"150.00\"\n"));
    CHECK_THAT(result.out, Catch::Contains("accruals[pay1, p1, commission, share]: extra: the "
                                           "report has {\"event\":\"pay1\""));
    CHECK_THAT(result.out, !Catch::Contains("pay10"));
    CHECK_THAT(result.out, Catch::Contains("{\"event\":\"pay1\",\"partner\":\"p1\",\"kind\":"
                                           "\"commission\",\"rule\":\"share\",\"amount\":"
                                           "\"50.00\",\"currency\":\"USD\"}"));
    CHECK_THAT(result.out, !Catch::Contains("expected 2 entries"));

    const CliResult missing =
        run_case("missing",
                 R"("expect": {"accruals": {"including": [{"event": "pay3", "amount": "1.00"}]}})");
    CHECK_THAT(missing.out,
               Catch::Contains("accruals[pay3]: missing: the report has no such entry"));
}

TEST_CASE("test: a case may list only the partners and lines it cares about", "[cli][test]") {
    const CliResult some =
        run_case("including",
                 R"("expect": {"accruals": {"including": [{"event": "pay1", "amount": "50.00"}]},
                                   "partners": {"including": [{"partner": "p1", "accrued": "300.00"}]}})");
    INFO(some.out);
    CHECK(some.exit_code == 0);
    CHECK_THAT(some.out, Catch::Contains("1 passed, 0 failed"));
    // Written as a list, it is the whole list.
    const CliResult whole =
        run_case("whole", R"("expect": {"accruals": [{"event": "pay1", "amount": "50.00"}]})");
    CHECK(whole.exit_code == 1);
    CHECK_THAT(whole.out, Catch::Contains("accruals[pay10, p1, commission, share]: extra"));
    CHECK_THAT(whole.out, Catch::Contains("accruals[pay2, p1, commission, share]: extra"));
}

TEST_CASE("test: a number where the report has a string, and a misspelt key", "[cli][test]") {
    const CliResult number =
        run_case("number", R"("expect": {"partners": [{"partner": "p1", "accrued": 300.00}]})");
    CHECK_THAT(number.out,
               Catch::Contains("partners[p1].accrued: expected the number 300.0, got the string "
                               "\"300.00\" (the report writes figures as strings, with the "
                               "currency's decimals: write \"300.00\")"));
    const CliResult misspelt =
        run_case("misspelt", R"("expect": {"partners": [{"partner": "p1", "acrued": "300.00"}]})");
    CHECK_THAT(misspelt.out, Catch::Contains("partners[p1].acrued: the report has no such field "
                                             "(did you mean \"accrued\"?)"));
    const CliResult case_key = run_case("case_key", R"("expected": {})");
    CHECK(case_key.exit_code == 1);
    CHECK_THAT(case_key.out, Catch::Contains("the test case has an unknown key \"expected\" (did "
                                             "you mean \"expect\"?)"));
    const CliResult as_of = run_case("as_of_number", R"("as_of": 2024, "expect": {})");
    CHECK_THAT(as_of.out,
               Catch::Contains("the test case's \"as_of\" is 2024: write it as a string"));
}
