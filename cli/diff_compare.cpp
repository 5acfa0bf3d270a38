#include "cli/diff_compare.hpp"

#include "interpreter/report/context.hpp"

#include <absl/container/flat_hash_map.h>

#include <map>
#include <string>

namespace accrue {
namespace {

using json = nlohmann::ordered_json;
using reporting::money_text;

std::string signed_text(const Decimal& d, Currency currency) {
    return (d.sign() > 0 ? "+" : "") + money_text(d, currency);
}

// {"old", "new", "difference"} of one figure; no difference across currencies.
json figure(const Decimal& before, Currency old_currency, const Decimal& after,
            Currency new_currency) {
    json entry{{"old", money_text(before, old_currency)}, {"new", money_text(after, new_currency)}};
    entry["difference"] = old_currency == new_currency
                              ? json(signed_text(after - before, new_currency))
                              : json(nullptr);
    return entry;
}

const std::array<std::pair<const char*, Decimal PartnerTotals::*>, 3> compared_figures{{
    {"accrued", &PartnerTotals::accrued},
    {"available", &PartnerTotals::available},
    {"balance", &PartnerTotals::balance},
}};

json partner_entry(const DiffSide& old_side, const PartnerTotals& then, const PartnerTotals& now) {
    json entry{{"partner", old_side.ledger.partners[then.partner].id}};
    if (then.currency == now.currency) {
        entry["currency"] = now.currency.code_view();
    } else {
        entry["old_currency"] = then.currency.code_view();
        entry["new_currency"] = now.currency.code_view();
    }
    for (const auto& [name, member] : compared_figures) {
        entry[name] = figure(then.*member, then.currency, now.*member, now.currency);
    }
    entry["can_withdraw"] = {{"old", then.eligible}, {"new", now.eligible}};
    return entry;
}

// Per currency (by code, in alphabetical order), each side's sum of each
// figure over its partners.
struct Sum {
    Currency currency;
    std::array<std::array<Decimal, 2>, 3> by_figure; // figure -> old, new
};
using Sums = std::map<std::string_view, Sum>;

void add_to_sums(Sums& sums, const PartnerTotals& totals, std::size_t side) {
    Sum& sum = sums[totals.currency.code_view()];
    sum.currency = totals.currency;
    auto& by_figure = sum.by_figure;
    for (std::size_t f = 0; f < compared_figures.size(); ++f) {
        by_figure[f][side] = by_figure[f][side] + totals.*compared_figures[f].second;
    }
}

json totals_entries(const Sums& sums) {
    json totals = json::array();
    for (const auto& [code, sum] : sums) {
        const auto& [currency, by_figure] = sum;
        json entry{{"currency", code}};
        for (std::size_t f = 0; f < compared_figures.size(); ++f) {
            entry[compared_figures[f].first] =
                figure(by_figure[f][0], currency, by_figure[f][1], currency);
        }
        totals.push_back(std::move(entry));
    }
    return totals;
}

// What one program makes of one event.
struct Outcome {
    json lines = json::array();
    json excluded = nullptr;
    json withdrawal = nullptr;
};

using Outcomes = absl::flat_hash_map<std::string_view, Outcome>;

Outcomes outcomes(const DiffSide& side) {
    Outcomes by_event;
    const Ledger& ledger = side.ledger;
    for (const Line& line : side.report.lines) {
        by_event[ledger.record(line.record).id].lines.push_back(
            {{"partner", ledger.partners[line.partner].id},
             {"kind", line_kind_name(line.kind)},
             {"rule", *line.rule},
             {"amount", money_text(line.amount, line.currency)},
             {"currency", line.currency.code_view()},
             {"available_at", side.zone.format(line.available_at)},
             {"provisional", line.provisional}});
    }
    for (const ExcludedEntry& e : side.report.excluded) {
        by_event[ledger.record(e.record).id].excluded = {
            {"partner",
             e.partner == no_partner ? json(nullptr) : json(ledger.partners[e.partner].id)},
            {"reason", *e.reason}};
    }
    for (const WithdrawalDecision& d : side.report.withdrawals) {
        const Record& r = ledger.record(d.record);
        by_event[r.id].withdrawal = {
            {"partner", ledger.partners[d.partner].id},
            {"amount", money_text(r.amount, r.currency)},
            {"currency", r.currency.code_view()},
            {"approved", d.approved},
            {"due_by", d.due_by ? json(side.zone.format(*d.due_by)) : json(nullptr)}};
    }
    return by_event;
}

json as_json(const Outcome* outcome) {
    if (outcome == nullptr) {
        return {{"lines", json::array()}, {"excluded", nullptr}, {"withdrawal", nullptr}};
    }
    return {{"lines", outcome->lines},
            {"excluded", outcome->excluded},
            {"withdrawal", outcome->withdrawal}};
}

// The same outcome but for the names of the rules that made the lines: a
// renamed rule changes no figure.
bool same(const Outcome* a, const Outcome* b) {
    json left = as_json(a);
    json right = as_json(b);
    for (json* side : {&left, &right}) {
        for (json& line : (*side)["lines"]) {
            line.erase("rule");
        }
    }
    return left == right;
}

// Each event's place in the ledger's sequence; the old ledger's events that
// the new one lacks (another as-of) come after.
std::vector<std::string_view> events_in_ledger_order(const DiffSide& old_side,
                                                     const DiffSide& new_side) {
    std::vector<std::string_view> order;
    absl::flat_hash_map<std::string_view, bool> seen;
    for (const DiffSide* side : {&new_side, &old_side}) {
        for (const std::uint32_t index : side->ledger.sequence) {
            const std::string_view id = side->ledger.record(index).id;
            if (seen.emplace(id, true).second) {
                order.push_back(id);
            }
        }
    }
    return order;
}

} // namespace

json compare_partners(const DiffSide& old_side, const DiffSide& new_side) {
    absl::flat_hash_map<std::string_view, const PartnerTotals*> old_by_id;
    for (const PartnerTotals& then : old_side.report.partners) {
        old_by_id[old_side.ledger.partners[then.partner].id] = &then;
    }
    json partners = json::array();
    Sums sums;
    for (const PartnerTotals& now : new_side.report.partners) {
        const auto found = old_by_id.find(new_side.ledger.partners[now.partner].id);
        if (found == old_by_id.end()) {
            continue; // both read the same file: both have its partners
        }
        partners.push_back(partner_entry(old_side, *found->second, now));
        add_to_sums(sums, *found->second, 0);
        add_to_sums(sums, now, 1);
    }
    return {{"partners", std::move(partners)}, {"totals", totals_entries(sums)}};
}

json compare_events(const DiffSide& old_side, const DiffSide& new_side) {
    const Outcomes before = outcomes(old_side);
    const Outcomes after = outcomes(new_side);
    const auto find = [](const Outcomes& in, std::string_view event) -> const Outcome* {
        const auto it = in.find(event);
        return it == in.end() ? nullptr : &it->second;
    };
    json events = json::array();
    for (const std::string_view event : events_in_ledger_order(old_side, new_side)) {
        const Outcome* then = find(before, event);
        const Outcome* now = find(after, event);
        if (!same(then, now)) {
            events.push_back({{"event", event}, {"old", as_json(then)}, {"new", as_json(now)}});
        }
    }
    return events;
}

} // namespace accrue
