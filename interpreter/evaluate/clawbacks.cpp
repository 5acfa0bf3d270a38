// Refunds meet the clawback rules: for each commission line of the refunded
// payment, the first rule whose `when` holds decides whether the line is
// reversed whole once, in proportion to the refunded amount, or kept.
#include "interpreter/evaluate/walk.hpp"

#include <algorithm>

namespace accrue::walking {

// The refund's fields, the refunded payment's, its customer's, and the
// commission line's (docs/language.md, "clawback").
Scope Walk::refund_scope(const Record& refund, const Record& paid, const Commission& c) const {
    Scope scope = scope_for(refund);
    set_partner(scope, c.partner);
    scope.payment = &paid;
    scope.refund = &refund; // set_partner gave the payout: the commission's currency
    scope.commission_amount = c.amount;
    scope.commission_available_at = c.available_at;
    scope.commission_rule = *c.rule;
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

// A refund meets each commission line of its payment: every line is
// clawed back or kept by its own rule. The refund is excluded only when no
// line was clawed back, with the first line's reason.
void Walk::refund(std::uint32_t index, const Record& r) {
    const Record& paid = ledger_.record(r.payment_index);
    if (active_ && r.completes_payment) { // the ledger's check summed the refunds
        active_->fully_refunded(r.payment_index);
    }
    observer_.refund_seen(index, RefundSeen{r, paid});
    std::uint32_t which = commission_of_[r.payment_index]; // start() entered every refund's payment
    if (which == 0) {
        observer_.excluded(index, reason_not_accrued);
        exclude(index, no_partner, reason_not_accrued);
        return;
    }
    const std::string* reason = nullptr;
    std::uint32_t partner = no_partner;
    bool clawed_back = false;
    for (; which != 0; which = commissions_[which - 1].next) {
        Commission& c = commissions_[which - 1];
        const std::string* kept =
            c.held ? claw_back_held(index, r, paid, which) : claw_back(index, r, paid, c);
        clawed_back = clawed_back || kept == nullptr;
        if (kept != nullptr && reason == nullptr) {
            reason = kept;
            partner = c.partner;
        }
    }
    if (!clawed_back) {
        exclude(index, partner, *reason);
    }
}

// Why the rule keeps the commission line; null: the rule claws it back.
const std::string* Walk::kept_by(const ClawbackRule* rule, const Commission& c) {
    if (rule == nullptr) {
        return &reason_no_clawback;
    }
    if (rule->policy == ClawbackRule::Policy::keep) {
        return &rule->name.name;
    }
    if (rule->policy == ClawbackRule::Policy::whole_once && c.reversed) {
        return &reason_already_reversed;
    }
    return nullptr;
}

// The clawback line's amount for a commission of `amount` (whole, or in
// proportion to the refund).
Decimal Walk::clawed_back(const ClawbackRule& rule, const Decimal& amount, const Record& refund,
                          const Record& paid, const Currency& currency) const {
    if (rule.policy == ClawbackRule::Policy::whole_once) {
        return -amount;
    }
    const Decimal refunded = refund.has_amount ? refund.amount : paid.amount;
    return -Decimal::divide(amount * refunded, paid.amount, currency.minor_units(),
                            program_.header.rounding);
}

// One commission line against the clawback rules: a clawback line (and
// null), or the reason the line is kept.
const std::string* Walk::claw_back(std::uint32_t index, const Record& r, const Record& paid,
                                   Commission& c) {
    observer_.commission_found(index, c);
    const ClawbackRule* rule = clawback_rule(index, refund_scope(r, paid, c));
    if (rule == nullptr) {
        observer_.excluded(index, reason_no_clawback);
    }
    if (const std::string* kept = kept_by(rule, c)) {
        return kept;
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
    line.amount = clawed_back(*rule, c.amount, r, paid, c.currency);
    c.reversed = c.reversed || rule->policy == ClawbackRule::Policy::whole_once;
    observer_.clawback_made(index, *rule, line);
    emit(std::move(line));
    return nullptr;
}

} // namespace accrue::walking
