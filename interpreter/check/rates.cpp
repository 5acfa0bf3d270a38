// A rule's rate: fixed, cases tried in order, or tiers chosen by a metric
// (ordered, covering every value of the metric: tier_coverage.cpp;
// graduated tiers split the base).
#include "interpreter/check/declarations.hpp"
#include "interpreter/check/tier_coverage.hpp"

#include <fmt/format.h>

namespace accrue::checking {

void Declarations::rate(Rate& rate, const Where& where) {
    if (rate.form == Rate::Form::fixed) {
        typer().expect(*rate.fixed, where, TypeKind::percent, "a rate");
        return;
    }
    if (rate.form == Rate::Form::cases) {
        rate_cases(rate, where);
        return;
    }
    const Type metric = tier_metric(rate, where);
    if (metric.is(TypeKind::invalid)) {
        return;
    }
    const Type base = where.base.required();
    if (rate.graduated && !(metric.is(TypeKind::money) && same_unit(metric, base))) {
        error(rate.metric->pos,
              fmt::format(
                  "graduated tiers split the base into bands, so they are chosen by money like "
                  "the base ({}), not by {}",
                  describe(base), describe(metric)),
              "choose them by the base itself, such as `rate graduated by payment.amount in EUR`");
        return;
    }
    tiers(rate, metric, where);
}

Type Declarations::tier_metric(Rate& rate, const Where& where) {
    const Type metric = typer().type_of(*rate.metric, where);
    if (metric.is(TypeKind::invalid)) {
        return Type{};
    }
    if (metric.optional || !(metric.is(TypeKind::number) ||
                             (metric.is(TypeKind::money) && metric.money_of == MoneyOf::fixed))) {
        error(rate.metric->pos,
              fmt::format("tiers are chosen by a count or by money in a named currency, not by {}",
                          describe(metric)),
              metric.is(TypeKind::money) ? "convert it first, such as `payment.amount in USD`"
                                         : "");
        return Type{};
    }
    return metric;
}

// `amount by METRIC`: the same tiers as a rate's, each paying a fixed amount.
void Declarations::amount_tiers(Rate& amounts, const Where& where) {
    const Type metric = tier_metric(amounts, where);
    if (!metric.is(TypeKind::invalid)) {
        tiers(amounts, metric, where, true);
    }
}

void Declarations::rate_cases(Rate& rate, const Where& where) {
    for (std::size_t i = 0; i < rate.cases.size(); ++i) {
        RateCase& c = rate.cases[i];
        typer().expect(*c.rate, where, TypeKind::percent, "a rate");
        const bool last = i + 1 == rate.cases.size();
        if (c.condition) {
            typer().expect(*c.condition, where, TypeKind::boolean, "a case's condition");
            if (last) {
                error(c.pos, "the last rate case must be `otherwise`",
                      "end the cases with a rate for every other payment, such as `1% "
                      "otherwise`");
            }
        } else if (!last) {
            error(c.pos, "`otherwise` must be the last rate case",
                  "the cases are tried in order, so the ones after `otherwise` never apply");
        }
    }
}

std::optional<Decimal> Declarations::tier_bound(ExprPtr& bound, const Type& metric,
                                                const Where& where) {
    if (!bound) {
        return std::nullopt;
    }
    const Type t = typer().type_of(*bound, where);
    if (t.is(TypeKind::invalid)) {
        return std::nullopt;
    }
    if (!same_unit(t, metric)) {
        error(bound->pos,
              fmt::format("a tier bound must be {}, like what the tiers are chosen by, not {}",
                          describe(metric), describe(t)));
        return std::nullopt;
    }
    if (bound->kind != ExprKind::number && bound->kind != ExprKind::money) {
        error(bound->pos, "a tier bound must be a literal value, such as 10 or 1000.00 USD");
        return std::nullopt;
    }
    return bound->number;
}

void Declarations::tiers(Rate& rate, const Type& metric, const Where& where, bool of_amounts) {
    std::vector<TierRange> ranges;
    bool bounds_ok = true;
    for (std::size_t i = 0; i < rate.tiers.size(); ++i) {
        Tier& tier = rate.tiers[i];
        if (tier.rate && of_amounts) {
            amount(*tier.rate, where);
        } else if (tier.rate) {
            typer().expect(*tier.rate, where, TypeKind::percent, "a tier's rate");
        }
        TierRange r{tier_bound(tier.from, metric, where), tier_bound(tier.to, metric, where),
                    tier.to_inclusive, tier.pos};
        if ((tier.from && !r.from) || (tier.to && !r.to)) {
            bounds_ok = false;
            continue;
        }
        if (!tier.from && i > 0) {
            error(tier.pos, "only the first tier may leave out `from`",
                  "give this tier its lower bound: `from A`");
            bounds_ok = false;
        }
        if (!tier.to && i + 1 < rate.tiers.size()) {
            error(tier.pos, "only the last tier may be open-ended",
                  "give this tier its upper bound: `to B` or `below B`");
            bounds_ok = false;
        }
        if (r.from && r.to && (*r.to < *r.from || (!r.inclusive && *r.to == *r.from))) {
            error(tier.pos,
                  fmt::format("this tier is out of order: it starts at {} and ends {} {}",
                              r.from->to_string(), r.inclusive ? "at" : "below", r.to->to_string()),
                  "write the lower bound first: `from A to B` with A <= B");
            bounds_ok = false;
        }
        ranges.push_back(r);
    }
    if (!bounds_ok) {
        return;
    }
    check_coverage(reporter_, ranges, *rate.metric, metric, rate.graduated);
}

} // namespace accrue::checking
