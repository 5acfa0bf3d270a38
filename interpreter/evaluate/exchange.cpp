#include "interpreter/evaluate/exchange.hpp"

#include "interpreter/evaluate/evaluate.hpp"

#include <fmt/format.h>

namespace accrue {

const Decimal& RateTable::rate_of(Currency quote, const Ledger& ledger, const Record& needed_by,
                                  const TimeZone& zone) const {
    const auto it = rates_.find(quote.packed());
    if (it == rates_.end()) {
        throw EvaluationError(at_record(
            ledger, needed_by,
            fmt::format("needs the rate USD/{} at {}, but no rate of that pair is in force then: "
                        "add a `rate` record with base USD and quote {} at or before it",
                        quote.code(), zone.format(needed_by.at), quote.code())));
    }
    return it->second;
}

Decimal RateTable::convert(const Decimal& amount, Currency from, Currency to, const Ledger& ledger,
                           const Record& needed_by, const TimeZone& zone, Conversion* steps) const {
    Conversion c{amount, from, std::nullopt, amount, std::nullopt, amount, to};
    if (from != to) {
        // The contract fixes this rounding, whatever the program's own.
        constexpr Rounding rounding = Rounding::half_away_from_zero;
        static const Currency usd = *Currency::from_code("USD");
        if (from != usd) {
            c.from_rate = rate_of(from, ledger, needed_by, zone);
            c.in_usd = Decimal::divide(amount, *c.from_rate, usd.minor_units(), rounding);
        }
        c.result = c.in_usd;
        if (to != usd) {
            c.to_rate = rate_of(to, ledger, needed_by, zone);
            c.result = (c.in_usd * *c.to_rate).rounded(to.minor_units(), rounding);
        }
    }
    if (steps != nullptr) {
        *steps = c;
    }
    return c.result;
}

} // namespace accrue
