// Who holds a customer (docs/language.md, "Attribution"): a signup is given
// to the first model of the program's list that finds a partner; an attach
// moves the customer; clicks are remembered for `last click`.
#include "interpreter/evaluate/walk.hpp"

namespace accrue::walking {

std::string_view model_name(AttributionModel model) {
    switch (model) {
    case AttributionModel::signup_link:
        return "signup_link";
    case AttributionModel::signup_partner:
        return "signup_partner";
    case AttributionModel::promo_code:
        return "promo_code";
    case AttributionModel::last_click:
        return "last_click";
    case AttributionModel::first_click:
        return "first_click";
    case AttributionModel::payment_partner:
        return "payment_partner";
    case AttributionModel::attach:
        return "attach";
    }
    return "";
}

bool Walk::gives_to(const Attribution& a, std::uint32_t partner) const {
    return a.roles.empty() || std::any_of(a.roles.begin(), a.roles.end(), [&](const Named& role) {
               return role.name == partners_[partner].role;
           });
}

// The earliest instant a click may have to count for a signup at `t`.
Instant Walk::window_start(const Attribution& a, Instant t) const {
    if (a.window_months == 0) {
        return t - a.window;
    }
    return zone_.add_months(t, -a.window_months).value_or(Instant{INT64_MIN});
}

// `first click within W`: the visitor's earliest click at most W before the
// signup, earlier in the sequence (the clicks are kept in sequence order).
const Click* Walk::first_click(const Attribution& a, const Record& signup) const {
    const auto it = clicks_.find(signup.visitor());
    if (it == clicks_.end()) {
        return nullptr;
    }
    const Instant start = window_start(a, signup.at);
    const auto first = std::lower_bound(it->second.begin(), it->second.end(), start,
                                        [](const Click& click, Instant t) { return click.at < t; });
    return first == it->second.end() ? nullptr : &*first;
}

Attributed Walk::attribute(const Record& r) const {
    for (const Attribution& a : program_.attribution) {
        std::uint32_t holder = no_partner;
        const Click* click = nullptr;
        if (a.model == AttributionModel::signup_link && r.has_partner &&
            (r.via().empty() || r.via() == "link")) {
            holder = r.partner_index;
        } else if (a.model == AttributionModel::signup_partner && r.has_partner) {
            holder = r.partner_index;
        } else if (a.model == AttributionModel::promo_code && !r.promo_code().empty()) {
            if (const auto it = promo_codes_.find(r.promo_code()); it != promo_codes_.end()) {
                holder = it->second;
            }
        } else if (a.model == AttributionModel::last_click && !r.visitor().empty()) {
            // "within N days before t": t - N days <= click.at <= t, and the
            // click is earlier in the sequence (a later one in the file at the
            // same instant has not happened yet).
            if (const auto it = last_click_.find(r.visitor());
                it != last_click_.end() && window_start(a, r.at) <= it->second.at) {
                click = &it->second;
                holder = click->partner;
            }
        } else if (a.model == AttributionModel::first_click && !r.visitor().empty()) {
            if ((click = first_click(a, r)) != nullptr) {
                holder = click->partner;
            }
        }
        if (holder != no_partner && gives_to(a, holder)) {
            return Attributed{holder, a.model, click};
        }
    }
    return Attributed{};
}

void Walk::signup(std::uint32_t index, const Record& r) {
    const Attributed given = attribute(r);
    CustomerState& customer = customers_[r.customer_index];
    customer.holder = given.holder;
    customer.attributed_by = given.by;
    customer.set_click(given.click);
    // Streamed, a signup is kept past its block only for a program that reads it later.
    customer.signup = !streamed_ || r.kept ? index : no_record;
    customer.signed_up_at = r.at;
    observer_.signup_seen(
        index,
        SignupSeen{r, given.holder, given.by ? attribution_of(given.by, given.holder) : nullptr,
                   given.click != nullptr ? std::optional(given.click->at) : std::nullopt,
                   given.click != nullptr ? interned(given.click->source) : std::string_view{}});
    if (given.holder == no_partner) {
        return;
    }
    Scope scope = scope_for(r);
    scope.signup = &r;
    scope.customer.status = interned(customer.status);
    scope.customer.attributed_by = model_name(*given.by);
    if (given.click != nullptr) {
        scope.customer.click_source = interned(given.click->source);
        scope.customer.clicked_at = given.click->at;
    }
    scope.customer.signed_up_at = r.at;
    set_partner(scope, given.holder);
    apply_rules(EventKind::signup, index, r, scope, given.holder);
}

void Walk::attach(const Record& r) {
    const auto model =
        std::find_if(program_.attribution.begin(), program_.attribution.end(),
                     [](const Attribution& a) { return a.model == AttributionModel::attach; });
    if (model != program_.attribution.end() && gives_to(*model, r.partner_index)) {
        CustomerState& customer = customers_[r.customer_index];
        customer.holder = r.partner_index;
        customer.attributed_by = AttributionModel::attach;
        customer.set_click(nullptr); // an attach clears the traffic the customer came through
    }
}

} // namespace accrue::walking
