// Payments and signups: the exclusions, then in each list of alternatives
// the first line rule of the holder's role that applies makes a line, priced
// by its terms in force (base x rate, or amount; `paid via` converts twice).
#include "interpreter/evaluate/walk.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue::walking {
namespace {

bool applies_to(const std::vector<Named>& roles, std::string_view role) {
    if (roles.empty()) {
        return true;
    }
    return std::any_of(roles.begin(), roles.end(), [&](const Named& r) { return r.name == role; });
}

} // namespace

// `payment partner`: a payment through a partner's own link belongs to
// that partner for this payment (if the model gives customers to its role).
bool Walk::own_link(const Record& payment) const {
    if (!payment.has_partner) {
        return false;
    }
    return std::any_of(program_.attribution.begin(), program_.attribution.end(),
                       [&](const Attribution& a) {
                           return a.model == AttributionModel::payment_partner &&
                                  gives_to(a, payment.partner_index);
                       });
}

// The program's attribution entry that gave `holder` by `model` (for
// `accrue explain`); null when none did.
const Attribution* Walk::attribution_of(std::optional<AttributionModel> model,
                                        std::uint32_t holder) const {
    for (const Attribution& a : program_.attribution) {
        if (model && a.model == *model && holder != no_partner && gives_to(a, holder)) {
            return &a;
        }
    }
    return nullptr;
}

Scope Walk::payment_scope(const Record& r, CustomerState& customer, std::uint32_t holder,
                          bool own_link) {
    Scope scope = scope_for(r);
    scope.payment = &r;
    scope.customer.status = interned(customer.status);
    scope.customer.attributed_by = own_link ? model_name(AttributionModel::payment_partner)
                                   : customer.attributed_by ? model_name(*customer.attributed_by)
                                                            : std::string_view{};
    // A click gave the holder: its time, and its source if it had one.
    const bool by_click = customer.attributed_by == AttributionModel::last_click ||
                          customer.attributed_by == AttributionModel::first_click;
    if (!own_link && by_click) {
        scope.customer.clicked_at = customer.clicked_at;
    }
    if (!own_link && customer.click_source != no_text) {
        scope.customer.click_source = interned(customer.click_source);
    }
    scope.customer.first_payment = customer.payments == 0;
    if (scope.customer.first_payment) {
        customer.first_paid_at = r.at;
    } else {
        scope.customer.last_paid_at = customer.last_paid_at;
    }
    customer.last_paid_at = r.at;
    ++customer.payments; // whatever becomes of this payment, it was paid
    scope.customer.payment_number = customer.payments;
    scope.customer.first_paid_at = customer.first_paid_at;
    if (program_.needs.customer_signup && customer.signup != no_record) {
        scope.customer.signup = &ledger_.record(customer.signup); // kept for this program
    }
    scope.customer.signed_up_at = customer.signed_up_at; // none: the default, absent
    scope.customer.sums = add_to_customer_sums(r.customer_index, customer, scope);
    if (holder != no_partner) {
        set_partner(scope, holder);
    }
    if (holder != no_partner && keeps_paying_) {
        const auto& paying = paying_[holder];
        scope.paying_customers = paying.size() + (paying.contains(r.customer_index) ? 0 : 1);
    }
    return scope;
}

// `sum of X for customer [within W]`: this payment's X, when it is within
// W of the customer's first payment. The sums, in ProgramNeeds::customer_sums
// order; null for a program that has none.
const Decimal* Walk::add_to_customer_sums(std::uint32_t customer_index,
                                          const CustomerState& customer, const Scope& scope) {
    const auto& sums = program_.needs.customer_sums;
    if (sums.empty()) {
        return nullptr;
    }
    std::vector<Decimal>& totals = customer_extras_[customer_index].sums;
    totals.resize(sums.size());
    for (std::size_t i = 0; i < sums.size(); ++i) {
        const Expr& sum = *sums[i];
        if (sum.args.size() > 1 && !within_window(*sum.args[1], customer.first_paid_at, scope)) {
            continue;
        }
        try {
            totals[i] = totals[i] + evaluate_expression(*sum.args[0], scope).number;
        } catch (const DecimalOverflow&) {
            fail(*scope.event, "decimal overflow: a customer's sum gives more than 38 digits");
        }
    }
    return totals.data();
}

bool Walk::within_window(const Expr& window, Instant first, const Scope& scope) const {
    const Value length = evaluate_expression(window, scope);
    Instant end = first + Duration{length.micros};
    if (length.kind == Value::Kind::calendar) {
        const auto shifted = zone_.add_months(first, length.micros);
        end = shifted.value_or(Instant{std::numeric_limits<std::int64_t>::max()});
    }
    return scope.payment->at < end;
}

