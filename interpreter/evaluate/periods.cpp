// Periods of a rule (docs/language.md, "Periods"): which period an event
// falls in, the aggregates the first pass learns for each, and the benefits
// a closed period unlocks.
#include "interpreter/evaluate/walk.hpp"

#include <algorithm>

namespace accrue::walking {
namespace {

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

} // namespace

Period Walk::period_of(const PeriodSpec& spec, Instant t, const Scope& scope) const {
    Period p;
    const LocalDate day = zone_.local_date(t);
    if (spec.kind == PeriodSpec::Kind::calendar_month) {
        const YearMonth month = month_of(day);
        p.key = static_cast<std::int64_t>(month.year) * 12 + (month.month - 1);
        p.start = zone_.start_of(first_day(month));
        p.end = zone_.start_of(first_day(add_months(month, 1)));
        p.first_day = first_day(month);
        p.calendar_month = true;
        return p;
    }
    // Period k runs from local day D0 + N k to D0 + N (k + 1), D0 the anchor's local date.
    const LocalDate first = zone_.local_date(evaluate_expression(*spec.anchor, scope).instant());
    const std::int64_t days = spec.length.micros / Duration::days(1).micros;
    p.key = floor_div(day.days - first.days, days);
    const LocalDate begin = add_days(first, p.key * days);
    const LocalDate next = add_days(begin, days);
    p.start = zone_.start_of(begin);
    p.end = zone_.start_of(next);
    p.first_day = begin;
    p.last_day = add_days(next, -1);
    return p;
}

void Walk::collect(const LineRule& rule, const Scope& scope, std::uint32_t holder, const Record& r,
                   const Period& period) {
    for (const Expr* aggregate : rule.aggregates) {
        if (aggregate->kind == ExprKind::period_sum) {
            Decimal& sum = collected_.sums[{aggregate, holder, period.key}];
            sum = sum + evaluate_expression(*aggregate->args[0], scope).number;
        } else {
            auto& first = collected_.first_period[{&rule, holder}];
            const bool added = // the first period stays
                first.emplace(r.customer_index, static_cast<std::int32_t>(period.key)).second;
            if (added && pass_ == Pass::single) {
                ++collected_.first_counts[{&rule, holder}][period.key];
            }
        }
    }
}

Value Walk::aggregate(const Expr& e, const LineRule& rule, std::uint32_t holder,
                      std::int64_t key) const {
    if (e.kind == ExprKind::period_sum) {
        const auto it = totals_.sums.find({&e, holder, key});
        return it == totals_.sums.end() ? Value::of_money(Decimal{}, e.type.currency)
                                        : Value::of_money(it->second, e.type.currency);
    }
    const auto it = totals_.first_keys.find({&rule, holder});
    const std::size_t count =
        it == totals_.first_keys.end()
            ? 0
            : static_cast<std::size_t>(std::upper_bound(it->second.begin(), it->second.end(), key) -
                                       it->second.begin());
    return Value::of_number(Decimal::from_int(static_cast<std::int64_t>(count)));
}

void Walk::unlock_benefits(PartnerTotals& totals) {
    for (const Benefits& benefits : program_.benefits) {
        for (const auto& [owner, lines] : period_lines_) {
            const auto& [rule, partner, key] = owner;
            // Only periods whose lines are available at as-of (closed).
            if (rule != benefits.rule_index || partner != totals.partner || lines.end > as_of_) {
                continue;
            }
            Record period_event;
            period_event.at = lines.end;
            period_event.position = ledger_.partners[partner].position;
            period_event.id = ledger_.partners[partner].id;
            Scope scope = scope_for(period_event);
            set_partner(scope, partner);
            scope.paid_via_total = lines.via_total;
            scope.paid_via_currency = lines.currency;
            for (const Benefit& benefit : benefits.items) {
                if (evaluate_expression(*benefit.condition, scope).boolean) {
                    totals.benefits.push_back({lines.label, &benefit.name.name});
                }
            }
        }
    }
}

} // namespace accrue::walking
