// Line rules: their event and roles, their period, and the clauses that say
// when a rule pays and how much (the rule's own, and each version's).
#include "interpreter/check/declarations.hpp"

#include "interpreter/diagnostics/suggest.hpp"

#include <fmt/format.h>

namespace accrue::checking {

void Declarations::rule(LineRule& r) {
    roles_exist(r.roles);
    if (r.event_name != "payment" && r.event_name != "signup") {
        const std::string suggestion = closest(r.event_name, {"payment", "signup"});
        error(r.event_pos, fmt::format("unknown event `{}`", r.event_name),
              suggestion.empty() ? "a rule is `on payment` or `on signup`"
                                 : fmt::format("did you mean `{}`?", suggestion));
        return;
    }
    const Where where{r.event == EventKind::signup ? Context::signup : Context::payment, &r};
    period(r, where);
    if (r.kind == LineKind::customer_bonus && r.event != EventKind::signup) {
        error(r.name.pos, "a customer_bonus is given on signup, not on payment",
              "write `customer_bonus NAME on signup`");
    }
    recipient(r);
    terms(r, where);
    versions(r, where);
}

// `paid to partner.parent`: a line for a partner other than the holder, on
// payments; its period would be the holder's, so it has none.
void Declarations::recipient(const LineRule& r) {
    if (!r.to) {
        return;
    }
    if (r.event != EventKind::payment) {
        error(r.to->pos, "`paid to` is for rules on payment");
    } else if (r.period) {
        error(r.to->pos, "a rule `paid to` another partner has no `period`",
              "periods and their tiers are the holder's: pay the parent a fixed rate");
    }
}

void Declarations::period(LineRule& r, const Where& where) {
    if (!r.period) {
        return;
    }
    if (r.event != EventKind::payment) {
        error(r.period->pos, "periods are for rules on payment");
    }
    if (r.period->kind == PeriodSpec::Kind::rolling_days) {
        if (r.period->length.micros <= 0 ||
            r.period->length.micros % Duration::days(1).micros != 0) {
            error(r.period->pos, "a rolling period is a whole number of days",
                  "write `every 30 days from ...`");
        }
        typer().expect(*r.period->anchor, where, TypeKind::time, "the time periods count from");
    }
}

// The clauses that say when a rule pays and how much: the rule's own, or a
// version's. Aggregates found here belong to the rule of `where`.
void Declarations::terms(LineRule& r, const Where& where) {
    if (r.via_name) {
        if (const auto via = currency_named(*r.via_name)) {
            r.via = *via;
        }
    }
    if (r.when) {
        typer().expect(*r.when, where, TypeKind::boolean, "a rule's `when`");
    }
    const bool has_amount = r.amount || r.amount_by;
    if (has_amount && (r.base || r.rate)) {
        error(r.name.pos, "a rule has either `amount`, or `base` and `rate`, not both");
        return;
    }
    if (!has_amount && !(r.base && r.rate)) {
        error(r.name.pos, fmt::format("the rule `{}` does not say how much it pays", r.name.name),
              r.base   ? "add `rate 10%` after `base`"
              : r.rate ? "add `base payment.amount in ...` before `rate`"
                       : "add `base` and `rate`, or `amount`");
        return;
    }
    if (r.amount) {
        amount(*r.amount, where);
    } else if (r.amount_by) {
        amount_tiers(*r.amount_by, where);
    } else {
        base_and_rate(r, where);
    }
    if (r.available_at) {
        typer().expect(*r.available_at, where, TypeKind::time, "`available at`");
    }
}

// An amount a rule pays (`amount EXPR`, or a tier of `amount by`): rounded
// money in the payout currency.
void Declarations::amount(Expr& amount, const Where& where) {
    const Type t = typer().type_of(amount, where);
    if (t.is(TypeKind::invalid) || payout_.is(TypeKind::invalid)) {
        return;
    }
    if (!t.is(TypeKind::money) || t.optional || !same_unit(t, payout_)) {
        error(amount.pos,
              fmt::format("the amount must be {}, but this is {}", describe(payout_), describe(t)),
              !t.is(TypeKind::money) ? ""
              : program_.header.partner_currency
                  ? "convert it to each partner's currency: `... in payout`"
                  : fmt::format("convert it: `... in {}`", program_.header.currency.code()));
    } else if (!t.rounded) {
        error(amount.pos,
              "the amount may have more decimals than its currency: say where it is rounded",
              "wrap it in `round(...)`");
    }
}

void Declarations::base_and_rate(LineRule& r, const Where& where) {
    const Type t = typer().type_of(*r.base, where);
    if (!t.is(TypeKind::invalid)) {
        if (!t.is(TypeKind::money) || t.optional) {
            error(r.base->pos, fmt::format("the base must be money, but this is {}", describe(t)));
        } else if (r.via_name && t.money_of == MoneyOf::payout) {
            error(r.base->pos,
                  "with `paid via`, the base is money of the payment or of a named currency");
        } else if (!r.via_name && !payout_.is(TypeKind::invalid) && !same_unit(t, payout_)) {
            error(r.base->pos,
                  fmt::format("the base is {}, but the program pays {}", describe(t),
                              describe(payout_)),
                  payout_.money_of == MoneyOf::fixed
                      ? fmt::format("convert it: `payment.amount in {}`",
                                    program_.header.currency.code())
                      : "convert it to each partner's currency: `payment.amount in payout`, or "
                        "give the rule `paid via USD`");
        }
    }
    rate(*r.rate, where.in_rate_with(t));
}

} // namespace accrue::checking
