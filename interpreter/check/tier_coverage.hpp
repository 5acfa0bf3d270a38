// Tiers cover every value their metric can take, or `check` says where
// they do not: from the metric's lowest possible value, without a gap of
// any size between two tiers (exact decimals: `to 99.99 USD` then `from
// 100.00 USD` leaves 99.995 to no tier), and open at the top. What passes
// here can never stop a run with "no tier covers".
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/diagnostics/reporter.hpp"

#include <optional>
#include <vector>

namespace accrue::checking {

struct TierRange {
    std::optional<Decimal> from, to;
    bool inclusive; // `to B` (B in the tier), not `below B`
    SourcePos pos;
};

// The lowest value the metric can take; nullopt when it has none the
// checks can prove (a difference, a negation, a number field).
std::optional<Decimal> metric_floor(const Expr& metric);
// Whether the metric takes whole values only (a count), so that `to 9` is
// followed by `from 10` without a gap.
bool whole_valued(const Expr& metric);

// Order, overlaps, gaps, the bottom and the top of a rule's tiers, in order.
// `graduated`: bands that split a base of whole minor units.
void check_coverage(Reporter& reporter, const std::vector<TierRange>& ranges, const Expr& metric,
                    const Type& metric_type, bool graduated);

} // namespace accrue::checking