// Exclusions: a payment without a partner meets every list.
bool Walk::excluded_by_lists(std::uint32_t index, const Scope& scope, std::uint32_t holder) {
    for (const ExclusionList& list : program_.exclusions) {
        if (holder != no_partner && !applies_to(list.roles, scope.partner_role)) {
            continue;
        }
        for (const Exclusion& exclusion : list.items) {
            const bool holds = evaluate_expression(*exclusion.condition, scope).boolean;
            observer_.exclusion_tested(index, exclusion, holds, scope);
            if (holds) {
                exclude(index, holder, exclusion.name.name);
                return true;
            }
        }
    }
    return false;
}

void Walk::payment(std::uint32_t index, const Record& r) {
    CustomerState& customer = customers_[r.customer_index];
    const bool through_own_link = own_link(r);
    const std::uint32_t holder = through_own_link ? r.partner_index : customer.holder;
    const Scope scope = payment_scope(r, customer, holder, through_own_link);
    observer_.payment_seen(
        index,
        PaymentSeen{scope, holder, rates_, through_own_link, customer.holder,
                    attribution_of(through_own_link ? AttributionModel::payment_partner
                                                    : customer.attributed_by,
                                   holder),
                    customer.signup != no_record ? &ledger_.record(customer.signup) : nullptr});
    if (excluded_by_lists(index, scope, holder)) {
        return;
    }
    if (holder == no_partner) {
        observer_.excluded(index, reason_no_partner);
        exclude(index, holder, reason_no_partner);
        return;
    }
    if (!apply_rules(EventKind::payment, index, r, scope, holder)) {
        observer_.excluded(index, reason_no_rule);
        exclude(index, holder, reason_no_rule);
        return;
    }
    if (keeps_paying_) {
        paying_[holder].insert(r.customer_index); // a counted payment
    }
    if (active_) {
        active_->counted(holder, r.at, r.customer_index, index, commission_of_.contains(index));
    }
}

// The rules form lists of alternatives (a rule with `also` starts a new
// one); in each list the first rule for the role that applies makes a line.
bool Walk::apply_rules(EventKind event, std::uint32_t index, const Record& r, const Scope& scope,
                       std::uint32_t holder) {
    bool any_line = false;
    bool list_done = false;
    for (std::size_t k = 0; k < program_.rules.size(); ++k) {
        const LineRule& rule = program_.rules[k];
        list_done = list_done && !rule.also;
        if (list_done || rule.event != event || !applies_to(rule.roles, scope.partner_role)) {
            continue;
        }
        const std::uint64_t once_key = (static_cast<std::uint64_t>(k) << 32) | holder;
        if (rule.once_per_partner && fired_once_.contains(once_key)) {
            observer_.rule_used_up(index, rule, earlier_line_event(rule, holder, r));
            continue;
        }
        std::vector<std::uint32_t>* paid_once =
            rule.once_per_customer ? &customer_extras_[r.customer_index].once : nullptr;
        if (paid_once != nullptr &&
            std::find(paid_once->begin(), paid_once->end(), k) != paid_once->end()) {
            observer_.rule_used_up(index, rule, earlier_line_event(rule, holder, r));
            continue;
        }
        if (apply_rule(k, index, r, scope, holder)) {
            if (rule.once_per_partner) {
                fired_once_.insert(once_key);
            }
            if (paid_once != nullptr) {
                paid_once->push_back(static_cast<std::uint32_t>(k));
            }
            any_line = true;
            list_done = true;
        }
    }
    return any_line;
}

// For `accrue explain`: the event of the line that used up a `once per`
// rule (of this partner, or of this customer); only for the record
// explained, from the lines kept so far.
std::string_view Walk::earlier_line_event(const LineRule& rule, std::uint32_t holder,
                                          const Record& r) const {
    if (!options_.explain_record || !options_.keep_lines) {
        return {};
    }
    for (auto line = report_.lines.rbegin(); line != report_.lines.rend(); ++line) {
        const Record& event = ledger_.record(line->record);
        if (line->rule == &rule.name.name &&
            (rule.once_per_customer ? event.customer_index == r.customer_index
                                    : line->partner == recipient_of(rule, holder))) {
            return event.id;
        }
    }
    return {};
}

// Who a rule's line is for: the holder, or with `paid to partner.parent...`
// the partner that many parents above it (none when the chain stops).
std::uint32_t Walk::recipient_of(const LineRule& rule, std::uint32_t holder) const {
    std::uint32_t partner = holder;
    for (std::uint32_t step = 0; step < rule.to_parents && partner != no_partner; ++step) {
        partner = ledger_.partners[partner].parent.value_or(no_partner);
    }
    return partner;
}

