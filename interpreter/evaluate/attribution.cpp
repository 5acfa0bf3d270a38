// Who holds a customer (docs/language.md, "Attribution"): a signup is given
// to the first model of the program's list that finds a partner; an attach
// moves the customer; clicks are remembered for `last click`.
#include "interpreter/evaluate/walk.hpp"

namespace accrue::walking {
namespace {

// The name a program tests with `customer.attributed_by = "..."`.
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
    case AttributionModel::attach:
        return "attach";
    }
    return "";
}

} // namespace

Attributed Walk::attribute(const Record& r) const {
    for (const Attribution& a : program_.attribution) {
        std::uint32_t holder = no_partner;
        const Record* click = nullptr;
        if (a.model == AttributionModel::signup_link && r.has_partner &&
            (r.via.empty() || r.via == "link")) {
            holder = r.partner_index;
        } else if (a.model == AttributionModel::signup_partner && r.has_partner) {
            holder = r.partner_index;
        } else if (a.model == AttributionModel::promo_code && !r.promo_code.empty()) {
            if (const auto it = promo_codes_.find(r.promo_code); it != promo_codes_.end()) {
                holder = it->second;
            }
        } else if (a.model == AttributionModel::last_click && !r.visitor.empty()) {
            // "within N days before t": t - N days <= click.at <= t, and the
            // click is earlier in the sequence (a later one in the file at the
            // same instant has not happened yet).
            if (const auto it = last_click_.find(r.visitor);
                it != last_click_.end() && r.at - a.window <= it->second->at) {
                click = it->second;
                holder = click->partner_index;
            }
        }
        if (holder != no_partner) {
            return Attributed{holder, model_name(a.model), click};
        }
    }
    return Attributed{};
}

void Walk::signup(std::uint32_t index, const Record& r) {
    const Attributed given = attribute(r);
    CustomerState& customer = customers_[r.customer];
    customer.holder = given.holder;
    customer.attributed_by = given.by;
    customer.click_source = given.click != nullptr ? given.click->source : std::string_view{};
    customer.clicked_at = given.click != nullptr ? std::optional{given.click->at} : std::nullopt;
    customer.signed_up_at = r.at;
    customer.signup = &r;
    if (given.holder == no_partner) {
        return;
    }
    Scope scope = scope_for(r);
    scope.signup = &r;
    scope.customer.status = customer.status;
    scope.customer.attributed_by = customer.attributed_by;
    scope.customer.click_source = customer.click_source;
    scope.customer.clicked_at = customer.clicked_at;
    scope.customer.signed_up_at = customer.signed_up_at;
    set_partner(scope, given.holder);
    apply_rules(EventKind::signup, index, r, scope, given.holder);
}

void Walk::attach(const Record& r) {
    if (uses_attach_) {
        CustomerState& customer = customers_[r.customer];
        customer.holder = r.partner_index;
        customer.attributed_by = model_name(AttributionModel::attach);
        customer.click_source = {}; // an attach clears the traffic the customer came through
        customer.clicked_at.reset();
    }
}

} // namespace accrue::walking
