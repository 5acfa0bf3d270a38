// What every report format reads, and the cells they share.
#pragma once

#include "interpreter/report/report.hpp"

#include <string>
#include <string_view>

namespace accrue::reporting {

struct Context {
    const Report& report;
    const Program& program;
    const Ledger& ledger;
    TimeZone zone;
};

// The customer of a line's event (a refund's is its payment's).
std::string_view customer_of(const Ledger& ledger, const Record& r);
// An amount with its currency's minor digits, without the code: "12.50".
std::string money_text(const Decimal& amount, Currency currency);

std::string render_json(const Context& c, bool totals_only);
std::string render_csv(const Context& c, bool totals_only);
std::string render_table(const Context& c, bool totals_only);

} // namespace accrue::reporting
