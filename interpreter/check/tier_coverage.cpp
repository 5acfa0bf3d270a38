#include "interpreter/check/tier_coverage.hpp"

#include "interpreter/ledger/fields.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue::checking {
namespace {

const Decimal zero = Decimal::from_int(0);

bool never_negative(const Expr& e) {
    const auto floor = metric_floor(e);
    return floor && *floor >= zero;
}

std::optional<Decimal> floor_of_binary(const Expr& e) {
    const auto a = metric_floor(*e.args[0]);
    const auto b = metric_floor(*e.args[1]);
    if (!a || !b || *a < zero || *b < zero) {
        return std::nullopt; // a difference, or a negative operand: no floor to prove
    }
    try {
        switch (e.op) {
        case Operator::add:
            return *a + *b;
        case Operator::multiply:
            return *a * *b;
        case Operator::divide:
            return zero;
        default:
            return std::nullopt;
        }
    } catch (const DecimalOverflow&) {
        return zero; // beyond the decimal range, but not below 0
    }
}

std::optional<Decimal> floor_of_call(const Expr& e) {
    std::vector<Decimal> floors;
    for (const ExprPtr& arg : e.args) {
        const auto floor = metric_floor(*arg);
        if (!floor) {
            return std::nullopt;
        }
        floors.push_back(*floor);
    }
    if (floors.empty()) {
        return std::nullopt;
    }
    switch (e.function) {
    case Function::min:
        return *std::min_element(floors.begin(), floors.end());
    case Function::max:
        return *std::max_element(floors.begin(), floors.end());
    case Function::round: // rounding may take a small value down to 0
        return floors.front() >= zero ? std::optional<Decimal>{zero} : std::nullopt;
    }
    return std::nullopt;
}

std::optional<Decimal> floor_of_field(const Expr& e) {
    if (e.ref == Ref::paying_customers) {
        return Decimal::from_int(1); // rules on payment only, this payment's customer included
    }
    if (e.ref != Ref::field || e.field == nullptr) {
        return std::nullopt;
    }
    if (e.field->decode == Decode::money) {
        return zero; // ledger amounts are greater than 0
    }
    if (e.field->decode == Decode::months) {
        return Decimal::from_int(1);
    }
    return std::nullopt;
}

std::string shown(const Decimal& value, const Type& metric) {
    return metric.is(TypeKind::money) ? value.to_string() + " " + metric.currency.code()
                                      : value.to_string();
}

// A value strictly between a and b (a < b), for the message.
Decimal between(const Decimal& a, const Decimal& b) {
    const int scale = std::min(Decimal::max_scale, std::max(a.scale(), b.scale()) + 1);
    return Decimal::divide(a + b, Decimal::from_int(2), scale, Rounding::half_away_from_zero);
}

// Two tiers in a row, the first ending at `to` (inclusive) of a metric whose
// values need not be whole: no tier can start just after `to`.
bool check_after_inclusive(Reporter& reporter, const TierRange& previous, const TierRange& current,
                           const Type& metric) {
    const Decimal& to = *previous.to;
    const Decimal& from = *current.from;
    const std::string fix = fmt::format("end the tier before with `below {}` instead of `to {}`",
                                        shown(from, metric), shown(to, metric));
    if (from <= to) {
        reporter.error(current.pos,
                       fmt::format("tiers overlap: {} is in this tier and in the one before it "
                                   "(line {})",
                                   from.to_string(), previous.pos.line),
                       fix);
    } else {
        reporter.error(current.pos,
                       fmt::format("tiers leave a gap: no tier covers the values between {} and "
                                   "{} (such as {})",
                                   to.to_string(), from.to_string(), between(to, from).to_string()),
                       fix);
    }
    return false;
}

// Each tier begins where the one before it ends: one step after it where
// the metric moves in steps (counts: `to 9`, `from 10`), exactly at it
// otherwise (`below 100.00 USD`, `from 100.00 USD`).
// Whether they are; if not, says why.
bool check_adjacent(Reporter& reporter, const TierRange& previous, const TierRange& current,
                    const std::optional<Decimal>& step, const Type& metric) {
    if (previous.from && *current.from < *previous.from) {
        reporter.error(current.pos,
                       fmt::format("tiers are out of order: this one starts at {}, below the tier "
                                   "before it (from {})",
                                   current.from->to_string(), previous.from->to_string()),
                       "list the tiers from the lowest to the highest");
        return false;
    }
    if (previous.inclusive && !step) {
        return check_after_inclusive(reporter, previous, current, metric);
    }
    const Decimal expected = previous.inclusive ? *previous.to + *step : *previous.to;
    if (*current.from < expected) {
        reporter.error(
            current.pos,
            fmt::format("tiers overlap: {} is in this tier and in the one before it (line {})",
                        current.from->to_string(), previous.pos.line),
            fmt::format("start this tier at {}", expected.to_string()));
    } else if (*current.from > expected) {
        reporter.error(current.pos,
                       fmt::format("tiers leave a gap: no tier covers {} up to {}",
                                   expected.to_string(), current.from->to_string()),
                       fmt::format("start this tier at {}", expected.to_string()));
    }
    return *current.from == expected;
}

void check_bottom(Reporter& reporter, const TierRange& first, const Expr& metric) {
    if (!first.from) {
        return; // it covers everything below its end
    }
    const auto floor = metric_floor(metric);
    const std::string hint =
        "leave out `from` in the first tier, so that it covers every value below its end";
    if (!floor) {
        reporter.error(first.pos,
                       fmt::format("the first tier starts at {}, but what the tiers are chosen by "
                                   "can be lower",
                                   first.from->to_string()),
                       hint);
    } else if (*first.from > *floor) {
        reporter.error(first.pos,
                       fmt::format("tiers leave a gap at the bottom: no tier covers {} up to {}",
                                   floor->to_string(), first.from->to_string()),
                       hint);
    }
}

void check_top(Reporter& reporter, const TierRange& last) {
    if (last.to) {
        reporter.error(last.pos,
                       fmt::format("the last tier ends {} {}: no tier covers the values above it",
                                   last.inclusive ? "at" : "below", last.to->to_string()),
                       "leave the last tier open: `from A: ...` with no end");
    }
}

} // namespace

