#include "cli/diff_command.hpp"

#include "cli/pipeline.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <map>

namespace accrue {
namespace {

using nlohmann::json;

// What a report says of one ledger record, as words: its lines, or its
// exclusion, or its withdrawal decision.
std::map<std::string, std::string> outcomes(const json& report) {
    std::map<std::string, std::string> by_event;
    const auto add = [&](const std::string& event, const std::string& text) {
        std::string& entry = by_event[event];
        entry += entry.empty() ? text : "; " + text;
    };
    for (const json& line : report.at("accruals")) {
        add(line.at("event"), fmt::format("{} {} {} to {}", line.at("kind").get<std::string>(),
                                          line.at("amount").get<std::string>(),
                                          line.at("currency").get<std::string>(),
                                          line.at("partner").get<std::string>()));
    }
    for (const json& entry : report.at("excluded")) {
        add(entry.at("event"), "excluded: " + entry.at("reason").get<std::string>());
    }
    for (const json& w : report.at("withdrawals")) {
        add(w.at("event"),
            w.at("approved").get<bool>() ? "withdrawal approved" : "withdrawal refused");
    }
    return by_event;
}

Decimal amount(const json& value) {
    return Decimal::parse(value.get<std::string>()).value_or(Decimal{});
}

std::string signed_text(const Decimal& d) {
    return (d.sign() > 0 ? "+" : "") + d.to_string();
}

using Changes = std::map<std::string, std::pair<std::string, std::string>>; // event -> old, new

// Accrued per partner before and after, and per currency. A partner paid
// in another currency by the new program (`currency partner`, another
// `currency`) shows both figures, each with its currency, and no
// difference: amounts in two currencies are not subtracted, and no rate is
// assumed (docs/decisions.md, "diff across currencies"). The totals add
// each side in its own currency.
void compare_partners(const json& before, const json& after, json& result) {
    result["partners"] = json::array();
    std::map<std::string, std::array<Decimal, 2>> totals; // currency -> old, new
    std::map<std::string, const json*> old_by_id;
    for (const json& then : before.at("partners")) {
        old_by_id[then.at("partner").get<std::string>()] = &then;
    }
    for (const json& now : after.at("partners")) {
        const auto found = old_by_id.find(now.at("partner").get<std::string>());
        if (found == old_by_id.end()) {
            continue; // both reports list the ledger's partners
        }
        const json& then = *found->second;
        const std::string old_currency = then.at("currency");
        const std::string new_currency = now.at("currency");
        const Decimal old_accrued = amount(then.at("accrued"));
        const Decimal new_accrued = amount(now.at("accrued"));
        totals[old_currency][0] = totals[old_currency][0] + old_accrued;
        totals[new_currency][1] = totals[new_currency][1] + new_accrued;
        json entry{{"partner", now.at("partner")}};
        if (old_currency == new_currency) {
            entry["currency"] = new_currency;
        } else {
            entry["old_currency"] = old_currency;
            entry["new_currency"] = new_currency;
        }
        entry["old"] = then.at("accrued");
        entry["new"] = now.at("accrued");
        entry["difference"] = old_currency == new_currency
                                  ? json(signed_text(new_accrued - old_accrued))
                                  : json(nullptr);
        result["partners"].push_back(std::move(entry));
    }
    result["totals"] = json::array();
    for (const auto& [currency, pair] : totals) {
        result["totals"].push_back({{"currency", currency},
                                    {"old", pair[0].to_string()},
                                    {"new", pair[1].to_string()},
                                    {"difference", signed_text(pair[1] - pair[0])}});
    }
}

// The events whose outcome differs.
Changes compare_events(const json& before, const json& after) {
    const auto old_events = outcomes(before);
    const auto new_events = outcomes(after);
    Changes changed;
    for (const auto& [event, text] : new_events) {
        const auto it = old_events.find(event);
        const std::string was = it == old_events.end() ? "" : it->second;
        if (was != text) {
            changed[event] = {was, text};
        }
    }
    for (const auto& [event, text] : old_events) {
        if (!new_events.contains(event)) {
            changed[event] = {text, ""};
        }
    }
    return changed;
}

void print_table(const json& result, const Changes& changed, std::ostream& out) {
    out << fmt::format(
        "{} -> {} on {}, as of {}\n\n", result.at("old").at("file").get<std::string>(),
        result.at("new").at("file").get<std::string>(), result.at("ledger").get<std::string>(),
        result.at("as_of").get<std::string>());
    out << fmt::format("  {:<12} {:>14} {:>14} {:>14}\n", "partner", "old accrued", "new accrued",
                       "difference");
    for (const json& p : result.at("partners")) {
        const std::string partner = p.at("partner");
        const std::string old_accrued = p.at("old");
        const std::string new_accrued = p.at("new");
        if (p.contains("currency")) {
            out << fmt::format("  {:<12} {:>14} {:>14} {:>14} {}\n", partner, old_accrued,
                               new_accrued, p.at("difference").get<std::string>(),
                               p.at("currency").get<std::string>());
        } else { // two currencies: each figure with its own, no difference
            out << fmt::format("  {:<12} {:>14} {:>14}   (in two currencies: not subtracted)\n",
                               partner, old_accrued + " " + p.at("old_currency").get<std::string>(),
                               new_accrued + " " + p.at("new_currency").get<std::string>());
        }
    }
    for (const json& t : result.at("totals")) {
        out << fmt::format("  {:<12} {:>14} {:>14} {:>14} {}\n", "total",
                           t.at("old").get<std::string>(), t.at("new").get<std::string>(),
                           t.at("difference").get<std::string>(),
                           t.at("currency").get<std::string>());
    }
    out << fmt::format("\n{} event{} changed\n", changed.size(), changed.size() == 1 ? "" : "s");
    for (const auto& [event, pair] : changed) {
        out << fmt::format("  {}: {} -> {}\n", event, pair.first.empty() ? "(nothing)" : pair.first,
                           pair.second.empty() ? "(nothing)" : pair.second);
    }
}

} // namespace

void run_diff(const DiffArguments& args, std::ostream& out) {
    const json before = json::parse(
        run_report(args.old_program, args.ledger, args.as_of, {ReportFormat::json, false}));
    const json after = json::parse(
        run_report(args.new_program, args.ledger, args.as_of, {ReportFormat::json, false}));
    json result;
    result["old"] = before.at("program");
    result["new"] = after.at("program");
    result["ledger"] = args.ledger;
    result["as_of"] = after.at("as_of");
    compare_partners(before, after, result);
    const Changes changed = compare_events(before, after);
    result["events"] = json::array();
    for (const auto& [event, pair] : changed) {
        result["events"].push_back({{"event", event}, {"old", pair.first}, {"new", pair.second}});
    }
    result["events_changed"] = changed.size();
    if (args.format == "json") {
        out << result.dump(1) << "\n";
        return;
    }
    print_table(result, changed, out);
}

} // namespace accrue
