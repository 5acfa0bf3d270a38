// How explain says why a payment is whose it is: which attribution model,
// through which record, at what time and within which window.
#include "interpreter/evaluate/explain.hpp"
#include "interpreter/evaluate/walk.hpp"

#include <fmt/format.h>

namespace accrue {
namespace {

std::string window_text(const Attribution& a) {
    if (a.window_months != 0) {
        return a.window_months % 12 == 0 ? fmt::format("{} years", a.window_months / 12)
                                         : fmt::format("{} months", a.window_months);
    }
    const std::int64_t day = Duration::days(1).micros;
    return a.window.micros % day == 0 ? fmt::format("{} days", a.window.micros / day)
                                      : fmt::format("{} hours", a.window.micros / (day / 24));
}

} // namespace

// The customer's holder and the record that made it, as the model says.
std::string Explainer::holder_text(const PaymentSeen& seen) const {
    const Record& payment = *seen.scope.payment;
    const std::string_view customer = ledger_.customer_of(payment);
    if (seen.customer_holder == no_partner || seen.model == nullptr) {
        return fmt::format("customer {} has no partner{}", customer,
                           seen.signup != nullptr
                               ? fmt::format(" (signup {} at {} gave none the "
                                             "attribution models accept)",
                                             seen.signup->id, zone_.format(seen.signup->at))
                               : " (no signup before this payment)");
    }
    const std::string_view holder = ledger_.partners[seen.customer_holder].id;
    const Attribution& a = *seen.model;
    std::string how;
    const Record* s = seen.signup;
    switch (a.model) {
    case AttributionModel::signup_link:
    case AttributionModel::signup_partner:
        how = s != nullptr
                  ? fmt::format("signup {} at {} names {}{}", s->id, zone_.format(s->at), holder,
                                s->via().empty() ? "" : fmt::format(" (via {})", s->via()))
                  : "";
        break;
    case AttributionModel::promo_code:
        how = s != nullptr ? fmt::format("signup {} at {} gave the promo code \"{}\", one of {}'s",
                                         s->id, zone_.format(s->at), s->promo_code(), holder)
                           : "";
        break;
    case AttributionModel::last_click:
    case AttributionModel::first_click:
        how = fmt::format(
            "the {} click of the visitor within {} before the signup{}: at {}{}",
            a.model == AttributionModel::last_click ? "latest" : "earliest", window_text(a),
            s != nullptr ? fmt::format(" {} at {}", s->id, zone_.format(s->at)) : "",
            seen.scope.customer.clicked_at ? zone_.format(*seen.scope.customer.clicked_at)
                                           : std::string("(unknown)"),
            seen.scope.customer.click_source.empty()
                ? ""
                : fmt::format(", source \"{}\"", seen.scope.customer.click_source));
        break;
    case AttributionModel::attach:
        how = fmt::format("an attach record moved the customer to {}", holder);
        break;
    case AttributionModel::payment_partner:
        break;
    }
    return fmt::format("customer {} is held by partner {} (role {}), attributed by {} (line {}){}",
                       customer, holder, seen.scope.partner_role,
                       seen.scope.customer.attributed_by.empty()
                           ? std::string_view("its model")
                           : seen.scope.customer.attributed_by,
                       a.pos.line, how.empty() ? "" : ": " + how);
}

std::string Explainer::attribution_text(const PaymentSeen& seen) const {
    if (!seen.own_link) {
        return holder_text(seen);
    }
    // The sale is the link's owner's; the customer stays with its holder.
    const Record& payment = *seen.scope.payment;
    return fmt::format(
        "payment {} came through the own link of partner {} (role {}): by `payment partner` "
        "(line {}) the sale is {}'s; customer {} {}",
        payment.id, ledger_.partners[seen.holder].id, seen.scope.partner_role,
        seen.model != nullptr ? seen.model->pos.line : 0, ledger_.partners[seen.holder].id,
        ledger_.customer_of(payment),
        seen.customer_holder == no_partner
            ? std::string("has no holder of its own")
            : fmt::format("stays held by partner {}", ledger_.partners[seen.customer_holder].id));
}

void Explainer::signup_seen(std::uint32_t record, const SignupSeen& seen) {
    if (record != record_) {
        return;
    }
    const Record& r = seen.signup;
    note(fmt::format("signup {} of customer {} at {}", r.id, ledger_.customer_of(r),
                     zone_.format(r.at)));
    if (seen.holder == no_partner || seen.model == nullptr) {
        note("no attribution model gives the customer a partner: no rule on signup is tried");
        return;
    }
    const std::string_view holder = ledger_.partners[seen.holder].id;
    std::string how;
    if (seen.clicked_at) {
        how = fmt::format(
            ": the {} click of the visitor within {}, at {}{}",
            seen.model->model == AttributionModel::last_click ? "latest" : "earliest",
            window_text(*seen.model), zone_.format(*seen.clicked_at),
            seen.click_source.empty() ? "" : fmt::format(", source \"{}\"", seen.click_source));
    } else if (seen.model->model == AttributionModel::promo_code) {
        how = fmt::format(": the promo code \"{}\" is {}'s", r.promo_code(), holder);
    } else {
        how = fmt::format(": the signup names {}", holder);
    }
    note(fmt::format("customer {} is now held by partner {}, attributed by {} (line {}){}",
                     ledger_.customer_of(r), holder, walking::model_name(seen.model->model),
                     seen.model->pos.line, how));
}

} // namespace accrue
