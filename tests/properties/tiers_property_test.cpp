// Property: a program whose tiers pass `check` never stops a run with "no
// tier covers", on any valid ledger. The tiers are random (any form, any
// bounds, gaps of a whole step or of a minor unit, bottoms above the
// metric's floor, closed tops), so that many fail `check`; those that pass
// are run on payments of random amounts, with sub-cent amounts and
// conversions that land between two cents.
#include "cli/pipeline.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/evaluate/compile.hpp"
#include "interpreter/evaluate/evaluate.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>
#include <rapidcheck/catch.h>

using namespace accrue;

namespace {

struct Metric {
    std::string text;
    bool money = false;
    bool period = false;
};

const std::vector<Metric> metrics{
    {"paying_customers", false, false},
    {"payment.months", false, false},
    {"payment.amount in USD", true, false},
    {"payment.amount in USD / 3", true, false},
    {"sum of payment.amount in USD in period", true, true},
    {"paying_customers at period end", false, true},
};

// The tiers' bounds, ascending: counts, or amounts with the value one cent up.
struct Bound {
    std::string text;
    std::string next; // one step up: the next count, or a cent more
};
const std::vector<Bound> count_bounds{{"1", "2"}, {"2", "3"}, {"3", "4"}, {"5", "6"}};
const std::vector<Bound> money_bounds{{"33.33 USD", "33.34 USD"},
                                      {"99.99 USD", "100.00 USD"},
                                      {"100.00 USD", "100.01 USD"},
                                      {"250.00 USD", "250.01 USD"}};

// One to four tiers, mostly in order, each ending `to B` or `below B` and the
// next starting where a user might write it: one step up (a gap for money),
// at B, or a step further (a gap for anything); the first starting at a
// random value or open, the last open or not.
std::string tier_list(bool money) {
    const auto& pool = money ? money_bounds : count_bounds;
    std::vector<Bound> bounds;
    for (const Bound& b : pool) {
        if (*rc::gen::inRange(0, 2) == 0) {
            bounds.push_back(b);
        }
    }
    const auto rate = [] { return std::to_string(*rc::gen::inRange(1, 40)) + "%"; };
    std::string from = *rc::gen::element<std::string>("", "", "0", "1", "2");
    if (money && !from.empty()) {
        from = *rc::gen::element<std::string>("0.00 USD", "0.01 USD", "33.33 USD");
    }
    std::string out;
    for (std::size_t i = 0; i < bounds.size(); ++i) {
        const bool inclusive = *rc::gen::inRange(0, 2) == 0;
        const std::string start = from.empty() ? "" : "from " + from + " ";
        out += fmt::format("    {}{} {}: {}\n", start, inclusive ? "to" : "below", bounds[i].text,
                           rate());
        const int next = *rc::gen::inRange(0, 6);
        from = next == 0                            ? bounds[i].text
               : next == 5 && i + 1 < bounds.size() ? bounds[i + 1].text
               : inclusive                          ? bounds[i].next
                                                    : bounds[i].text;
    }
    if (from.empty() || *rc::gen::inRange(0, 5) == 0) {
        return out.empty() ? fmt::format("    to {}: {}\n", pool.back().text, rate()) : out;
    }
    return out + fmt::format("    from {}: {}\n", from, rate());
}

std::optional<Program> loaded(const std::string& text) {
    const SourceFile source{"tiers.accrue", text};
    try {
        Program program = parse_program(source);
        check_program(program, source);
        compile_expressions(program);
        return program;
    } catch (const ProgramError&) {
        return std::nullopt;
    }
}

// A partner, a signup, and payments of random amounts in USD and EUR (at a
// rate that puts EUR amounts between two cents), some refunded.
std::string ledger() {
    std::string out =
        R"({"type":"partner","id":"a1","joined_at":"2024-01-01T00:00:00Z"})"
        "\n"
        R"({"type":"rate","at":"2024-01-01T00:00:00Z","base":"USD","quote":"EUR","rate":"0.9137"})"
        "\n";
    const int customers = *rc::gen::inRange(1, 8);
    int second = 0;
    for (int c = 1; c <= customers; ++c) {
        out += fmt::format(
            R"({{"type":"signup","id":"s{0}","at":"2024-01-02T00:00:{1:02}Z","customer":"c{0}","partner":"a1"}})"
            "\n",
            c, second++ % 60);
        const int payments = *rc::gen::inRange(1, 4);
        for (int p = 1; p <= payments; ++p) {
            const std::string amount = *rc::gen::element<std::string>(
                "0.01", "33.33", "99.99", "99.995", "100.00", "100.004", "150.00", "299.99");
            out += fmt::format(
                R"({{"type":"payment","id":"p{0}_{1}","at":"2024-0{2}-1{3}T00:00:00Z","customer":"c{0}","amount":"{4}","currency":"{5}","months":{6}}})"
                "\n",
                c, p, *rc::gen::inRange(2, 4), c % 10, amount,
                *rc::gen::element<std::string>("USD", "EUR"), *rc::gen::inRange(1, 13));
        }
    }
    return out;
}

} // namespace

TEST_CASE("tiers that pass check never stop a run for want of a tier", "[properties][tiers]") {
    rc::prop("a checked program finds a tier for every value", [] {
        const Metric& metric = *rc::gen::elementOf(metrics);
        const std::string program_text = fmt::format(
            "program tiers\n  currency USD\n  time zone \"Europe/Kyiv\"\n  roles referral\n\n"
            "attribution\n  signup partner\n\ncommission c on payment\n  base payment.amount in "
            "USD\n  rate by {}\n{}{}",
            metric.text, tier_list(metric.money), metric.period ? "  period calendar month\n" : "");
        const auto program = loaded(program_text);
        if (!program) {
            RC_TAG("refused by check");
            return;
        }
        RC_TAG("passed check");
        const std::string text = ledger();
        try {
            const Ledger l = read_ledger_text("tiers.jsonl", text, ledger_rules(*program));
            evaluate(*program, l, {});
        } catch (const EvaluationError& error) {
            RC_ASSERT(std::string(error.what()).find("no tier") == std::string::npos);
        }
    });
}