bool Walk::apply_rule(std::size_t k, std::uint32_t index, const Record& r, const Scope& scope,
                      std::uint32_t holder) {
    const LineRule& rule = program_.rules[k];
    const TermsVersion* version = rule.version_at(r.at);
    const LineRule& terms = version != nullptr ? version->terms : rule;
    if (version != nullptr) {
        observer_.version_in_force(index, rule, *version);
    }
    if (terms.when && !evaluate_expression(*terms.when, scope).boolean) {
        observer_.rule_skipped(index, rule, *terms.when, scope);
        return false;
    }
    const std::uint32_t paid = recipient_of(rule, holder);
    if (paid == no_partner) {
        observer_.rule_without_recipient(index, rule);
        return false; // `paid to partner.parent`, and the holder has none
    }
    observer_.rule_applies(index, rule);
    Line line;
    line.record = index;
    line.partner = paid;
    line.kind = rule.kind;
    line.rule = &rule.name.name;
    line.currency = partners_[paid].payout;
    line.at = r.at;
    Scope rule_scope = scope;
    rule_scope.payout = line.currency; // `in payout`: the recipient's currency
    std::optional<Period> period;
    if (rule.period) {
        period = period_of(*rule.period, r.at, scope);
        if (!zone_.writable(period->start) || !zone_.writable(period->end)) {
            fail(r, fmt::format("the period of rule `{}` for this event falls outside the years "
                                "0001 to 9999",
                                rule.name.name));
        }
        rule_scope.period_start = period->start;
        rule_scope.period_end = period->end;
        line.provisional = period->end > as_of_;
        if (pass_ == Pass::learn_aggregates) {
            // The amounts come in the final walk, once the aggregates are known.
            collect(rule, rule_scope, holder, r, *period);
            emit(std::move(line));
            return true;
        }
        if (pass_ == Pass::single) {
            collect(rule, rule_scope, holder, r, *period);
            if (terms.rate && held_rates_.contains(&*terms.rate)) {
                // Its tier waits for the end of the period.
                hold_line(line, k, terms, *terms.rate, rule_scope, holder, *period);
                return true;
            }
        }
        rule_scope.aggregate = [this, &rule, holder, key = period->key](const Expr& e) {
            return aggregate(e, rule, holder, key);
        };
    }
    ViaSteps via;
    price(line, terms, rule_scope, index, rule, via);
    line.available_at =
        terms.available_at ? evaluate_expression(*terms.available_at, rule_scope).instant() : r.at;
    observer_.line_made(index, LineMade{line, period, terms.via, via});
    keep_line(std::move(line), k, rule, period, terms.via, via.amount);
    return true;
}

// The line's base, rate and amount, rounded to the payout currency.
void Walk::price(Line& line, const LineRule& terms, const Scope& scope, std::uint32_t index,
                 const LineRule& rule, ViaSteps& via) {
    const Record& r = ledger_.record(index);
    if (terms.amount) {
        line.amount = evaluate_expression(*terms.amount, scope).number;
        observer_.amount_computed(index, *terms.amount, scope);
    } else if (terms.amount_by) {
        const Tier& tier = tier_of(*terms.amount_by, scope, index, rule);
        line.amount = evaluate_expression(*tier.rate, scope).number;
    } else {
        line.has_base = true;
        observer_.base_computed(index, *terms.base, scope); // then its conversions
        const Value base = evaluate_expression(*terms.base, scope);
        line.base = base.number;
        if (terms.rate->graduated) {
            line.has_rate = false;
            line.amount = graduated(*terms.rate, scope, line.base, base.currency);
        } else {
            line.rate = rate_of(*terms.rate, scope, index, rule);
            line.amount = line.base * line.rate;
        }
        if (terms.via.valid()) {
            // "Double conversion": round in the base's currency, then to the
            // via currency, then to the payout currency, each step rounded.
            const Decimal in_base =
                line.amount.rounded(base.currency.minor_units(), program_.header.rounding);
            via.amount =
                rates_.convert(in_base, base.currency, terms.via, ledger_, r, zone_, &via.to_via);
            line.amount = rates_.convert(via.amount, terms.via, line.currency, ledger_, r, zone_,
                                         &via.to_payout);
        }
    }
    line.amount = line.amount.rounded(line.currency.minor_units(), program_.header.rounding);
    if (!terms.via.valid()) {
        via.amount = line.amount;
    }
}

