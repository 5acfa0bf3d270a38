// The single walk of a program with period aggregates (held_lines.hpp): a
// line whose tier waits for its period is priced under every tier, held
// with the lines it adds up with, and credited once the period has ended.
#include "interpreter/evaluate/walk.hpp"

#include <algorithm>

namespace accrue::walking {
namespace {

bool mentions_aggregate(const Expr& e) {
    if (e.kind == ExprKind::period_sum || e.kind == ExprKind::period_customers) {
        return true;
    }
    return std::any_of(e.args.begin(), e.args.end(),
                       [](const ExprPtr& arg) { return arg && mentions_aggregate(*arg); });
}

bool mentions_aggregate(const ExprPtr& e) {
    return e && mentions_aggregate(*e);
}

bool tier_mentions_aggregate(const Tier& t) {
    return mentions_aggregate(t.from) || mentions_aggregate(t.to) || mentions_aggregate(t.rate);
}

bool rate_mentions_aggregate(const Rate& rate) {
    return mentions_aggregate(rate.fixed) || mentions_aggregate(rate.metric) ||
           std::any_of(rate.cases.begin(), rate.cases.end(),
                       [](const RateCase& c) {
                           return mentions_aggregate(c.rate) || mentions_aggregate(c.condition);
                       }) ||
           std::any_of(rate.tiers.begin(), rate.tiers.end(), tier_mentions_aggregate);
}

// `rate by AGGREGATE` with plain tiers whose own rates read no aggregate.
bool tiers_by_aggregate(const Rate& rate) {
    return rate.form == Rate::Form::tiers && !rate.graduated && rate.metric &&
           (rate.metric->kind == ExprKind::period_sum ||
            rate.metric->kind == ExprKind::period_customers) &&
           std::none_of(rate.tiers.begin(), rate.tiers.end(), tier_mentions_aggregate);
}

// Each `terms` of a rule: its own clauses, then each version's.
template <typename F> void for_each_terms(const LineRule& rule, const F& f) {
    f(rule);
    for (const TermsVersion& version : rule.versions) {
        f(version.terms);
    }
}

} // namespace

bool holds_periods(const Program& program) {
    bool holds = true;
    for (const LineRule& rule : program.rules) {
        for_each_terms(rule, [&](const LineRule& terms) {
            holds = holds && (!terms.rate || !rate_mentions_aggregate(*terms.rate) ||
                              tiers_by_aggregate(*terms.rate));
        });
    }
    return holds;
}

HeldSums& HeldPeriod::sums_for(const HeldKey& key, std::size_t tiers) {
    const auto [it, added] = sum_of.try_emplace(key, static_cast<std::uint32_t>(sums.size()));
    if (added) {
        HeldSums fresh;
        fresh.amounts.resize(tiers);
        fresh.via.resize(tiers);
        sums.emplace_back(key, std::move(fresh));
    }
    const auto first = earliest.try_emplace(key.partner, key.available_at).first;
    first->second = std::min(first->second, key.available_at);
    return sums[it->second].second;
}

void Walk::find_held_rates() {
    for (const LineRule& rule : program_.rules) {
        for_each_terms(rule, [&](const LineRule& terms) {
            if (terms.rate && rate_mentions_aggregate(*terms.rate)) {
                held_rates_.insert(&*terms.rate);
            }
        });
    }
}

std::uint32_t Walk::held_group(std::size_t k, std::uint32_t holder, const Period& period,
                               const Currency& via) {
    const auto [it, added] = held_group_of_.try_emplace(
        std::tuple{k, holder, period.key}, static_cast<std::uint32_t>(held_groups_.size()));
    if (added) {
        held_groups_.push_back(
            HeldGroup{.rule = k, .holder = holder, .period = period, .via = via});
    }
    return it->second;
}

// The line priced under each tier; then added to the lines held with it.
void Walk::hold_line(const Line& line, std::size_t k, const LineRule& terms, const Rate& tiers,
                     Scope& scope, std::uint32_t holder, const Period& period) {
    const std::uint32_t index = line.record;
    HeldKey key{.group = held_group(k, holder, period, terms.via),
                .rate = &tiers,
                .partner = line.partner,
                .kind = line.kind,
                .provisional = line.provisional,
                .available_at = terms.available_at
                                    ? evaluate_expression(*terms.available_at, scope).instant()
                                    : line.at};
    HeldPeriod& held = held_[period.end];
    HeldSums& sums = held.sums_for(key, tiers.tiers.size());
    TierPrices prices;
    try {
        for (std::size_t t = 0; t < tiers.tiers.size(); ++t) {
            scope.forced_tier = &tiers.tiers[t];
            Line priced = line;
            ViaSteps via;
            price(priced, terms, scope, index, program_.rules[k], via);
            prices.push_back(priced.amount);
            sums.amounts[t] = sums.amounts[t] + priced.amount;
            sums.via[t] = sums.via[t] + via.amount;
        }
    } catch (const DecimalOverflow&) {
        // Perhaps only under a tier the period will not choose.
        throw NeedsTwoWalks("a price beyond the decimal range under some tier");
    }
    scope.forced_tier = nullptr;
    caused_line_[index] = true;
    if (line.kind != LineKind::commission || !commission_of_.contains(index)) {
        return;
    }
    Line kept = line;
    kept.available_at = key.available_at;
    const std::uint32_t slot = keep_for_refunds(kept);
    commissions_[slot - 1].held = true;
    held_commissions_.emplace(slot, HeldCommission{key.group, &tiers, std::move(prices)});
    held.commissions.push_back(slot);
}

// A refund of a held commission: its clawback is held with it, per tier.
const std::string* Walk::claw_back_held(std::uint32_t index, const Record& r, const Record& paid,
                                        std::uint32_t slot) {
    Commission& c = commissions_[slot - 1];
    const HeldCommission& held = held_commissions_.at(slot);
    const ClawbackRule* rule = nullptr;
    for (std::size_t t = 0; t < held.amounts.size(); ++t) {
        Commission priced = c;
        priced.amount = held.amounts[t];
        const ClawbackRule* chosen = clawback_rule(index, refund_scope(r, paid, priced));
        if (t > 0 && chosen != rule) {
            throw NeedsTwoWalks("clawback rules that choose by the commission's price");
        }
        rule = chosen;
    }
    if (const std::string* kept = kept_by(rule, c)) {
        return kept;
    }
    const HeldKey key{.group = held.group,
                      .rate = held.rate,
                      .partner = c.partner,
                      .kind = LineKind::clawback,
                      .provisional = c.provisional,
                      .available_at = std::max(r.at, c.available_at)};
    HeldPeriod& period = held_.at(held_groups_[held.group].period.end);
    HeldSums& sums = period.sums_for(key, held.amounts.size());
    try {
        for (std::size_t t = 0; t < held.amounts.size(); ++t) {
            sums.amounts[t] =
                sums.amounts[t] + clawed_back(*rule, held.amounts[t], r, paid, c.currency);
        }
    } catch (const DecimalOverflow&) {
        throw NeedsTwoWalks("a clawback beyond the decimal range under some tier");
    }
    c.reversed = c.reversed || rule->policy == ClawbackRule::Policy::whole_once;
    caused_line_[index] = true;
    return nullptr;
}

// A withdrawal's balance counts every line available at its instant.
void Walk::require_balance_known(std::uint32_t partner, Instant t) const {
    for (const auto& [end, held] : held_) {
        const auto earliest = held.earliest.find(partner);
        if (earliest != held.earliest.end() && earliest->second <= t) {
            throw NeedsTwoWalks("a withdrawal while a held line is available");
        }
    }
}

void Walk::close_periods(Instant now) {
    while (!held_.empty() && held_.begin()->first <= now) {
        resolve(held_.begin()->second);
        held_.erase(held_.begin());
    }
}

void Walk::resolve(const HeldPeriod& held) {
    try {
        for (const std::uint32_t slot : held.commissions) {
            auto node = held_commissions_.extract(slot);
            const HeldCommission& priced = node.mapped();
            Commission& c = commissions_[slot - 1];
            c.amount = priced.amounts[chosen_tier(priced.group, *priced.rate)];
            c.held = false;
        }
        for (const auto& [key, sums] : held.sums) {
            const std::size_t tier = chosen_tier(key.group, *key.rate);
            const HeldGroup& group = held_groups_[key.group];
            if (key.kind == LineKind::commission) {
                add_to_period(group.rule, key.partner, group.period, group.via, sums.via[tier]);
            }
            credit(key.partner, key.kind, key.provisional, key.available_at, sums.amounts[tier]);
        }
    } catch (const DecimalOverflow&) {
        throw NeedsTwoWalks("a partner's figures beyond the decimal range"); // named by two walks
    }
}

// The tier the period's aggregate falls in, as tier_of() chooses it.
std::size_t Walk::chosen_tier(std::uint32_t group, const Rate& tiers) const {
    const HeldGroup& g = held_groups_[group];
    const LineRule& rule = program_.rules[g.rule];
    Decimal metric;
    if (tiers.metric->kind == ExprKind::period_sum) {
        const auto sum = collected_.sums.find({tiers.metric.get(), g.holder, g.period.key});
        metric = sum == collected_.sums.end() ? Decimal{} : sum->second;
    } else {
        std::int64_t count = 0;
        const auto counts = collected_.first_counts.find({&rule, g.holder});
        if (counts != collected_.first_counts.end()) {
            const auto end = counts->second.upper_bound(g.period.key);
            for (auto it = counts->second.begin(); it != end; ++it) {
                count += it->second;
            }
        }
        metric = Decimal::from_int(count);
    }
    const auto tier = std::find_if(tiers.tiers.begin(), tiers.tiers.end(),
                                   [&](const Tier& t) { return covers(t, metric); });
    if (tier == tiers.tiers.end()) {
        throw NeedsTwoWalks("no tier covers the aggregate"); // two walks name the payment
    }
    return static_cast<std::size_t>(tier - tiers.tiers.begin());
}

} // namespace accrue::walking
