#include "interpreter/report/report.hpp"

#include "interpreter/report/context.hpp"

#include <sstream>

namespace accrue {

using namespace reporting;

std::string_view reporting::customer_of(const Ledger& ledger, const Record& r) {
    if (r.type == RecordType::refund) {
        return ledger.customer_of(ledger.record(r.payment_index));
    }
    return ledger.customer_of(r);
}

std::string reporting::money_text(const Decimal& amount, Currency currency) {
    return amount.widened(currency.minor_units()).to_string();
}

void write_report(const Report& report, const Program& program, const Ledger& ledger,
                  const ReportOptions& options, std::ostream& out) {
    const Context context{report, program, ledger,
                          *TimeZone::locate(program.header.time_zone->name)};
    switch (options.format) {
    case ReportFormat::json:
        write_json(context, options.totals_only, out);
        return;
    case ReportFormat::csv:
        write_csv(context, options.totals_only, out);
        return;
    case ReportFormat::table:
        break;
    }
    out << render_table(context, options.totals_only);
}

std::string render_report(const Report& report, const Program& program, const Ledger& ledger,
                          const ReportOptions& options) {
    std::ostringstream out;
    write_report(report, program, ledger, options, out);
    return std::move(out).str();
}

void Drain::operator()(std::string& text, bool at_end) const {
    if (at_end || text.size() >= bytes) {
        out.write(text.data(), static_cast<std::streamsize>(text.size()));
        text.clear();
    }
}

} // namespace accrue
