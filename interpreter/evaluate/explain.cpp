#include "interpreter/evaluate/explain.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue {

std::string money_text(const Decimal& amount, Currency currency) {
    std::string text = amount.widened(currency.minor_units()).to_string();
    text += ' ';
    text += currency.code_view();
    return text;
}

void Explainer::rates_in_force(const PaymentSeen& seen, const Record& payment) {
    std::vector<Currency> shown;
    for (const Currency c : {payment.currency, seen.scope.payout}) {
        if (!c.valid() || c.code() == "USD" ||
            std::find(shown.begin(), shown.end(), c) != shown.end()) {
            continue;
        }
        shown.push_back(c);
        if (const auto rate = seen.rates.in_force(c)) {
            note(fmt::format("rate in force: 1 USD = {} {}", rate->to_string(), c.code()));
        }
    }
}

void Explainer::payment_seen(std::uint32_t record, const PaymentSeen& seen) {
    if (record != record_) {
        return;
    }
    const Record& r = *seen.scope.payment;
    const CustomerFacts& customer = seen.scope.customer;
    note(fmt::format("payment {}: {} from customer {} at {}", r.id,
                     money_text(r.amount, r.currency), ledger_.customer_of(r), zone_.format(r.at)));
    note(attribution_text(seen));
    if (seen.holder != no_partner) {
        note(fmt::format(
            "customer.first_payment: {}; paying_customers of {} (this one included): {}",
            customer.first_payment, ledger_.partners[seen.holder].id, seen.scope.paying_customers));
    }
    rates_in_force(seen, r);
}

void Explainer::exclusion_tested(std::uint32_t record, const Exclusion& exclusion, bool holds,
                                 const Scope& scope) {
    if (record == record_) {
        note(fmt::format("exclusion {} (line {}): {}: {}", exclusion.name.name,
                         exclusion.name.pos.line, holds ? "holds -> excluded" : "does not hold",
                         arithmetic_quietly(*exclusion.condition, scope)));
    }
}

void Explainer::excluded(std::uint32_t record, const std::string& reason) {
    if (record != record_) {
        return;
    }
    if (reason == "no_partner") {
        note("no partner -> excluded: no_partner");
    } else if (reason == "no_rule") {
        note("no rule applies -> excluded: no_rule");
    } else if (reason == "not_accrued") {
        note("the payment has no commission line -> excluded: not_accrued");
    } else if (reason == "no_clawback") {
        note("no clawback rule applies -> excluded: no_clawback");
    }
}

void Explainer::version_in_force(std::uint32_t record, const LineRule& rule,
                                 const TermsVersion& version) {
    if (record == record_) {
        note(fmt::format("rule {}: the terms from {} (line {}) are in force", rule.name.name,
                         version.first_day.name, version.first_day.pos.line));
    }
}

void Explainer::rule_skipped(std::uint32_t record, const LineRule& rule, const Expr& when,
                             const Scope& scope) {
    if (record == record_) {
        note(fmt::format("rule {} (line {}): its `when` does not hold: {}", rule.name.name,
                         rule.name.pos.line, arithmetic_quietly(when, scope)));
    }
}

void Explainer::rule_without_recipient(std::uint32_t record, const LineRule& rule) {
    if (record == record_) {
        note(fmt::format("rule {} (line {}): the holder has no {} to pay", rule.name.name,
                         rule.name.pos.line, rule.to ? rule.to->name : "recipient"));
    }
}

void Explainer::rule_used_up(std::uint32_t record, const LineRule& rule, std::string_view earlier) {
    if (record == record_) {
        note(fmt::format("rule {} (line {}): once per {}, already paid{}", rule.name.name,
                         rule.name.pos.line, rule.once_per_customer ? "customer" : "partner",
                         earlier.empty() ? "" : fmt::format(" by the line of {}", earlier)));
    }
}

void Explainer::rule_applies(std::uint32_t record, const LineRule& rule) {
    if (record == record_) {
        note(fmt::format("rule {} (line {}) applies: a {} line", rule.name.name, rule.name.pos.line,
                         line_kind_name(rule.kind)));
    }
}

void Explainer::rate_case_chosen(std::uint32_t record, const RateCase& c) {
    if (record == record_) {
        note(fmt::format("rate case on line {} {}", c.pos.line,
                         c.condition ? "holds" : "(otherwise)"));
    }
}

