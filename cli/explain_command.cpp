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

bool has_model(const Program& program, AttributionModel model) {
    return std::any_of(program.attribution.begin(), program.attribution.end(),
                       [&](const Attribution& a) { return a.model == model; });
}

// A record that makes no line itself, and what of it the program reads later.
std::string what_it_feeds(const Record& r, const Program& program, const Ledger& ledger,
                          const TimeZone& zone) {
    const std::string_view customer = r.type == RecordType::click ? "" : ledger.customer_of(r);
    switch (r.type) {
    case RecordType::click:
        return has_model(program, AttributionModel::last_click) ||
                       has_model(program, AttributionModel::first_click)
                   ? fmt::format(
                         "click of visitor {} for partner {} at {}{}: the click models "
                         "read it at this visitor's later signups, within their window",
                         r.visitor(), ledger.partners[r.partner_index].id, zone.format(r.at),
                         r.source().empty() ? "" : fmt::format(" (source \"{}\")", r.source()))
                   : "a click, and the program has no click model: nothing reads it";
    case RecordType::attach:
        return has_model(program, AttributionModel::attach)
                   ? fmt::format("customer {} is held by partner {} from {} (attribution "
                                 "`attach`): its later payments are that partner's",
                                 customer, ledger.partners[r.partner_index].id, zone.format(r.at))
                   : "an attach, and the program has no `attach` model: nothing reads it";
    case RecordType::status:
        return fmt::format("customer {} has the status \"{}\" from {}: the rules read it as "
                           "`customer.status` at the customer's later payments",
                           customer, r.status(), zone.format(r.at));
    case RecordType::rate:
        return "an exchange rate: conversions at or after it use it, until the next of its pair";
    default:
        return fmt::format("a {} record changes no figure itself; it is informational",
                           record_type_name(r.type));
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
        out << "  - " << what_it_feeds(*record, program, ledger, zone) << "\n";
    }
    print_result(report, ledger, zone, index, out);
}

} // namespace accrue