std::optional<Decimal> metric_floor(const Expr& e) {
    switch (e.kind) {
    case ExprKind::number:
    case ExprKind::money:
        return e.number;
    case ExprKind::name:
    case ExprKind::field:
        return floor_of_field(e);
    case ExprKind::period_customers:
    case ExprKind::active_customers:
        return zero;
    case ExprKind::period_sum:
    case ExprKind::customer_sum:
    case ExprKind::conversion: // rates are positive
        return never_negative(*e.args[0]) ? std::optional<Decimal>{zero} : std::nullopt;
    case ExprKind::binary:
        return floor_of_binary(e);
    case ExprKind::call:
        return floor_of_call(e);
    case ExprKind::defaulted: {
        const auto a = metric_floor(*e.args[0]);
        const auto b = metric_floor(*e.args[1]);
        return a && b ? std::optional<Decimal>{std::min(*a, *b)} : std::nullopt;
    }
    default:
        return std::nullopt;
    }
}

bool whole_valued(const Expr& e) {
    switch (e.kind) {
    case ExprKind::number:
        return e.number.is_integer();
    case ExprKind::name:
    case ExprKind::field:
        return e.ref == Ref::paying_customers ||
               (e.ref == Ref::field && e.field != nullptr && e.field->decode == Decode::months);
    case ExprKind::period_customers:
    case ExprKind::active_customers:
        return true;
    case ExprKind::period_sum:
    case ExprKind::customer_sum:
        return whole_valued(*e.args[0]);
    case ExprKind::binary:
        return (e.op == Operator::add || e.op == Operator::subtract ||
                e.op == Operator::multiply) &&
               whole_valued(*e.args[0]) && whole_valued(*e.args[1]);
    default:
        return false;
    }
}

void check_coverage(Reporter& reporter, const std::vector<TierRange>& ranges, const Expr& metric,
                    const Type& metric_type, bool graduated) {
    if (ranges.empty()) {
        return;
    }
    // Graduated bands split a base of whole minor units: `to 4999.99 EUR` ends
    // where `from 5000.00 EUR` begins (evaluate/accruals.cpp, Walk::graduated).
    std::optional<Decimal> step;
    if (graduated && metric_type.is(TypeKind::money)) {
        step = Decimal::unit(metric_type.currency.minor_units());
    } else if (!metric_type.is(TypeKind::money) && whole_valued(metric)) {
        step = Decimal::unit(0);
    }
    bool adjacent = true;
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        if (ranges[i - 1].to && ranges[i].from) {
            adjacent =
                check_adjacent(reporter, ranges[i - 1], ranges[i], step, metric_type) && adjacent;
        }
    }
    if (!adjacent) {
        return; // one mistake at a time: the order first
    }
    check_bottom(reporter, ranges.front(), metric);
    check_top(reporter, ranges.back());
}

} // namespace accrue::checking
