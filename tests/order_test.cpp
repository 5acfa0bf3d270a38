// Two promises of the reader that do not depend on the program: the order of
// a ledger's lines does not change its report (only the sequence by `at`
// does, ties in file order), and a ledger refused anywhere, even at its last
// line, prints nothing on standard output.
#include "support.hpp"

#include "interpreter/values/time.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <optional>
#include <random>

using namespace accrue::test;
using nlohmann::json;

namespace {

// The lines in a random order, except that records at the same instant
// (`at` may be written with different offsets) keep their file order, and so
// do partner records (report.md lists partners in ledger order).
std::vector<std::string> shuffled(const std::vector<std::string>& lines, unsigned seed) {
    std::vector<std::size_t> order(lines.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        order[i] = i;
    }
    std::mt19937 random(seed);
    std::shuffle(order.begin(), order.end(), random);
    // Same-instant lines, in file order, go back into the places they took.
    std::map<std::optional<std::int64_t>, std::vector<std::size_t>> by_instant;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const json record = json::parse(lines[i]);
        std::optional<std::int64_t> instant; // none: a partner
        if (record.contains("at")) {
            const auto at = accrue::parse_rfc3339(record["at"].get<std::string>());
            REQUIRE(at.has_value());
            instant = at->micros;
        }
        by_instant[instant].push_back(i);
    }
    for (const auto& [instant, same] : by_instant) {
        std::vector<std::size_t> places;
        for (std::size_t place = 0; place < order.size(); ++place) {
            if (std::find(same.begin(), same.end(), order[place]) != same.end()) {
                places.push_back(place);
            }
        }
        for (std::size_t k = 0; k < places.size(); ++k) {
            order[places[k]] = same[k];
        }
    }
    std::vector<std::string> result;
    for (const std::size_t i : order) {
        result.push_back(lines[i]);
    }
    return result;
}

} // namespace

TEST_CASE("run: a shuffled ledger gives the report of the sorted one, byte for byte", "[order]") {
    const std::vector<std::pair<std::string, std::string>> cases{
        {"programs/ukraine_hosting.accrue", "programs/ukraine_hosting.sample.jsonl"},
        {"programs/ringostat.accrue", "programs/ringostat.sample.jsonl"},
        {"programs/umnico.accrue", "programs/umnico.sample.jsonl"},
        {"programs/message_help.accrue", "programs/message_help.sample.jsonl"},
        {"programs/examples/two_tier.accrue", "programs/examples/two_tier.jsonl"},
        {"programs/examples/payday_after_hold.accrue", "programs/examples/payday_after_hold.jsonl"},
    };
    for (const auto& [program, ledger] : cases) {
        const CliResult sorted =
            run({"run", source_path(program), "--ledger", source_path(ledger), "--format", "json"});
        REQUIRE(sorted.exit_code == 0);
        const auto lines = lines_of(read_text(source_path(ledger)));
        for (const unsigned seed : {1U, 2U, 3U}) {
            INFO(program << ", seed " << seed);
            const auto mixed = shuffled(lines, seed);
            REQUIRE(mixed != lines);
            const std::string path = write_ledger(
                std::filesystem::path(ledger).stem().string() + "-shuffled.jsonl", mixed);
            const CliResult result =
                run({"run", source_path(program), "--ledger", path, "--format", "json"});
            CHECK(result.exit_code == 0);
            CHECK(result.out == sorted.out);
        }
    }
}

TEST_CASE("run: an error at the last line of a ledger prints nothing on stdout", "[order]") {
    auto lines = lines_of(read_text(source_path("programs/ukraine_hosting.sample.jsonl")));
    const auto line = lines.size() + 1;
    lines.push_back(
        R"({"type":"refund","id":"r-late","at":"2024-12-31T00:00:00Z","payment":"nope"})");
    const std::string path = write_ledger("accrue-late-error.jsonl", lines);
    const std::string program = source_path("programs/ukraine_hosting.accrue");
    for (const auto& format : {"table", "json", "csv"}) {
        for (const bool totals : {false, true}) {
            std::vector<std::string> args{"run", program, "--ledger", path, "--format", format};
            if (totals) {
                args.emplace_back("--totals");
            }
            const CliResult result = run(args);
            INFO(format << (totals ? " --totals" : ""));
            CHECK(result.exit_code == 2);
            CHECK(result.out.empty());
            CHECK_THAT(result.err, Catch::Contains("line " + std::to_string(line)));
            CHECK_THAT(result.err, Catch::Contains("refund of unknown payment \"nope\""));
        }
    }
}

TEST_CASE("run: a report of megabytes is written whole, as valid JSON", "[order]") {
    // 6000 payments of 100.00 UAH by one referred customer: 6000 commission
    // lines of 10.00 (10%, ukraine_hosting), a report of about 2 MB, written
    // a megabyte at a time.
    std::vector<std::string> lines{
        R"({"type":"partner","id":"p1","joined_at":"2024-01-01T00:00:00Z"})",
        R"({"type":"signup","id":"s1","at":"2024-01-01T00:00:00Z","customer":"c1","partner":"p1","via":"link"})"};
    for (int i = 0; i < 6000; ++i) {
        lines.push_back(fmt::format(
            R"({{"type":"payment","id":"pay{}","at":"2024-01-02T00:00:00Z","customer":"c1","amount":"100.00","currency":"UAH"}})",
            i));
    }
    const std::string path = write_ledger("accrue-large-report.jsonl", lines);
    const CliResult result = run({"run", source_path("programs/ukraine_hosting.accrue"), "--ledger",
                                  path, "--format", "json"});
    REQUIRE(result.exit_code == 0);
    CHECK(result.out.size() > 2 * (std::size_t{1} << 20) - 200000);
    const json report = json::parse(result.out);
    REQUIRE(report["accruals"].size() == 6000);
    CHECK(report["accruals"][5999]["event"] == "pay999"); // same instant: by event id, as text
    CHECK(report["accruals"][5999]["amount"] == "10.00");
    CHECK(report["partners"][0]["accrued"] == "60000.00");
    CHECK(report["summary"]["accrued"] == 6000);
}
