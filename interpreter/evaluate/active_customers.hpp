// `active_customers within W` (withdrawal checks): the customers with a
// counted payment to the partner in the last W that is not fully refunded.
// Requests are asked in sequence order, so each window only slides forward:
// every payment enters and leaves it once, and a refund that completes a
// payment inside it takes the payment out. Linear in the ledger, where
// counting afresh at each request was payments x requests.
#pragma once

#include "interpreter/values/time.hpp"

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <vector>

namespace accrue::walking {

class ActiveCustomers {
  public:
    explicit ActiveCustomers(std::size_t partners) : partners_(partners) {}

    // A payment that made a line for `partner` (a counted payment);
    // `refundable`: a refund of the ledger names it (only those are found again).
    void counted(std::uint32_t partner, Instant at, std::uint32_t customer, std::uint32_t payment,
                 bool refundable);
    // The refunds of `payment` now add up to its whole amount.
    void fully_refunded(std::uint32_t payment);
    // The count at `t`, no earlier than any `t` asked before.
    std::size_t at(std::uint32_t partner, Instant t, Duration width);

  private:
    struct Payment {
        Instant at;
        std::uint32_t customer = 0;
        bool refunded = false;
    };
    struct Window {
        Duration width;
        std::size_t begin = 0; // payments[begin, end) are in the window
        std::size_t end = 0;
        absl::flat_hash_map<std::uint32_t, std::uint32_t> customers; // -> payments in the window
        void add(std::uint32_t customer) { ++customers[customer]; }
        void remove(std::uint32_t customer);
    };
    struct PartnerPayments {
        std::vector<Payment> payments; // in sequence order
        std::vector<Window> windows;   // one per width asked
    };
    struct Place {
        std::uint32_t partner = 0;
        std::uint32_t index = 0; // into PartnerPayments::payments
    };

    std::vector<PartnerPayments> partners_;
    absl::flat_hash_map<std::uint32_t, Place> places_; // refundable payment -> its place
};

} // namespace accrue::walking
