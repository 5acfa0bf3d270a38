// The streamed walk of `run --totals` (evaluate_streamed, issue 11) against
// the whole read: the same report, byte for byte, wherever a ledger streams;
// a ledger that does not stream (out of order, partners late, any error)
// falls back to the whole read, which reports exactly what it always did,
// and nothing reaches standard output before the whole ledger was read.
#include "support.hpp"

#include "cli/pipeline.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/values/time.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <algorithm>

using namespace accrue;
using namespace accrue::test;
using nlohmann::json;

namespace {

struct Case {
    std::string program;
    std::string ledger;
};

// Every program of the repository with a ledger of its own.
std::vector<Case> cases() {
    std::vector<Case> found;
    const auto add_folder = [&](const std::string& folder, const std::string& ledger_suffix) {
        for (const auto& entry : std::filesystem::directory_iterator(source_path(folder))) {
            if (entry.path().extension() != ".accrue") {
                continue;
            }
            auto ledger = entry.path();
            ledger.replace_extension(ledger_suffix);
            if (std::filesystem::exists(ledger)) {
                found.push_back({entry.path().string(), ledger.string()});
            }
        }
    };
    add_folder("programs", ".sample.jsonl");
    add_folder("programs/examples", ".jsonl");
    add_folder("tests/golden", ".jsonl");
    std::sort(found.begin(), found.end(),
              [](const Case& a, const Case& b) { return a.program < b.program; });
    return found;
}

// The ledger in sequence order: partners first, then the timed records by
// `at`, ties in file order; the sequence itself is unchanged.
std::vector<std::string> in_sequence(const std::vector<std::string>& lines) {
    std::vector<std::pair<std::int64_t, std::string>> keyed;
    for (const std::string& line : lines) {
        const json record = json::parse(line);
        const bool timed = record.contains("at");
        const auto at = timed ? parse_rfc3339(record["at"].get<std::string>()) : std::nullopt;
        keyed.emplace_back(at ? at->micros : INT64_MIN, line);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> sorted;
    for (auto& [at, line] : keyed) {
        sorted.push_back(std::move(line));
    }
    return sorted;
}

bool has_aggregates(const Program& program) {
    return std::any_of(program.rules.begin(), program.rules.end(),
                       [](const LineRule& rule) { return !rule.aggregates.empty(); });
}

struct Reports {
    std::optional<std::string> streamed; // none: the ledger did not stream
    std::string whole;
};

Reports both(const Program& program, const std::string& ledger_path, ReportFormat format,
             std::optional<Instant> as_of = std::nullopt, std::size_t block_bytes = 0,
             bool hold_periods = true) {
    LedgerRules rules = ledger_rules(program);
    if (block_bytes != 0) {
        rules.block_bytes = block_bytes;
    }
    EvaluationOptions options;
    options.keep_lines = false;
    options.as_of = as_of;
    options.stream_twice_from_bytes = 0; // the two-pass programs stream too
    options.hold_periods = hold_periods;
    const ReportOptions report_options{format, true};
    Reports reports;
    Ledger streamed_ledger;
    if (const auto report =
            evaluate_streamed(program, streamed_ledger, ledger_path, rules, options)) {
        reports.streamed = render_report(*report, program, streamed_ledger, report_options);
    }
    const Ledger ledger = read_ledger(ledger_path, rules);
    reports.whole =
        render_report(evaluate(program, ledger, options), program, ledger, report_options);
    return reports;
}

} // namespace

TEST_CASE("streamed totals: the whole read's report, for every program that streams", "[stream]") {
    std::size_t streamed = 0;
    std::size_t two_passes = 0;
    for (const Case& c : cases()) {
        INFO(c.program);
        const Program program = load_program(c.program);
        const std::string path =
            write_ledger(std::filesystem::path(c.ledger).filename().string() + "-in-sequence.jsonl",
                         in_sequence(lines_of(read_text(c.ledger))));
        for (const ReportFormat format :
             {ReportFormat::table, ReportFormat::json, ReportFormat::csv}) {
            // Blocks of 4 MiB and of 300 bytes: a block boundary after almost every record.
            for (const std::size_t block_bytes : {std::size_t{0}, std::size_t{300}}) {
                const Reports reports = both(program, path, format, std::nullopt, block_bytes);
                REQUIRE(reports.streamed.has_value());
                CHECK(*reports.streamed == reports.whole);
                ++streamed;
                if (has_aggregates(program)) { // in one walk above, in two here
                    const Reports twice =
                        both(program, path, format, std::nullopt, block_bytes, false);
                    REQUIRE(twice.streamed.has_value());
                    CHECK(*twice.streamed == reports.whole);
                    ++two_passes;
                }
            }
        }
    }
    // The 4 vendor programs, 5 examples and 5 goldens, in three formats and
    // two block sizes; ringostat, umnico and a golden with period
    // aggregates, in one walk and in two.
    CHECK(streamed == 14 * 6);
    CHECK(two_passes == 3 * 6);
}

TEST_CASE("streamed totals: an as-of inside the ledger", "[stream]") {
    const Program program = load_program(source_path("programs/ukraine_hosting.accrue"));
    const std::string path = write_ledger(
        "hosting-as-of.jsonl",
        in_sequence(lines_of(read_text(source_path("programs/ukraine_hosting.sample.jsonl")))));
    for (const char* as_of : {"2024-03-01T12:00:00+02:00", "2024-04-15", "2030-01-01"}) {
        INFO(as_of);
        const Reports reports =
            both(program, path, ReportFormat::json, parse_as_of(as_of, program));
        REQUIRE(reports.streamed.has_value());
        CHECK(*reports.streamed == reports.whole);
    }
}

TEST_CASE("streamed totals: period aggregates at an as-of inside a period", "[stream]") {
    // The single walk resolves the open period at as-of with what was paid
    // up to it, as the two walks do; a month boundary of each program's zone too.
    const std::vector<std::pair<const char*, std::vector<const char*>>> programs{
        {"ringostat",
         {"2024-02-15", "2024-03-01T00:00:00+02:00", "2024-03-20T12:00:00+02:00", "2024-04-02"}},
        {"umnico", {"2024-02-20", "2024-03-11", "2024-03-12T00:00:00+03:00", "2024-03-15"}}};
    for (const auto& [name, as_ofs] : programs) {
        const Program program = load_program(source_path(fmt::format("programs/{}.accrue", name)));
        const std::string path = write_ledger(
            fmt::format("{}-as-of.jsonl", name),
            in_sequence(
                lines_of(read_text(source_path(fmt::format("programs/{}.sample.jsonl", name))))));
        for (const char* as_of : as_ofs) {
            INFO(name << " at " << as_of);
            for (const bool hold : {true, false}) {
                const Reports reports =
                    both(program, path, ReportFormat::json, parse_as_of(as_of, program), 0, hold);
                REQUIRE(reports.streamed.has_value());
                CHECK(*reports.streamed == reports.whole);
            }
        }
    }
}

TEST_CASE("streamed totals: a ledger out of sequence or with late partners streams by its "
          "sorted keys",
          "[stream]") {
    for (const Case& c : cases()) {
        INFO(c.program);
        const Program program = load_program(c.program);
        const auto lines = in_sequence(lines_of(read_text(c.ledger)));
        const auto first_timed = std::find_if(
            lines.begin(), lines.end(), [](const auto& l) { return l.find("\"at\"") != l.npos; });
        // The last timed record first: the file is out of sequence from its second timed record.
        auto last_first = lines;
        std::rotate(last_first.begin() + (first_timed - lines.begin()), last_first.end() - 1,
                    last_first.end());
        // The timed records backwards, then the partners (ledger.md allows them anywhere).
        std::vector<std::string> backwards(lines.rbegin(), lines.rend());
        // Timed records of one instant keep their file order in the sequence.
        CHECK(in_sequence(last_first) == lines);
        for (const auto& [name, variant] :
             {std::pair{"last-first.jsonl", last_first}, std::pair{"backwards.jsonl", backwards}}) {
            INFO(name);
            const std::string path = write_ledger(name, variant);
            for (const std::size_t block_bytes : {std::size_t{0}, std::size_t{300}}) {
                const Reports reports =
                    both(program, path, ReportFormat::json, std::nullopt, block_bytes);
                REQUIRE(reports.streamed.has_value());
                CHECK(*reports.streamed == reports.whole);
            }
            const CliResult cli =
                run({"run", c.program, "--ledger", path, "--totals", "--format", "csv"});
            CHECK(cli.exit_code == 0);
            CHECK(cli.out == both(program, path, ReportFormat::csv).whole);
        }
    }
}

TEST_CASE("streamed totals: an error late in the ledger prints nothing and exits 2, as the "
          "whole read says it",
          "[stream]") {
    const std::string program = source_path("programs/ukraine_hosting.accrue");
    const auto lines =
        in_sequence(lines_of(read_text(source_path("programs/ukraine_hosting.sample.jsonl"))));
    const std::vector<std::string> late_errors{
        // a duplicate id (the first record with it is long gone from memory)
        R"({"type":"payment","id":"pay1","at":"2030-01-01T00:00:00Z","customer":"c1","amount":"1.00","currency":"UAH","service":"hosting"})",
        // a second signup
        R"({"type":"signup","id":"s-again","at":"2030-01-01T00:00:00Z","customer":"c1","partner":"p1"})",
        // refunds beyond the payment's amount
        R"({"type":"refund","id":"r-over","at":"2030-01-01T00:00:00Z","payment":"pay1","amount":"999999.00"})",
        // an unknown partner
        R"({"type":"withdrawal","id":"w-x","at":"2030-01-01T00:00:00Z","partner":"nobody","amount":"1.00"})",
        // a malformed field
        R"({"type":"payment","id":"pay-x","at":"2030-13-01T00:00:00Z","customer":"c1","amount":"1.00","currency":"UAH"})",
    };
    // In sequence order, streamed in one pass; backwards, by sorted keys.
    const std::vector<std::string> backwards(lines.rbegin(), lines.rend());
    for (const auto* ledger : {&lines, &backwards}) {
        for (const std::string& error : late_errors) {
            INFO(error);
            auto with_error = *ledger;
            with_error.push_back(error);
            const std::string path = write_ledger("hosting-late-error.jsonl", with_error);
            const CliResult whole = run({"run", program, "--ledger", path});
            REQUIRE(whole.exit_code == 2);
            for (const char* format : {"table", "json", "csv"}) {
                const CliResult totals =
                    run({"run", program, "--ledger", path, "--totals", "--format", format});
                CHECK(totals.exit_code == 2);
                CHECK(totals.out.empty());
                CHECK(totals.err == whole.err);
            }
        }
    }
}

TEST_CASE("streamed totals in two passes: an error late in the ledger is left to the whole read",
          "[stream]") {
    const Program program = load_program(source_path("programs/umnico.accrue"));
    auto lines = in_sequence(lines_of(read_text(source_path("programs/umnico.sample.jsonl"))));
    lines.push_back(lines.back()); // the last record again: a duplicate id
    const std::string path = write_ledger("umnico-late-duplicate.jsonl", lines);
    EvaluationOptions options;
    options.keep_lines = false;
    options.stream_twice_from_bytes = 0;
    Ledger ledger;
    CHECK_FALSE(evaluate_streamed(program, ledger, path, ledger_rules(program), options));
    CHECK_THROWS_AS(read_ledger(path, ledger_rules(program)), LedgerError);
}
