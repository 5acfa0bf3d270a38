// The single walk of a program with period aggregates (issue 11): a
// period's lines are priced under every tier and held until the period
// ends. Figures worked out by hand from docs/language.md, "Periods"; and
// where one walk cannot decide, the program is walked twice, as before.
#include "support.hpp"

#include "cli/pipeline.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/evaluate/walk.hpp"

#include <catch2/catch.hpp>

using namespace accrue;
using namespace accrue::test;

namespace {

// tests/held/monthly.accrue with `from` replaced by `to`, written aside.
std::string variant(const std::string& name, const std::string& from, const std::string& to) {
    std::string text = read_text(source_path("tests/held/monthly.accrue"));
    const auto at = text.find(from);
    REQUIRE(at != std::string::npos);
    text.replace(at, from.size(), to);
    const auto path = std::filesystem::temp_directory_path() / (name + ".accrue");
    std::ofstream(path) << text;
    return path.string();
}

std::string monthly_ledger(const std::vector<std::string>& extra = {}) {
    std::vector<std::string> lines = lines_of(read_text(source_path("tests/held/monthly.jsonl")));
    lines.insert(lines.begin() + 5, extra.begin(), extra.end()); // before w1
    return write_ledger("held-monthly-" + std::to_string(extra.size()) + ".jsonl", lines);
}

EvaluationOptions totals_only() {
    EvaluationOptions options;
    options.keep_lines = false;
    return options;
}

Report single_walk(const Program& program, const Ledger& ledger) {
    const walking::PeriodTotals none;
    WalkObserver nobody;
    return walking::Walk(program, ledger, totals_only(), walking::Pass::single, none, nobody).run();
}

std::string rendered(const Report& report, const Program& program, const Ledger& ledger) {
    return render_report(report, program, ledger, ReportOptions{ReportFormat::json, true});
}

struct Figures {
    std::string accrued, available, withdrawn, balance;
};

void check_figures(const Report& report, const Figures& expected) {
    REQUIRE(report.partners.size() == 1);
    const PartnerTotals& a1 = report.partners[0];
    CHECK(a1.accrued.to_string() == expected.accrued);
    CHECK(a1.available.to_string() == expected.available);
    CHECK(a1.withdrawn.to_string() == expected.withdrawn);
    CHECK(a1.balance.to_string() == expected.balance);
}

// The streamed report, by one walk or two, equals the whole read's.
void check_streamed(const Program& program, const std::string& path, bool one_walk) {
    const LedgerRules rules = ledger_rules(program);
    const Ledger whole = read_ledger(path, rules);
    const std::string expected = rendered(evaluate(program, whole, totals_only()), program, whole);
    EvaluationOptions options = totals_only();
    Ledger streamed;
    const auto once = evaluate_streamed(program, streamed, path, rules, options);
    CHECK(once.has_value() == one_walk); // below 1 GiB, two walks read the ledger whole
    options.stream_twice_from_bytes = 0;
    streamed = Ledger{};
    const auto report = evaluate_streamed(program, streamed, path, rules, options);
    REQUIRE(report.has_value());
    CHECK(rendered(*report, program, streamed) == expected);
}

} // namespace

TEST_CASE("single walk: a month's tier from the month's sum, a refund inside it", "[held]") {
    const Program program = load_program(source_path("tests/held/monthly.accrue"));
    const std::string path = monthly_ledger();
    const Ledger ledger = read_ledger(path, ledger_rules(program));
    // January: 600.00 + 500.00 = 1100.00 USD paid, so 20%: p1 120.00, p2
    // 100.00, and r1 takes back 120.00 x 100 / 600 = 20.00 (under 10% it
    // would be 60.00, 50.00, -10.00). All available at 1 February, when w1
    // asks 150.00 of 200.00. February: 300.00 paid, 10%: p3 30.00, provisional
    // at the as-of (10 February), so not available.
    const Report report = single_walk(program, ledger);
    check_figures(report, {"230.00", "200.00", "150.00", "50.00"});
    // January's commission lines add up to 220.00 >= 150.00: gold. February is open.
    REQUIRE(report.partners[0].benefits.size() == 1);
    CHECK(report.partners[0].benefits[0].period == "2024-01");
    CHECK(*report.partners[0].benefits[0].benefit == "gold");
    CHECK(rendered(report, program, ledger) ==
          rendered(evaluate(program, ledger, totals_only()), program, ledger));
    check_streamed(program, path, true);

    // At 1 March February has closed: p3 is available too.
    EvaluationOptions at_march = totals_only();
    at_march.as_of = parse_as_of("2024-03-01", program);
    const walking::PeriodTotals none;
    WalkObserver nobody;
    const Report march =
        walking::Walk(program, ledger, at_march, walking::Pass::single, none, nobody).run();
    check_figures(march, {"230.00", "230.00", "150.00", "80.00"});
}

