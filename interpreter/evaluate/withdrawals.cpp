// Withdrawal requests meet the checks against the balance at that point of
// the sequence; at as-of, each partner's totals and the same checks.
#include "interpreter/evaluate/walk.hpp"

#include <fmt/format.h>

namespace accrue::walking {

std::vector<CheckResult> Walk::run_checks(Scope& scope, bool& all_ok, bool described) {
    std::vector<CheckResult> results;
    all_ok = true;
    if (!program_.withdrawal) {
        return results;
    }
    // The detail evaluates the condition's sides again: its conversions were
    // told once already.
    Scope quiet = scope;
    quiet.conversions = nullptr;
    for (const Check& check : program_.withdrawal->checks) {
        const bool ok = evaluate_expression(*check.condition, scope).boolean;
        results.push_back(
            CheckResult{&check.name.name, ok,
                        described ? describe_check(*check.condition, quiet, ok) : std::string()});
        all_ok = all_ok && ok;
    }
    return results;
}

void Walk::withdrawal(std::uint32_t index, const Record& r) {
    if (pass_ == Pass::single) {
        require_balance_known(r.partner_index, r.at);
    }
    PartnerState& p = partners_[r.partner_index];
    Scope scope = scope_for(r);
    set_partner(scope, r.partner_index);
    scope.request = &r;
    scope.request_id = r.id;
    scope.request_at = r.at;
    scope.request_amount = r.amount;
    scope.balance = p.balance_at(r.at);
    count_active_customers(scope, r.partner_index, r.at);
    WithdrawalDecision decision;
    decision.record = index;
    decision.partner = r.partner_index;
    decision.checks = run_checks(scope, decision.approved,
                                 options_.keep_lines || options_.explain_record.has_value());
    observer_.withdrawal_decided(index, WithdrawalDecided{r, p.payout, scope.balance, decision});
    if (decision.approved) {
        p.withdrawn = p.withdrawn + r.amount;
        if (program_.withdrawal && program_.withdrawal->due_by) {
            decision.due_by = evaluate_expression(*program_.withdrawal->due_by, scope).instant();
        }
    }
    ++withdrawals_;
    if (options_.keep_lines) {
        report_.withdrawals.push_back(std::move(decision));
    }
}

void Walk::as_of_totals() {
    for (std::uint32_t i = 0; i < partners_.size(); ++i) {
        PartnerState& p = partners_[i];
        PartnerTotals t;
        t.partner = i;
        t.role = p.role;
        t.currency = p.payout;
        t.accrued = p.accrued;
        t.available = p.available_as_of;
        t.withdrawn = p.withdrawn;
        t.balance = p.available_as_of - p.withdrawn;
        t.totals = p.totals;
        // The as-of checks are an event of their own, at as-of: an error in
        // them (a rate missing for a conversion) names the partner's record.
        Record as_of_event;
        as_of_event.at = as_of_;
        as_of_event.position = ledger_.partners[i].position;
        as_of_event.id = ledger_.partners[i].id;
        Scope scope = scope_for(as_of_event);
        set_partner(scope, i);
        scope.request_at = as_of_;
        scope.request_amount = t.balance;
        scope.balance = t.balance;
        count_active_customers(scope, i, as_of_);
        try {
            t.checks = run_checks(scope, t.eligible, true);
            unlock_benefits(t);
        } catch (const DecimalOverflow& overflow) {
            fail(as_of_event, overflow.what());
        } catch (const EvaluationError& error) {
            // Not the partner record's doing: say that it is the checks at as-of.
            Diagnostic d = error.diagnostics().front();
            std::string_view what = d.message;
            what.remove_prefix(what.starts_with("needs ") ? 6 : 0); // "checks ... need"
            d.message = fmt::format("the withdrawal checks of partner {} at as-of need {}, or "
                                    "evaluate as of a later time (--as-of)",
                                    ledger_.partners[i].id, what);
            throw EvaluationError(std::move(d));
        }
        report_.partners.push_back(std::move(t));
    }
}

void Walk::count_active_customers(Scope& scope, std::uint32_t partner, Instant t) {
    if (!active_) {
        return; // no check reads it
    }
    scope.aggregate = [this, partner, t](const Expr& e) {
        return Value::of_number(
            Decimal::from_int(static_cast<std::int64_t>(active_->at(partner, t, e.duration))));
    };
}

} // namespace accrue::walking
