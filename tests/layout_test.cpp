// Layout that cannot mislead (docs/decisions.md, "Layout"): `check`, `run`,
// `fmt` and the editor refuse a line indented against the parse, each with the
// same message; both fixes the message offers load, and mean what they show.
#include "lsp/document.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue;
using namespace accrue::test;
namespace fs = std::filesystem;

namespace {

const std::string header = "program hosting\n  currency UAH\n  time zone \"UTC\"\n  roles "
                           "referral\n\nattribution\n  signup partner\n\ncommission retail on "
                           "payment\n  base payment.amount in "
                           "UAH\n  rate 10%\n";

std::string write_program(const std::string& name, const std::string& text) {
    const fs::path path = fs::temp_directory_path() / name;
    std::ofstream(path) << text;
    return path.string();
}

} // namespace

TEST_CASE("a clause at the rule's indentation after `terms from` is refused everywhere",
          "[layout]") {
    const std::string misleading = write_program(
        "layout_terms.accrue",
        header + "  terms from 2024-07-01\n    rate 12%\n  available at payment.at + 30 days\n");
    const std::string message = "layout_terms.accrue:14:3: error: `available` belongs to `terms "
                                "from 2024-07-01` (line 12), but is not indented under it";
    const CliResult check = run({"check", misleading});
    CHECK(check.exit_code == 1);
    CHECK_THAT(check.err, Catch::Contains(message));
    const CliResult fmt = run({"fmt", misleading});
    CHECK(fmt.exit_code == 2);
    CHECK_THAT(fmt.err, Catch::Contains(message));
    const CliResult run_it =
        run({"run", misleading, "--ledger", source_path("tests/diff/hold.jsonl")});
    CHECK(run_it.exit_code == 2);
    CHECK_THAT(run_it.err, Catch::Contains(message));
    const lsp::Document document =
        lsp::open_document("file://" + misleading, read_text(misleading));
    REQUIRE(document.analysis.diagnostics.size() == 1);
    CHECK(document.analysis.diagnostics[0].pos.line == 14);
    CHECK(document.analysis.diagnostics[0].pos.column == 3);
    CHECK_THAT(document.analysis.diagnostics[0].message,
               Catch::StartsWith("`available` belongs to `terms from 2024-07-01`"));
}

TEST_CASE("both fixes the layout message offers load, each meaning what it shows", "[layout]") {
    const std::string under = write_program(
        "layout_under.accrue",
        header + "  terms from 2024-07-01\n    rate 12%\n    available at payment.at + 30 days\n");
    const std::string above = write_program(
        "layout_above.accrue",
        header + "  available at payment.at + 30 days\n  terms from 2024-07-01\n    rate 12%\n");
    CHECK(run({"check", under, above}).exit_code == 0);
    CHECK(run({"fmt", "--check", under, above}).exit_code == 0);
    // A payment of 2024-01-05 (tests/diff/hold.jsonl, pay10: 1000.00 UAH at 10 % = 100.00): under
    // `terms`, the hold is July's, so January's line is available at once; above `terms`, the
    // hold is the rule's, 30 days later.
    const std::string ledger = write_ledger(
        "layout.jsonl",
        {R"({"type":"partner","id":"p1","joined_at":"2024-01-01T00:00:00Z"})",
         R"({"type":"signup","id":"s1","at":"2024-01-02T00:00:00Z","customer":"c1","partner":"p1"})",
         R"({"type":"payment","id":"pay10","at":"2024-01-05T00:00:00Z","customer":"c1","amount":"1000.00","currency":"UAH"})"});
    const auto available_at = [&](const std::string& program) {
        const CliResult result = run({"run", program, "--ledger", ledger, "--format", "json"});
        REQUIRE(result.exit_code == 0);
        return nlohmann::json::parse(result.out)["accruals"][0]["available_at"];
    };
    CHECK(available_at(under) == "2024-01-05T00:00:00Z");
    CHECK(available_at(above) == "2024-02-04T00:00:00Z");
}

TEST_CASE("a declaration's clauses may be written flat, at its column", "[layout]") {
    const std::string flat = write_program(
        "layout_flat.accrue", "program p\ncurrency USD\ntime zone \"UTC\"\nroles referral\n\n"
                              "commission c on payment\nbase payment.amount in USD\nrate 10%\n");
    const CliResult check = run({"check", flat});
    INFO(check.err);
    CHECK(check.exit_code == 0);
}
