// A rule's rate: fixed, cases tried in order, or tiers chosen by a metric
// (ordered, without gaps or overlaps; graduated tiers split the base).
#include "interpreter/check/declarations.hpp"

#include <fmt/format.h>

namespace accrue::checking {
namespace {

struct Range {
    std::optional<Decimal> from, to;
    bool inclusive;
    SourcePos pos;
};

// Each tier begins one step after the one before it ends.
void check_adjacent(Reporter& reporter, const std::vector<Range>& ranges, const Decimal& unit) {
    for (std::size_t i = 1; i < ranges.size(); ++i) {
        const Range& previous = ranges[i - 1];
        const Range& current = ranges[i];
        if (!previous.to || !current.from) {
            continue;
        }
        if (previous.from && *current.from < *previous.from) {
            reporter.error(
                current.pos,
                fmt::format("tiers are out of order: this one starts at {}, below the tier "
                            "before it (from {})",
                            current.from->to_string(), previous.from->to_string()),
                "list the tiers from the lowest to the highest");
            continue;
        }
        const Decimal expected = previous.inclusive ? *previous.to + unit : *previous.to;
        if (*current.from < expected) {
            reporter.error(
                current.pos,
                fmt::format("tiers overlap: {} is in this tier and in the one before it (line {})",
                            current.from->to_string(), previous.pos.line),
                fmt::format("start this tier at {}", expected.to_string()));
        } else if (*current.from > expected) {
            reporter.error(current.pos,
                           fmt::format("tiers leave a gap: no tier covers {} up to {}",
                                       expected.to_string(), current.from->to_string()),
                           fmt::format("start this tier at {}", expected.to_string()));
        }
    }
}

} // namespace

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
    std::vector<Range> ranges;
    bool bounds_ok = true;
    for (std::size_t i = 0; i < rate.tiers.size(); ++i) {
        Tier& tier = rate.tiers[i];
        if (tier.rate && of_amounts) {
            amount(*tier.rate, where);
        } else if (tier.rate) {
            typer().expect(*tier.rate, where, TypeKind::percent, "a tier's rate");
        }
        Range r{tier_bound(tier.from, metric, where), tier_bound(tier.to, metric, where),
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
    // The smallest step of the metric: 1 for counts, the minor unit for money,
    // so that `to 9` is followed by `from 10` and `to 999.99 USD` by `from 1000.00 USD`.
    const Decimal unit =
        Decimal::unit(metric.is(TypeKind::money) ? metric.currency.minor_units() : 0);
    check_adjacent(reporter_, ranges, unit);
}

} // namespace accrue::checking