void Explainer::rate_case_passed(std::uint32_t record, const RateCase& c, const Scope& scope) {
    if (record == record_) {
        note(fmt::format("rate case on line {} does not hold: {}", c.pos.line,
                         arithmetic_quietly(*c.condition, scope)));
    }
}

void Explainer::tier_chosen(std::uint32_t record, const Decimal& metric, const Tier& tier) {
    if (record == record_) {
        note(fmt::format("tiers chosen by {} -> the tier on line {}", metric.to_string(),
                         tier.pos.line));
    }
}

void Explainer::line_made(std::uint32_t record, const LineMade& made) {
    if (record != record_) {
        return;
    }
    const Line& line = made.line;
    if (made.period) {
        note(fmt::format("period {} ({} to {}){}", made.period->label(),
                         zone_.format(made.period->start), zone_.format(made.period->end),
                         line.provisional ? ", still open at as-of: provisional" : ""));
    }
    if (line.has_base && line.has_rate) {
        note(fmt::format("{} x {} = {}{}", line.base.to_string(),
                         line.rate.normalized().to_string(), (line.base * line.rate).to_string(),
                         made.via.valid() ? "" : " -> " + money_text(line.amount, line.currency)));
    } else if (!made.via.valid()) {
        note(fmt::format("amount: {}", money_text(line.amount, line.currency)));
    }
    if (made.via.valid()) { // "double conversion": rounded, to the via currency, to the payout
        note(fmt::format("paid via {}: rounded in the base's currency, then to {}: {}",
                         made.via.code(), made.via.code(),
                         money_text(made.steps.amount, made.via)));
        converted(ledger_.records[record], made.steps.to_via);
        converted(ledger_.records[record], made.steps.to_payout);
        note(fmt::format("-> {}", money_text(line.amount, line.currency)));
    }
    note(fmt::format("available at {}", zone_.format(line.available_at)));
}

void Explainer::refund_seen(std::uint32_t record, const RefundSeen& seen) {
    if (record == record_) {
        const Record& paid = seen.payment;
        const Decimal refunded = seen.refund.has_amount ? seen.refund.amount : paid.amount;
        note(fmt::format("refund {} of payment {}: {} of {}", seen.refund.id, paid.id,
                         money_text(refunded, paid.currency),
                         money_text(paid.amount, paid.currency)));
    }
}

void Explainer::commission_found(std::uint32_t record, const Commission& found) {
    if (record == record_) {
        note(fmt::format("its commission line of rule {}: {} to {}, available at {}{}", *found.rule,
                         money_text(found.amount, found.currency),
                         ledger_.partners[found.partner].id, zone_.format(found.available_at),
                         found.provisional ? ", provisional" : ""));
    }
}

void Explainer::clawback_tested(std::uint32_t record, const ClawbackRule& rule, bool holds) {
    if (record != record_) {
        return;
    }
    if (rule.condition) {
        note(fmt::format("clawback {} (line {}): its `when` {}", rule.name.name, rule.name.pos.line,
                         holds ? "holds" : "does not hold"));
    }
    if (holds && rule.policy == ClawbackRule::Policy::keep) {
        note(fmt::format("clawback {} keeps the line (reason {})", rule.name.name, rule.name.name));
    }
}

void Explainer::clawback_made(std::uint32_t record, const ClawbackRule& rule, const Line& line) {
    if (record == record_) {
        note(fmt::format(
            "clawback {} -> {}, available at the later of the refund and the commission: {}",
            rule.policy == ClawbackRule::Policy::whole_once
                ? "of the whole commission"
                : "in proportion to the refunded amount",
            money_text(line.amount, line.currency), zone_.format(line.available_at)));
    }
}

void Explainer::withdrawal_decided(std::uint32_t record, const WithdrawalDecided& d) {
    if (record != record_) {
        return;
    }
    const Record& r = d.request;
    note(fmt::format("withdrawal {}: {} asked by {} at {}", r.id, money_text(r.amount, r.currency),
                     ledger_.partners[r.partner_index].id, zone_.format(r.at)));
    note(fmt::format(
        "balance at that point: {} (lines available by then, minus approved withdrawals)",
        money_text(d.balance, d.payout)));
    for (const CheckResult& check : d.decision.checks) {
        note(fmt::format("check {}: {} -> {}", *check.name, check.detail,
                         check.ok ? "ok" : "FAILED"));
    }
    for (std::string& conversion : checks_conversions_) {
        note("in the checks, " + std::move(conversion));
    }
    checks_conversions_.clear();
    note(d.decision.approved ? "every check holds -> approved" : "a check failed -> refused");
}

} // namespace accrue
