// CSV: the accrual lines (or the partner totals), for spreadsheets.
#include "interpreter/report/context.hpp"

#include <fmt/format.h>

namespace accrue::reporting {
namespace {

// "2024-03 case_study; 2024-04 case_study": a partner's benefits in one cell.
std::string benefits_cell(const PartnerTotals& p) {
    std::string cell;
    for (const PartnerTotals::Unlocked& u : p.benefits) {
        cell += fmt::format("{}{} {}", cell.empty() ? "" : "; ", u.period, *u.benefit);
    }
    return cell;
}

} // namespace

std::string csv_field(std::string_view text) {
    if (text.find_first_of(",\"\n") == std::string_view::npos) {
        return std::string(text);
    }
    std::string out = "\"";
    for (const char ch : text) {
        if (ch == '"') {
            out.push_back('"');
        }
        out.push_back(ch);
    }
    return out + "\"";
}

void write_csv(const Context& c, bool totals_only, std::ostream& sink) {
    const Drain drain{sink};
    std::string out;
    if (totals_only) {
        out += "partner,role,currency,accrued,available,withdrawn,balance,eligible,benefits\n";
        for (const PartnerTotals& p : c.report.partners) {
            out += fmt::format(
                "{},{},{},{},{},{},{},{},{}\n", csv_field(c.ledger.partners[p.partner].id),
                csv_field(p.role), p.currency.code_view(), money_text(p.accrued, p.currency),
                money_text(p.available, p.currency), money_text(p.withdrawn, p.currency),
                money_text(p.balance, p.currency), p.eligible ? "true" : "false",
                csv_field(benefits_cell(p)));
            drain(out);
        }
        drain(out, true);
        return;
    }
    out +=
        "event,partner,customer,kind,rule,base,rate,amount,currency,at,available_at,provisional\n";
    for (const Line& line : c.report.lines) {
        const Record& r = c.ledger.record(line.record);
        out += fmt::format("{},{},{},{},{},{},{},{},{},{},{},{}\n", csv_field(r.id),
                           csv_field(c.ledger.partners[line.partner].id),
                           csv_field(customer_of(c.ledger, r)), line_kind_name(line.kind),
                           csv_field(*line.rule),
                           line.has_base ? money_text(line.base, line.currency) : "",
                           line.has_base && line.has_rate ? line.rate.normalized().to_string() : "",
                           money_text(line.amount, line.currency), line.currency.code_view(),
                           c.zone.format(line.at), c.zone.format(line.available_at),
                           line.provisional ? "true" : "false");
        drain(out);
    }
    drain(out, true);
}

} // namespace accrue::reporting