TEST_CASE("single walk: a withdrawal while a held line is available takes two walks", "[held]") {
    const Program program = load_program(
        variant("held-available-now", "available at period.end", "available at payment.at"));
    const std::string path = monthly_ledger(
        {R"({"type":"withdrawal","id":"w0","at":"2024-01-25T00:00:00Z","partner":"a1","amount":"10.00"})"});
    const Ledger ledger = read_ledger(path, ledger_rules(program));
    // w0's balance needs January's tier before January ends.
    CHECK_THROWS_AS(single_walk(program, ledger), walking::NeedsTwoWalks);
    // p1 120.00 (5 Jan), r1 -20.00 (10 Jan), p2 100.00 (20 Jan): w0 takes
    // 10.00, w1 150.00 of the 190.00 left; p3 30.00 is provisional.
    check_figures(evaluate(program, ledger, totals_only()),
                  {"230.00", "200.00", "160.00", "40.00"});
    check_streamed(program, path, false);
}

TEST_CASE("single walk: clawback rules that choose by the commission take two walks", "[held]") {
    const Program program = load_program(
        variant("held-clawback-by-amount", "clawback proportional_refund on refund\n  proportional",
                "clawback large on refund when commission.amount > 100.00 USD\n  proportional\n\n"
                "clawback small on refund\n  keep commission"));
    const std::string path = monthly_ledger();
    const Ledger ledger = read_ledger(path, ledger_rules(program));
    // Under 20% p1's commission is 120.00 (clawed back), under 10% 60.00 (kept).
    CHECK_THROWS_AS(single_walk(program, ledger), walking::NeedsTwoWalks);
    check_figures(evaluate(program, ledger, totals_only()),
                  {"230.00", "200.00", "150.00", "50.00"});
    check_streamed(program, path, false);
}

TEST_CASE("single walk: every program with period aggregates, as the two walks", "[held]") {
    std::size_t walked = 0;
    for (const char* name : {"programs/ringostat", "programs/umnico"}) {
        INFO(name);
        const Program program = load_program(source_path(std::string(name) + ".accrue"));
        REQUIRE(walking::holds_periods(program));
        const Ledger ledger =
            read_ledger(source_path(std::string(name) + ".sample.jsonl"), ledger_rules(program));
        CHECK(rendered(single_walk(program, ledger), program, ledger) ==
              rendered(evaluate(program, ledger, totals_only()), program, ledger));
        ++walked;
    }
    CHECK(walked == 2);
}

TEST_CASE("single walk: a commission reversed whole stays reversed for later refunds", "[held]") {
    const Program program = load_program(
        variant("held-reversed-once", "clawback proportional_refund on refund\n  proportional",
                "clawback large on refund when refund.amount in USD >= 100.00 USD\n"
                "  whole commission once\n\n"
                "clawback small on refund\n  proportional"));
    const std::string path = monthly_ledger(
        {R"({"type":"refund","id":"r2","at":"2024-01-12T00:00:00Z","payment":"p1","amount":"50.00"})",
         R"({"type":"refund","id":"r3","at":"2024-01-14T00:00:00Z","payment":"p1","amount":"100.00"})"});
    const Ledger ledger = read_ledger(path, ledger_rules(program));
    // January is 20%: p1 120.00, reversed whole by r1 (100.00); r2 (50.00)
    // takes 120.00 x 50 / 600 = 10.00; r3 (100.00) finds p1 already reversed.
    // p2 100.00: January 90.00, so w1 (150.00) is refused; p3 30.00 provisional.
    const Report report = single_walk(program, ledger);
    check_figures(report, {"120.00", "90.00", "0", "90.00"}); // nothing withdrawn
    CHECK(rendered(report, program, ledger) ==
          rendered(evaluate(program, ledger, totals_only()), program, ledger));
    check_streamed(program, path, true);
}
