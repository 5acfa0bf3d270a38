// The table for people: accruals, exclusions, withdrawals, partners.
#include "interpreter/report/context.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue::reporting {
namespace {

// Columns padded to their widest cell.
std::string table(const std::vector<std::vector<std::string>>& rows) {
    std::vector<std::size_t> widths;
    for (const auto& row : rows) {
        widths.resize(std::max(widths.size(), row.size()));
        for (std::size_t i = 0; i < row.size(); ++i) {
            widths[i] = std::max(widths[i], row[i].size());
        }
    }
    std::string out;
    for (const auto& row : rows) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) {
            line += row[i];
            if (i + 1 < row.size()) {
                line.append(widths[i] - row[i].size() + 2, ' ');
            }
        }
        while (!line.empty() && line.back() == ' ') {
            line.pop_back();
        }
        out += "  " + line + "\n";
    }
    return out;
}

// The benefits unlocked, by partner, then period (a program that declares
// `benefits`; report.md, "Partner totals").
std::string benefits_table(const Context& c) {
    std::vector<std::vector<std::string>> rows{{"partner", "period", "benefit"}};
    for (const PartnerTotals& p : c.report.partners) {
        for (const PartnerTotals::Unlocked& u : p.benefits) {
            rows.push_back({std::string(c.ledger.partners[p.partner].id), u.period, *u.benefit});
        }
    }
    return fmt::format("\nBenefits ({})\n", rows.size() - 1) + table(rows);
}

} // namespace

std::string render_table(const Context& c, bool totals_only) {
    std::string out =
        fmt::format("{} as of {}\n", c.program.header.program.name, c.zone.format(c.report.as_of));
    if (!c.program.parameters.empty()) {
        std::string values;
        for (const Parameter& p : c.program.parameters) {
            values += fmt::format("{}{} = {}", values.empty() ? "" : ", ", p.name.name, p.text);
        }
        out += "with " + values + "\n";
    }
    if (!totals_only) {
        std::vector<std::vector<std::string>> rows{
            {"event", "partner", "kind", "rule", "amount", "available at", ""}};
        for (const Line& line : c.report.lines) {
            rows.push_back(
                {std::string(c.ledger.record(line.record).id),
                 std::string(c.ledger.partners[line.partner].id), line_kind_name(line.kind),
                 *line.rule, money_text(line.amount, line.currency) + " " + line.currency.code(),
                 c.zone.format(line.available_at), line.provisional ? "provisional" : ""});
        }
        out += fmt::format("\nAccruals ({})\n", c.report.lines.size()) + table(rows);
        rows = {{"event", "partner", "reason"}};
        for (const ExcludedEntry& e : c.report.excluded) {
            rows.push_back(
                {std::string(c.ledger.record(e.record).id),
                 e.partner == no_partner ? "-" : std::string(c.ledger.partners[e.partner].id),
                 *e.reason});
        }
        out += fmt::format("\nExcluded ({})\n", c.report.excluded.size()) + table(rows);
        rows = {{"event", "partner", "amount", "decision", "checks"}};
        for (const WithdrawalDecision& d : c.report.withdrawals) {
            const Record& r = c.ledger.record(d.record);
            std::string checks;
            for (const CheckResult& check : d.checks) {
                checks += fmt::format("{}{} {} ({})", checks.empty() ? "" : "; ", *check.name,
                                      check.ok ? "ok" : "FAILED", check.detail);
            }
            rows.push_back({std::string(r.id), std::string(c.ledger.partners[d.partner].id),
                            money_text(r.amount, r.currency) + " " + r.currency.code(),
                            d.approved ? (d.due_by ? "approved, due by " + c.zone.format(*d.due_by)
                                                   : "approved")
                                       : "refused",
                            checks});
        }
        out += fmt::format("\nWithdrawals ({})\n", c.report.withdrawals.size()) + table(rows);
    }
    std::vector<std::vector<std::string>> rows{
        {"partner", "role", "accrued", "available", "withdrawn", "balance", "can withdraw"}};
    for (const PartnerTotals& p : c.report.partners) {
        rows.push_back({std::string(c.ledger.partners[p.partner].id), std::string(p.role),
                        money_text(p.accrued, p.currency), money_text(p.available, p.currency),
                        money_text(p.withdrawn, p.currency),
                        money_text(p.balance, p.currency) + " " + p.currency.code(),
                        p.eligible ? "yes" : "no"});
    }
    out += fmt::format("\nPartners ({})\n", c.report.partners.size()) + table(rows);
    if (!c.program.benefits.empty()) {
        out += benefits_table(c);
    }
    if (!totals_only) {
        const Summary& s = c.report.summary;
        out += fmt::format("\nRecords: {} = {} accrued + {} excluded + {} withdrawals + {} "
                           "informational + {} after as-of\n",
                           s.records, s.accrued, s.excluded, s.withdrawals, s.informational,
                           s.after_as_of);
    }
    return out;
}

} // namespace accrue::reporting
