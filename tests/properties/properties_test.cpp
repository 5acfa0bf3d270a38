// Properties of the whole language, checked on random valid programs and
// ledgers (generate.hpp): every record is accounted for, the partner figures
// add up, base x rate rounds as the program says, reruns and reorderings of
// the ledger give the same report, fmt and diff keep the meaning, explain
// agrees with run, lines final at one as-of stay the same later, and the
// streamed totals are the whole read's.
// RC_PARAMS sets the number of cases (tests/CMakeLists.txt: 2,000 a run).
#include "generate.hpp"
#include "support.hpp"

#include "cli/commands.hpp"
#include "cli/pipeline.hpp"
#include "grammar/format/format.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/evaluate/compile.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/evaluate/walk.hpp"
#include "interpreter/report/report.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <rapidcheck/catch.h>

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>
#include <set>
#include <sstream>

using namespace accrue;
using namespace accrue::properties;
using accrue::test::CliResult;
using accrue::test::run;
using nlohmann::json;

namespace {

std::string lines_of(const Case& c, const std::vector<std::string>& timed) {
    std::string out;
    for (const std::string& p : c.partners) {
        out += p + "\n";
    }
    for (const std::string& t : timed) {
        out += t + "\n";
    }
    return out;
}

std::string document_of(const Case& c) {
    std::string out = "[\n";
    bool first = true;
    for (const auto* list : {&c.partners, &c.timed}) {
        for (const std::string& record : *list) {
            out += (first ? "" : ",\n") + record;
            first = false;
        }
    }
    return out + "\n]\n";
}

Program load(const std::string& text) {
    const SourceFile source{"generated.accrue", text};
    Program program = parse_program(source);
    check_program(program, source);
    compile_expressions(program);
    return program;
}

std::string report(const Program& program, const std::string& name, const std::string& ledger,
                   std::optional<Instant> as_of = std::nullopt) {
    const Ledger l = read_ledger_text(name, ledger, ledger_rules(program));
    EvaluationOptions options;
    options.as_of = as_of;
    return render_report(evaluate(program, l, options), program, l, {ReportFormat::json, false});
}

// `run --totals` streamed (evaluate_streamed: one pass, or two for period
// aggregates; by sorted keys when out of sequence) gives the whole read's
// totals, on the ledger text `jsonl`.
void streamed_totals_agree(const Program& program, const std::string& jsonl) {
    const auto path =
        std::filesystem::temp_directory_path() / fmt::format("accrue-property-{}.jsonl", getpid());
    std::ofstream(path, std::ios::binary) << jsonl;
    const LedgerRules rules = ledger_rules(program);
    EvaluationOptions options;
    options.keep_lines = false;
    options.stream_twice_from_bytes = 0;
    const ReportOptions totals{ReportFormat::json, true};
    Ledger streamed_ledger;
    const auto streamed =
        evaluate_streamed(program, streamed_ledger, path.string(), rules, options);
    RC_ASSERT(streamed.has_value());
    const Ledger whole = read_ledger(path.string(), rules);
    const std::string expected =
        render_report(evaluate(program, whole, options), program, whole, totals);
    RC_ASSERT(render_report(*streamed, program, streamed_ledger, totals) == expected);
    const bool aggregates = std::any_of(program.rules.begin(), program.rules.end(),
                                        [](const LineRule& r) { return !r.aggregates.empty(); });
    if (aggregates) {
        // The same in two walks; and the single walk, wherever it can decide.
        options.hold_periods = false;
        Ledger twice_ledger;
        const auto twice = evaluate_streamed(program, twice_ledger, path.string(), rules, options);
        RC_ASSERT(twice.has_value());
        RC_ASSERT(render_report(*twice, program, twice_ledger, totals) == expected);
        if (walking::holds_periods(program)) {
            try {
                const walking::PeriodTotals none;
                WalkObserver nobody;
                const Report once =
                    walking::Walk(program, whole, options, walking::Pass::single, none, nobody)
                        .run();
                RC_TAG("period aggregates in a single walk");
                RC_ASSERT(render_report(once, program, whole, totals) == expected);
            } catch (const walking::NeedsTwoWalks&) {
                RC_TAG("period aggregates needing two walks");
            }
        }
    }
    std::filesystem::remove(path);
}

// The ledger in sequence order (ties in file order), and in the order given
// with its partners last: one streams in one pass, the other by its keys.
void streamed_totals_agree(const Program& program, const Case& c,
                           const std::vector<std::string>& timed) {
    std::vector<std::pair<std::int64_t, std::string>> keyed;
    for (const std::string& record : timed) {
        keyed.emplace_back(parse_rfc3339(json::parse(record)["at"].get<std::string>())->micros,
                           record);
    }
    std::stable_sort(keyed.begin(), keyed.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::vector<std::string> in_order;
    for (const auto& [at, record] : keyed) {
        in_order.push_back(record);
    }
    streamed_totals_agree(program, lines_of(c, in_order));
    std::string partners_last;
    for (const auto* list : {&timed, &c.partners}) {
        for (const std::string& record : *list) {
            partners_last += record + "\n";
        }
    }
    streamed_totals_agree(program, partners_last);
}

Decimal money(const json& value) {
    return *Decimal::parse(value.get<std::string>());
}

// Every payment and refund has lines (several, with `also` or with several
// commission lines to claw back) or one exclusion, never both; every
// withdrawal one decision; the summary adds up.
void accounted_for(const Case& c, const json& r) {
    std::map<std::string, int> lines, exclusions, decisions;
    for (const json& line : r["accruals"]) {
        ++lines[line["event"]];
    }
    for (const json& e : r["excluded"]) {
        ++exclusions[e["event"]];
    }
    for (const json& w : r["withdrawals"]) {
        ++decisions[w["event"]];
    }
    for (const std::string& record : c.timed) {
        const json j = json::parse(record);
        const std::string type = j["type"];
        const std::string id = j.value("id", "");
        if (type == "payment" || type == "refund") {
            RC_ASSERT((lines[id] >= 1) != (exclusions[id] == 1));
            RC_ASSERT(exclusions[id] <= 1);
            RC_ASSERT(decisions[id] == 0);
        } else if (type == "withdrawal") {
            RC_ASSERT(decisions[id] == 1);
            RC_ASSERT(lines[id] + exclusions[id] == 0);
        }
    }
    const json& s = r["summary"];
    RC_ASSERT(s["records"].get<std::size_t>() == c.partners.size() + c.timed.size());
    RC_ASSERT(s["records"].get<std::size_t>() ==
              s["accrued"].get<std::size_t>() + s["excluded"].get<std::size_t>() +
                  s["withdrawals"].get<std::size_t>() + s["informational"].get<std::size_t>() +
                  s["after_as_of"].get<std::size_t>());
}

// Accrued is the sum of commission and clawback lines; available those of
// them final and available at as-of; balance = available - withdrawn.
void figures_add_up(const Program& program, const json& r) {
    const Instant as_of = *parse_rfc3339(r["as_of"].get<std::string>());
    std::map<std::string, Decimal> accrued, available, withdrawn;
    std::map<std::string, std::map<std::string, Decimal>> by_kind;
    for (const json& line : r["accruals"]) {
        const std::string partner = line["partner"];
        const std::string kind = line["kind"];
        by_kind[partner][kind] = by_kind[partner][kind] + money(line["amount"]);
        if (kind == "commission" || kind == "clawback") {
            accrued[partner] = accrued[partner] + money(line["amount"]);
            if (!line["provisional"].get<bool>() &&
                *parse_rfc3339(line["available_at"].get<std::string>()) <= as_of) {
                available[partner] = available[partner] + money(line["amount"]);
            }
        }
        RC_ASSERT(*parse_rfc3339(line["available_at"].get<std::string>()) >=
                  *parse_rfc3339(line["at"].get<std::string>()));
        // base x rate, rounded as the program says, unless `paid via` converted it.
        if (!line["base"].is_null() && !line["rate"].is_null()) {
            const auto rule =
                std::find_if(program.rules.begin(), program.rules.end(),
                             [&](const LineRule& x) { return x.name.name == line["rule"]; });
            if (rule != program.rules.end() && !rule->via.valid()) {
                const Currency currency = *Currency::from_code(line["currency"].get<std::string>());
                RC_ASSERT((money(line["base"]) * money(line["rate"]))
                              .rounded(currency.minor_units(), program.header.rounding) ==
                          money(line["amount"]));
            }
        }
    }
    for (const json& w : r["withdrawals"]) {
        if (w["approved"].get<bool>()) {
            withdrawn[w["partner"]] = withdrawn[w["partner"]] + money(w["amount"]);
        }
    }
    for (const json& p : r["partners"]) {
        const std::string id = p["partner"];
        RC_ASSERT(money(p["accrued"]) == accrued[id]);
        RC_ASSERT(money(p["available"]) == available[id]);
        RC_ASSERT(money(p["withdrawn"]) == withdrawn[id]);
        RC_ASSERT(money(p["balance"]) == money(p["available"]) - money(p["withdrawn"]));
        for (const auto& [kind, total] : p["totals"].items()) {
            RC_ASSERT(money(total) == by_kind[id][kind]);
        }
    }
}

// The lines of `early` that are final are in `late` as they were.
void final_lines_stay(const json& early, const json& late) {
    std::set<std::string> later;
    for (const json& line : late["accruals"]) {
        later.insert(line.dump());
    }
    for (const json& line : early["accruals"]) {
        if (!line["provisional"].get<bool>()) {
            RC_ASSERT(later.contains(line.dump()));
        }
    }
}

struct TempFile {
    std::string path;
    TempFile(const std::string& name, const std::string& text)
        : path((std::filesystem::temp_directory_path() /
                ("accrue-prop-" + std::to_string(getpid()) + "-" + name))
                   .string()) {
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { std::remove(path.c_str()); }
    TempFile(const TempFile&) = delete;
    TempFile& operator=(const TempFile&) = delete;
};

// `diff P P` changes nothing; `explain` names each line `run` gives its event.
void tools_agree(const Case& c, const std::string& ledger, const json& r) {
    const TempFile program("program.accrue", c.program);
    const TempFile file("ledger.jsonl", ledger);
    const CliResult diffed =
        run({"diff", program.path, program.path, "--ledger", file.path, "--format", "json"});
    RC_ASSERT(diffed.exit_code == 0);
    const json diff = json::parse(diffed.out);
    RC_ASSERT(diff["events_changed"] == 0);
    std::size_t explained = 0;
    for (const json& line : r["accruals"]) {
        if (++explained > 5) {
            break; // explain re-evaluates the whole ledger: five a case
        }
        const CliResult explained_event =
            run({"explain", program.path, "--ledger", file.path, "--event", line["event"]});
        RC_ASSERT(explained_event.exit_code == 0);
        const std::string& text = explained_event.out;
        const std::string said = fmt::format(
            "  {} {} {} to {}", line["kind"].get<std::string>(), line["amount"].get<std::string>(),
            line["currency"].get<std::string>(), line["partner"].get<std::string>());
        RC_ASSERT(text.find(said) != std::string::npos);
    }
}

} // namespace

TEST_CASE("random valid programs and ledgers keep the language's promises", "[properties]") {
    rc::prop("every generated program loads, and its reports keep every promise", [] {
        const Case c = *cases();
        Program program;
        try {
            program = load(c.program);
        } catch (const ProgramError& error) {
            RC_FAIL(std::string("a generated program does not load:\n") + error.what() + "\n" +
                    c.program);
        }
        const std::string jsonl = lines_of(c, c.timed);
        std::string first;
        try {
            first = report(program, "generated.jsonl", jsonl);
        } catch (const EvaluationError& error) {
            // A rule may find no tier or rate: allowed, if it names a record.
            RC_TAG("an evaluation error with its place");
            RC_ASSERT(error.diagnostics().at(0).record.has_value());
            return;
        }
        const json r = json::parse(first);
        RC_TAG(r["accruals"].size() >= 5 ? "5 lines or more" : "fewer than 5 lines");
        accounted_for(c, r);
        figures_add_up(program, r);
        // Deterministic; JSON document or JSON Lines; any order of distinct instants.
        RC_ASSERT(report(program, "generated.jsonl", jsonl) == first);
        RC_ASSERT(report(program, "generated.jsonl", document_of(c)) == first);
        std::vector<std::string> shuffled = c.timed;
        std::mt19937 random(*rc::gen::arbitrary<unsigned>());
        std::shuffle(shuffled.begin(), shuffled.end(), random);
        RC_ASSERT(report(program, "generated.jsonl", lines_of(c, shuffled)) == first);
        // fmt keeps the meaning, and is idempotent.
        const std::string formatted = format_source({"generated.accrue", c.program});
        RC_ASSERT(format_source({"generated.accrue", formatted}) == formatted);
        RC_ASSERT(report(load(formatted), "generated.jsonl", jsonl) == first);
        // Lines final at an earlier as-of are the same at the last one.
        try {
            const json early =
                json::parse(report(program, "generated.jsonl", jsonl, *parse_rfc3339(c.middle_at)));
            final_lines_stay(early, r);
        } catch (const EvaluationError&) {
            // e.g. the as-of checks convert with a rate not yet in force: nothing to compare
        }
        tools_agree(c, jsonl, r);
        streamed_totals_agree(program, c, shuffled);
    });
}

TEST_CASE("the generator reaches every construct of the language", "[properties]") {
    // Each must appear in some of 500 generated programs, or the properties
    // above would not speak for it.
    const std::vector<std::string> constructs{"currency partner",
                                              "rounding half_even",
                                              "rounding down",
                                              "set services",
                                              "parameter top_rate",
                                              "rate top_rate\n",
                                              "signup link",
                                              "signup partner",
                                              "promo code",
                                              "last click within",
                                              "attach",
                                              "exclusions for",
                                              "no_partner from standard",
                                              "commission",
                                              "discount",
                                              "welcome_bonus",
                                              "customer_bonus",
                                              " for referral",
                                              "once per partner",
                                              "when ",
                                              "rate\n",
                                              "otherwise",
                                              "rate by payment.amount",
                                              "rate graduated by",
                                              "rate by paying_customers\n",
                                              "sum of payment.amount in USD in period",
                                              "paying_customers at period end",
                                              "amount ",
                                              "available at payment.at",
                                              "available at period.end",
                                              "period calendar month",
                                              "period every",
                                              "paid via USD",
                                              "terms from",
                                              " to 2024-",
                                              "benefits per period of",
                                              "proportional",
                                              "whole commission once",
                                              "check minimum",
                                              "active_customers within",
                                              "due by",
                                              "in payout",
                                              "+ 2 months",
                                              "+ 1 year",
                                              "the 10th on or after",
                                              "start of month of",
                                              "when refund.at < commission.available_at",
                                              "keep commission",
                                              "when refund.amount",
                                              "amount by payment.amount in USD",
                                              "amount by payment.months",
                                              "also ",
                                              "once per customer",
                                              "for customer >=",
                                              "for customer within",
                                              "customer.last_paid_at",
                                              "customer.signed_up_at",
                                              "customer.clicked_at",
                                              "signup.trial default false",
                                              "payment.tax in USD",
                                              "partner.tier default",
                                              "paid to partner.parent\n",
                                              "paid to partner.parent.parent",
                                              "first click within",
                                              "payment partner",
                                              "click within 30 days for"};
    std::map<std::string, int> seen;
    const auto generator = cases();
    for (int i = 0; i < 500; ++i) {
        const Case c = generator(rc::Random(static_cast<std::uint64_t>(i) + 1), 50).value();
        for (const std::string& construct : constructs) {
            seen[construct] += c.program.find(construct) != std::string::npos ? 1 : 0;
        }
    }
    for (const std::string& construct : constructs) {
        INFO(construct);
        CHECK(seen[construct] > 0);
    }
}
