// The worked examples of the spec (tests/examples, copied from
// shared/spec/examples) and our own hand-computed goldens (tests/golden):
// each expected report is compared field by field with `accrue run --format json`.
#include "interpreter/values/time.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue::test;

namespace {

// A few expected reports of the spec write a time in UTC where every other
// worked example and report.md write the program's zone, as accrue does
// (docs/decisions.md). For exactly these fields the instants are compared.
const std::vector<std::pair<std::string, std::string>> same_instant_only{
    {"rs_benefits_dst.expected.json", "/as_of"},
    {"umnico_open_period.expected.json", "/as_of"},
    {"umnico_promoter.expected.json", "/accruals/0/available_at"},
};

void check_expected_report(const std::string& expected_file, const std::string& program,
                           const std::string& ledger) {
    nlohmann::json expected = read_json(expected_file);
    if (expected.contains("expect")) {
        expected = expected.at("expect");
    }
    std::vector<std::string> args{
        "run", source_path(program), "--ledger", source_path(ledger), "--format", "json"};
    if (expected.contains("_run_args")) {
        for (const auto& a : expected["_run_args"]) {
            args.push_back(a.get<std::string>());
        }
    }
    const CliResult result = run(args);
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const nlohmann::json actual = nlohmann::json::parse(result.out);
    for (const auto& [file, pointer] : same_instant_only) {
        if (expected_file.ends_with(file)) {
            const nlohmann::json::json_pointer at(pointer);
            const auto want = accrue::parse_rfc3339(expected.at(at).get<std::string>());
            const auto got = accrue::parse_rfc3339(actual.at(at).get<std::string>());
            REQUIRE(want.has_value());
            REQUIRE(got.has_value());
            CHECK(want->micros == got->micros);
            expected[at] = actual.at(at); // compared above
        }
    }
    std::vector<std::string> differences;
    match(expected, actual, "report", differences);
    for (const std::string& d : differences) {
        UNSCOPED_INFO(d);
    }
    CHECK(differences.empty());
}

} // namespace

// The prefix of a worked example names its program (examples/README.md).
std::string program_of(const std::string& example) {
    static const std::vector<std::pair<std::string, std::string>> prefixes{
        {"uh_", "ukraine_hosting"},
        {"mh_", "message_help"},
        {"umnico_", "umnico"},
        {"rs_", "ringostat"}};
    for (const auto& [prefix, program] : prefixes) {
        if (example.starts_with(prefix)) {
            return program;
        }
    }
    return "";
}

TEST_CASE("worked examples of the spec, for every program written so far", "[examples]") {
    std::size_t checked = 0;
    for (const std::string& file : files_in("tests/examples", ".expected.json")) {
        const std::string name = file.substr(0, file.size() - std::string(".expected.json").size());
        const std::string program = "programs/" + program_of(name) + ".accrue";
        if (!std::filesystem::exists(source_path(program))) {
            continue;
        }
        SECTION(name) {
            check_expected_report(source_path("tests/examples/" + file), program,
                                  "tests/examples/" + name + ".jsonl");
        }
        ++checked;
    }
    CHECK(checked == 15); // every worked example: uh_* (3), mh_* (4), rs_* (4), umnico_* (4)
}

TEST_CASE("accrue test: the hand-computed cases beside the programs and in tests/golden",
          "[golden]") {
    const CliResult result = run({"test", source_path("programs"), source_path("tests/golden")});
    INFO(result.out);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::EndsWith("17 passed, 0 failed\n"));
}

TEST_CASE("accrue test fails on a wrong expectation and says where", "[golden]") {
    const CliResult result = run({"test", source_path("tests/cases/wrong_balance.test.json")});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.out, Catch::Contains("FAIL  "));
    CHECK_THAT(result.out,
               Catch::Contains("partners[p2].balance: expected \"1.00\", got \"0.00\""));
    CHECK_THAT(result.out, Catch::EndsWith("0 passed, 1 failed\n"));
    CHECK_FALSE(result.out.find("partners[0]") != std::string::npos); // what holds is not reported
}

TEST_CASE("accrue test with no cases fails", "[golden]") {
    const CliResult result = run({"test", source_path("stdlib")});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.out, Catch::Contains("no test cases"));
}

TEST_CASE("the same inputs give byte-identical output", "[examples]") {
    const std::vector<std::string> args{
        "run",      source_path("programs/ukraine_hosting.accrue"),
        "--ledger", source_path("programs/ukraine_hosting.sample.jsonl"),
        "--format", "json"};
    const CliResult first = run(args);
    const CliResult second = run(args);
    REQUIRE(first.exit_code == 0);
    CHECK(first.out == second.out);
}
