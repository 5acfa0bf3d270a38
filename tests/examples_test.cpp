// The worked examples of the spec (tests/examples, copied from
// shared/spec/examples) and our own hand-computed goldens (tests/golden):
// each expected report is compared field by field with `accrue run --format json`.
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue::test;

namespace {

void check_expected_report(const std::string& expected_file, const std::string& program,
                           const std::string& ledger) {
    const nlohmann::json expected = read_json(expected_file);
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
    std::vector<std::string> differences;
    match(expected, actual, "report", differences);
    for (const std::string& d : differences) {
        UNSCOPED_INFO(d);
    }
    CHECK(differences.empty());
}

} // namespace

TEST_CASE("worked examples of ukraine_hosting (uh_*)", "[examples]") {
    const auto files = files_in("tests/examples", ".expected.json");
    std::size_t checked = 0;
    for (const std::string& file : files) {
        if (!file.starts_with("uh_")) {
            continue; // the other programs come with issue 3
        }
        const std::string name = file.substr(0, file.size() - std::string(".expected.json").size());
        SECTION(name) {
            check_expected_report(source_path("tests/examples/" + file),
                                  "programs/ukraine_hosting.accrue",
                                  "tests/examples/" + name + ".jsonl");
        }
        ++checked;
    }
    CHECK(checked == 3);
}

TEST_CASE("hand-computed goldens (tests/golden)", "[golden]") {
    const auto files = files_in("tests/golden", ".expected.json");
    REQUIRE(files.size() >= 2);
    for (const std::string& file : files) {
        SECTION(file) {
            const nlohmann::json expected = read_json(source_path("tests/golden/" + file));
            check_expected_report(source_path("tests/golden/" + file), expected.at("_program"),
                                  expected.at("_ledger"));
        }
    }
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
