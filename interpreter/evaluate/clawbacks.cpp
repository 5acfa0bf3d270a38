// Refunds meet the clawback rules: the first whose `when` holds decides
// whether the commission line of the refunded payment is reversed whole
// once, in proportion to the refunded amount, or kept.
#include "interpreter/evaluate/walk.hpp"

#include <algorithm>

namespace accrue::walking {

// The refund's fields, the refunded payment's, its customer's, and the
// commission line's (docs/language.md, "clawback").
Scope Walk::refund_scope(const Record& refund, const Record& paid, const Commission& c) const {
    Scope scope = scope_for(refund);
    set_partner(scope, c.partner);
    scope.payment = &paid;
    scope.refund = &refund;
    scope.payout = c.currency;
    scope.commission_amount = c.amount;
    scope.commission_available_at = c.available_at;
    return scope;
}

const ClawbackRule* Walk::clawback_rule(std::uint32_t index, const Scope& scope) {
    for (const ClawbackRule& rule : program_.clawbacks) {
        const bool holds = !rule.condition || evaluate_expression(*rule.condition, scope).boolean;
        observer_.clawback_tested(index, rule, holds);
        if (holds) {
            return &rule;
        }
    }
    return nullptr;
}

void Walk::refund(std::uint32_t index, const Record& r) {
    const Record& paid = ledger_.records[r.payment_index];
    Decimal& sum = refunded_[r.payment_index];
    sum = sum + (r.has_amount ? r.amount : paid.amount);
    const std::uint32_t which = commission_of_[r.payment_index];
    observer_.refund_seen(index, RefundSeen{r, paid});
    if (which == 0) {
        observer_.excluded(index, reason_not_accrued);
        exclude(index, no_partner, reason_not_accrued);
        return;
    }
    Commission& c = commissions_[which - 1];
    observer_.commission_found(index, c);
    const ClawbackRule* rule = clawback_rule(index, refund_scope(r, paid, c));
    if (rule == nullptr) {
        observer_.excluded(index, reason_no_clawback);
        exclude(index, c.partner, reason_no_clawback);
        return;
    }
    if (rule->policy == ClawbackRule::Policy::keep) {
        exclude(index, c.partner, rule->name.name);
        return;
    }
    Line line;
    line.record = index;
    line.partner = c.partner;
    line.kind = LineKind::clawback;
    line.rule = &rule->name.name;
    line.currency = c.currency;
    line.at = r.at;
    line.available_at = std::max(r.at, c.available_at);
    line.provisional = c.provisional;
    if (rule->policy == ClawbackRule::Policy::whole_once) {
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
    observer_.clawback_made(index, *rule, line);
    emit(std::move(line));
}

} // namespace accrue::walking
