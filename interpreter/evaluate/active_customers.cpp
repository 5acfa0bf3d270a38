#include "interpreter/evaluate/active_customers.hpp"

#include <algorithm>
#include <stdexcept>

namespace accrue::walking {

void ActiveCustomers::Window::remove(std::uint32_t customer) {
    const auto it = customers.find(customer);
    if (--it->second == 0) {
        customers.erase(it);
    }
}

ActiveCustomers::ActiveCustomers(std::size_t partners, const std::vector<Duration>& widths)
    : partners_(partners) {
    for (PartnerPayments& partner : partners_) {
        for (const Duration width : widths) {
            partner.windows.push_back(Window{width, 0, {}});
        }
    }
}

// Payments before t - W leave the window of width W; those that have left
// every window are let go.
void ActiveCustomers::PartnerPayments::slide(Instant t) {
    std::uint32_t kept = end();
    for (Window& window : windows) {
        for (; window.begin < end() && number(window.begin).at() < t - window.width;
             ++window.begin) {
            if (!number(window.begin).is_refunded()) {
                window.remove(number(window.begin).customer);
            }
        }
        kept = std::min(kept, window.begin);
    }
    for (; first < kept; ++first) {
        payments.pop_front();
    }
}

void ActiveCustomers::counted(std::uint32_t partner, Instant at, std::uint32_t customer,
                              std::uint32_t payment, bool refundable) {
    PartnerPayments& p = partners_[partner];
    if (refundable) {
        places_.emplace(payment, Place{partner, p.end()});
    }
    p.payments.push_back(Payment{at, customer});
    for (Window& window : p.windows) {
        window.add(customer);
    }
    p.slide(at);
}

void ActiveCustomers::fully_refunded(std::uint32_t payment) {
    const auto place = places_.find(payment);
    if (place == places_.end()) {
        return; // not a counted payment
    }
    PartnerPayments& partner = partners_[place->second.partner];
    const std::uint32_t number = place->second.number;
    places_.erase(place);
    if (number < partner.first) {
        return; // it has left every window
    }
    Payment& paid = partner.number(number);
    for (Window& window : partner.windows) {
        if (number >= window.begin) {
            window.remove(paid.customer);
        }
    }
    paid.customer = refunded;
}

std::size_t ActiveCustomers::at(std::uint32_t partner, Instant t, Duration width) {
    PartnerPayments& p = partners_[partner];
    const auto window = std::find_if(p.windows.begin(), p.windows.end(),
                                     [&](const Window& w) { return w.width == width; });
    if (window == p.windows.end()) {
        // The checker lists every width of the program (ProgramNeeds::active_windows).
        throw std::logic_error("active_customers: a width the checker did not list");
    }
    p.slide(t);
    return window->customers.size();
}

} // namespace accrue::walking
