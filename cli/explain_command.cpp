#include "cli/explain_command.hpp"

#include "cli/pipeline.hpp"
#include "interpreter/evaluate/evaluate.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue {
namespace {

// What the report holds for the record: its lines, exclusion or decision.
void print_result(const Report& report, const Ledger& ledger, const TimeZone& zone,
                  std::uint32_t index, std::ostream& out) {
    out << "Result:\n";
    bool any = false;
    for (const Line& line : report.lines) {
        if (line.record == index) {
            out << fmt::format("  {} {} {} to {}, available at {}{}\n", line_kind_name(line.kind),
                               line.amount.to_string(), line.currency.code(),
                               ledger.partners[line.partner].id, zone.format(line.available_at),
                               line.provisional ? " (provisional)" : "");
            any = true;
        }
    }
    for (const ExcludedEntry& entry : report.excluded) {
        if (entry.record == index) {
            out << fmt::format("  excluded: {}\n", *entry.reason);
            any = true;
        }
    }
    for (const WithdrawalDecision& decision : report.withdrawals) {
        if (decision.record == index) {
            out << fmt::format("  {}{}\n", decision.approved ? "approved" : "refused",
                               decision.due_by ? ", due by " + zone.format(*decision.due_by) : "");
            any = true;
        }
    }
    if (!any) {
        out << "  informational: it made no line\n";
    }
}

} // namespace

void run_explain(const ExplainArguments& args, std::ostream& out) {
    const Program program = load_program(args.program, parse_settings(args.settings));
    const Ledger ledger = read_ledger(args.ledger, ledger_rules(program));
    const auto record = std::find_if(ledger.records.begin(), ledger.records.end(),
                                     [&](const Record& r) { return r.id == args.event; });
    if (record == ledger.records.end()) {
        throw std::invalid_argument(
            fmt::format("{}: no timed record has the id \"{}\"", ledger.file, args.event));
    }
    const auto index = static_cast<std::uint32_t>(record - ledger.records.begin());
    std::vector<std::string> steps;
    EvaluationOptions options;
    options.explain_record = index;
    options.explanation = &steps;
    options.as_of = as_of_option(args.as_of, program);
    const Report report = evaluate(program, ledger, options);
    const TimeZone zone = *TimeZone::locate(program.header.time_zone->name);

    out << fmt::format("{} \"{}\" ({}) under {}, as of {}\n", record_type_name(record->type),
                       record->id, ledger.where(record->position), program.file,
                       zone.format(report.as_of));
    if (record->at > report.as_of) {
        out << "  - it is after as-of: not taken into account\n";
        return;
    }
    for (const std::string& step : steps) {
        out << "  - " << step << "\n";
    }
    if (steps.empty()) {
        out << fmt::format("  - a {} record changes no figure itself; it is informational\n",
                           record_type_name(record->type));
    }
    print_result(report, ledger, zone, index, out);
}

} // namespace accrue
