// The lines of periods not yet closed, in a single walk (Pass::single): a
// line of a rule whose tier depends on its period's aggregate is priced
// under every tier of the rate at once, and the sums of those prices wait
// here until the walk passes the period's end. Then the aggregate is known,
// each sum takes its tier's price, and the partner is credited.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/evaluate/observer.hpp"
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/time.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/inlined_vector.h>

#include <stdexcept>
#include <string>
#include <tuple>

namespace accrue::walking {

// Thrown where a single walk would need a held line's price before its
// period closes (a withdrawal while a line is already available, clawback
// rules that choose by the price): the program is walked twice instead,
// which prices every line knowing its aggregates.
struct NeedsTwoWalks : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A price under each tier of the rate, in the order of its tiers.
using TierPrices = absl::InlinedVector<Decimal, 4>;

// The lines of one rule, holder and period: they share one aggregate.
struct HeldGroup {
    std::size_t rule = 0;
    std::uint32_t holder = 0;
    Period period;
    Currency via; // `paid via`; none: the payout currency
};

// Lines that credit a partner alike are added up: they differ in price only.
struct HeldKey {
    std::uint32_t group = 0;
    const Rate* rate = nullptr; // the tiers of the terms in force at the line
    std::uint32_t partner = 0;
    LineKind kind = LineKind::commission;
    bool provisional = false;
    Instant available_at;

    friend bool operator==(const HeldKey&, const HeldKey&) = default;
    template <typename H> friend H AbslHashValue(H h, const HeldKey& k) {
        return H::combine(std::move(h), k.group, k.rate, k.partner, k.kind, k.provisional,
                          k.available_at.micros);
    }
};

struct HeldSums {
    TierPrices amounts;
    TierPrices via; // commission lines: the `paid via` amounts, for benefits
};

// A held commission line that a refund of the ledger names, priced per tier.
struct HeldCommission {
    std::uint32_t group = 0;
    const Rate* rate = nullptr;
    TierPrices amounts;
};

// Everything held until one instant: the end of one or more periods.
struct HeldPeriod {
    std::vector<std::pair<HeldKey, HeldSums>> sums; // in the order first held
    absl::flat_hash_map<HeldKey, std::uint32_t> sum_of;
    std::vector<std::uint32_t> commissions; // indexes into Walk::commissions_, + 1
    // By partner: the earliest `available_at` held, for withdrawals.
    absl::flat_hash_map<std::uint32_t, Instant> earliest;

    // The sums the key's lines add to (and the partner's earliest line).
    HeldSums& sums_for(const HeldKey& key, std::size_t tiers);
};

} // namespace accrue::walking
