// Refunds meet the clawback policy: the commission line of the refunded
// payment is reversed whole once, or in proportion to the refunded amount.
#include "interpreter/evaluate/walk.hpp"

#include <algorithm>

namespace accrue::walking {

void Walk::refund(std::uint32_t index, const Record& r) {
    const Record& paid = ledger_.records[r.payment_index];
    Decimal& sum = refunded_[r.payment_index];
    sum = sum + (r.has_amount ? r.amount : paid.amount);
    const std::uint32_t which = commission_of_[r.payment_index];
    observer_.refund_seen(index, RefundSeen{r, paid});
    if (!program_.clawback || which == 0) {
        observer_.excluded(index, reason_not_accrued);
        exclude(index, no_partner, reason_not_accrued);
        return;
    }
    Commission& c = commissions_[which - 1];
    observer_.commission_found(index, c);
    const ClawbackRule& rule = *program_.clawback;
    Line line;
    line.record = index;
    line.partner = c.partner;
    line.kind = LineKind::clawback;
    line.rule = &rule.name.name;
    line.currency = c.currency;
    line.at = r.at;
    line.available_at = std::max(r.at, c.available_at);
    line.provisional = c.provisional;
    if (rule.policy == ClawbackRule::Policy::whole_once) {
        if (c.reversed) {
            exclude(index, c.partner, reason_already_reversed);
            return;
        }
        c.reversed = true;
        line.amount = -c.amount;
    } else {
        const Decimal refunded = r.has_amount ? r.amount : paid.amount;
        line.amount = -Decimal::divide(c.amount * refunded, paid.amount, c.currency.minor_units(),
                                       program_.header.rounding);
    }
    observer_.clawback_made(index, rule, line);
    emit(std::move(line));
}

} // namespace accrue::walking
