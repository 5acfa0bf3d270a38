// Exchange rates in force as the sequence is walked, and conversion through
// USD with rounding at each step (ledger.md, "Exchange rates").
#pragma once

#include "interpreter/ledger/ledger.hpp"
#include "interpreter/values/decimal.hpp"

#include <optional>
#include <unordered_map>

namespace accrue {

// One conversion, step by step, for `accrue explain`.
struct Conversion {
    Decimal amount;
    Currency from;
    std::optional<Decimal> from_rate; // from -> USD: amount / (from per USD), rounded
    Decimal in_usd;
    std::optional<Decimal> to_rate; // USD -> to: in_usd x (to per USD), rounded
    Decimal result;
    Currency to;
};

// Told of every conversion of an expression when someone explains it.
class ConversionListener {
  public:
    virtual void converted(const Record& event, const Conversion& conversion) = 0;

  protected:
    ~ConversionListener() = default;
};

class RateTable {
  public:
    // The record becomes the rate in force for its pair.
    void update(const Record& rate) { rates_[rate.currency.packed()] = rate.amount; }

    // `amount` in `from` converted to `to`; `needed_by` names the record in
    // the error when no rate is in force.
    // `steps`, when given, receives each step.
    [[nodiscard]] Decimal convert(const Decimal& amount, Currency from, Currency to,
                                  const Ledger& ledger, const Record& needed_by,
                                  const TimeZone& zone, Conversion* steps = nullptr) const;

    // The USD/quote rate in force, if any (for explanations).
    [[nodiscard]] std::optional<Decimal> in_force(Currency quote) const {
        const auto it = rates_.find(quote.packed());
        return it == rates_.end() ? std::nullopt : std::optional<Decimal>(it->second);
    }

  private:
    [[nodiscard]] const Decimal& rate_of(Currency quote, const Ledger& ledger,
                                         const Record& needed_by, const TimeZone& zone) const;
    std::unordered_map<std::uint32_t, Decimal> rates_; // quote -> USD/quote
};

} // namespace accrue
