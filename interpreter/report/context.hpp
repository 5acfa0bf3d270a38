// What every report format reads, and the cells they share.
#pragma once

#include "interpreter/report/report.hpp"

#include <ostream>
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
// A CSV cell: quoted (and its quotes doubled) when it holds `,`, `"` or a line break.
std::string csv_field(std::string_view text);
// An amount with its currency's minor digits, without the code: "12.50".
std::string money_text(const Decimal& amount, Currency currency);

// Hands the text written so far to the output once it is a megabyte (or at
// the end), and empties it.
struct Drain {
    static constexpr std::size_t bytes = std::size_t{1} << 20;
    std::ostream& out;
    void operator()(std::string& text, bool at_end = false) const;
};

void write_json(const Context& c, bool totals_only, std::ostream& out);
void write_csv(const Context& c, bool totals_only, std::ostream& out);
std::string render_table(const Context& c, bool totals_only);

} // namespace accrue::reporting
