#include "interpreter/evaluate/active_customers.hpp"

#include <algorithm>

namespace accrue::walking {

void ActiveCustomers::Window::remove(std::uint32_t customer) {
    const auto it = customers.find(customer);
    if (--it->second == 0) {
        customers.erase(it);
    }
}

void ActiveCustomers::counted(std::uint32_t partner, Instant at, std::uint32_t customer,
                              std::uint32_t payment, bool refundable) {
    auto& payments = partners_[partner].payments;
    if (refundable) {
        places_.emplace(payment, Place{partner, static_cast<std::uint32_t>(payments.size())});
    }
    payments.push_back(Payment{at, customer, false});
}

void ActiveCustomers::fully_refunded(std::uint32_t payment) {
    const auto place = places_.find(payment);
    if (place == places_.end()) {
        return; // not a counted payment
    }
    PartnerPayments& partner = partners_[place->second.partner];
    Payment& paid = partner.payments[place->second.index];
    paid.refunded = true;
    for (Window& window : partner.windows) {
        if (place->second.index >= window.begin && place->second.index < window.end) {
            window.remove(paid.customer);
        }
    }
}

std::size_t ActiveCustomers::at(std::uint32_t partner, Instant t, Duration width) {
    PartnerPayments& p = partners_[partner];
    auto window = std::find_if(p.windows.begin(), p.windows.end(),
                               [&](const Window& w) { return w.width.micros == width.micros; });
    if (window == p.windows.end()) {
        p.windows.push_back(Window{width, 0, 0, {}});
        window = p.windows.end() - 1;
    }
    // Every counted payment so far is at or before t: it enters...
    for (; window->end < p.payments.size(); ++window->end) {
        if (!p.payments[window->end].refunded) {
            window->add(p.payments[window->end].customer);
        }
    }
    // ...and those before t - width leave.
    for (; window->begin < window->end && p.payments[window->begin].at < t - width;
         ++window->begin) {
        if (!p.payments[window->begin].refunded) {
            window->remove(p.payments[window->begin].customer);
        }
    }
    return window->customers.size();
}

} // namespace accrue::walking