// A made line: kept for its period's benefits and for refunds, then emitted.
void Walk::keep_line(Line line, std::size_t k, const LineRule& rule,
                     const std::optional<Period>& period, const Currency& via,
                     const Decimal& via_amount) {
    if (rule.kind == LineKind::commission) {
        if (period) {
            add_to_period(k, line.partner, *period, via, via_amount);
        }
        keep_for_refunds(line);
    }
    emit(std::move(line));
}

// A commission line of rule k in a period, for the period's benefits.
void Walk::add_to_period(std::size_t k, std::uint32_t partner, const Period& period,
                         const Currency& via, const Decimal& via_amount) {
    PeriodLines& lines = period_lines_[{k, partner, period.key}];
    lines.via_total = lines.via_total + via_amount;
    lines.currency = via.valid() ? via : partners_[partner].payout;
    lines.end = period.end;
    if (lines.label.empty()) {
        lines.label = period.label();
    }
}

// A commission line of a payment that a refund of the ledger names.
std::uint32_t Walk::keep_for_refunds(const Line& line) {
    const auto refunded = commission_of_.find(line.record);
    if (refunded == commission_of_.end()) {
        return 0; // no refund can reverse it
    }
    const Commission kept{.amount = line.amount,
                          .available_at = line.available_at,
                          .rule = line.rule,
                          .partner = line.partner,
                          .currency = line.currency,
                          .provisional = line.provisional};
    std::uint32_t slot = 0;
    if (free_commissions_.empty()) {
        commissions_.push_back(kept);
        slot = static_cast<std::uint32_t>(commissions_.size());
    } else {
        slot = free_commissions_.back();
        free_commissions_.pop_back();
        commissions_[slot - 1] = kept;
    }
    // The event's commission lines, in the order they were made.
    std::uint32_t* link = &refunded->second;
    while (*link != 0) {
        link = &commissions_[*link - 1].next;
    }
    *link = slot;
    return slot;
}

Decimal Walk::rate_of(const Rate& rate, const Scope& scope, std::uint32_t index,
                      const LineRule& rule) const {
    const Record& r = ledger_.record(index);
    switch (rate.form) {
    case Rate::Form::fixed:
        return evaluate_expression(*rate.fixed, scope).number;
    case Rate::Form::cases:
        for (const RateCase& c : rate.cases) {
            if (!c.condition || evaluate_expression(*c.condition, scope).boolean) {
                observer_.rate_case_chosen(index, c);
                return evaluate_expression(*c.rate, scope).number;
            }
            observer_.rate_case_passed(index, c, scope);
        }
        break;
    case Rate::Form::tiers:
        return evaluate_expression(*tier_of(rate, scope, index, rule).rate, scope).number;
    }
    fail(r, fmt::format("no rate case of rule `{}` applies", rule.name.name));
}

bool covers(const Tier& tier, const Decimal& metric) {
    const bool above = !tier.from || metric >= tier.from->number;
    const bool below =
        !tier.to || (tier.to_inclusive ? metric <= tier.to->number : metric < tier.to->number);
    return above && below;
}

// The tier the metric falls in (the checks proved that the tiers leave no gap).
const Tier& Walk::tier_of(const Rate& tiers, const Scope& scope, std::uint32_t index,
                          const LineRule& rule) const {
    if (scope.forced_tier != nullptr) {
        return *scope.forced_tier;
    }
    const Decimal metric = evaluate_expression(*tiers.metric, scope).number;
    for (const Tier& t : tiers.tiers) {
        if (covers(t, metric)) {
            observer_.tier_chosen(index, metric, t);
            return t;
        }
    }
    fail(ledger_.record(index),
         fmt::format("no tier of rule `{}` covers {}", rule.name.name, metric.to_string()));
}

Decimal Walk::graduated(const Rate& rate, const Scope& scope, const Decimal& base,
                        Currency currency) const {
    // The base covers [metric - base, metric]; each part is paid at the rate
    // of its band. A band runs from its `from` to the next band's `from`.
    const Decimal top = evaluate_expression(*rate.metric, scope).number;
    const Decimal bottom = top - base;
    const Decimal unit = Decimal::unit(currency.minor_units());
    Decimal amount;
    for (const Tier& tier : rate.tiers) {
        const Decimal low = tier.from ? std::max(bottom, tier.from->number) : bottom;
        Decimal high = top;
        if (tier.to) {
            high = std::min(top, tier.to_inclusive ? tier.to->number + unit : tier.to->number);
        }
        if (high > low) {
            amount = amount + (high - low) * evaluate_expression(*tier.rate, scope).number;
        }
    }
    return amount;
}

} // namespace accrue::walking
