#include "interpreter/report/report.hpp"

#include "interpreter/report/context.hpp"

namespace accrue {

using namespace reporting;

std::string_view reporting::customer_of(const Ledger& ledger, const Record& r) {
    if (r.type == RecordType::refund) {
        return ledger.records[r.payment_index].customer;
    }
    return r.customer;
}

std::string reporting::money_text(const Decimal& amount, Currency currency) {
    return amount.widened(currency.minor_units()).to_string();
}

std::string render_report(const Report& report, const Program& program, const Ledger& ledger,
                          const ReportOptions& options) {
    const Context context{report, program, ledger,
                          *TimeZone::locate(program.header.time_zone->name)};
    switch (options.format) {
    case ReportFormat::json:
        return render_json(context, options.totals_only);
    case ReportFormat::csv:
        return render_csv(context, options.totals_only);
    case ReportFormat::table:
        break;
    }
    return render_table(context, options.totals_only);
}

} // namespace accrue
