// `active_customers within W` (withdrawal checks): the customers with a
// counted payment to the partner in the last W that is not fully refunded.
// The walk goes in sequence order, so each window only slides forward:
// every payment enters and leaves it once, and a refund that completes a
// payment inside it takes the payment out. Linear in the ledger, where
// counting afresh at each request was payments x requests. The program's
// widths are known before the walk (the checker lists them), so a payment
// that has left every window is let go: memory follows the widest window,
// not the ledger.
#pragma once

#include "interpreter/values/time.hpp"

#include <absl/container/flat_hash_map.h>

#include <cstdint>
#include <deque>
#include <vector>

namespace accrue::walking {

class ActiveCustomers {
  public:
    // `widths`: every W the program asks for (ProgramNeeds::active_windows).
    ActiveCustomers(std::size_t partners, const std::vector<Duration>& widths);

    // A payment that made a line for `partner` (a counted payment), at or
    // after every `at` given before; `refundable`: a refund of the ledger
    // names it (only those are found again).
    void counted(std::uint32_t partner, Instant at, std::uint32_t customer, std::uint32_t payment,
                 bool refundable);
    // The refunds of `payment` now add up to its whole amount.
    void fully_refunded(std::uint32_t payment);
    // The count at `t` for one of the widths, no earlier than any `t` given before.
    std::size_t at(std::uint32_t partner, Instant t, Duration width);
    // The partner's payments still held: those inside the widest window.
    std::size_t held(std::uint32_t partner) const { return partners_[partner].payments.size(); }

  private:
    // 12 bytes a payment, not 16: one is held for each counted payment in
    // the widest window. The time is kept in two 32-bit halves, not as a
    // packed 64-bit member, which code may not bind a reference to.
    struct Payment {
        Payment(Instant at, std::uint32_t customer_number)
            : at_low(static_cast<std::uint32_t>(static_cast<std::uint64_t>(at.micros))),
              at_high(static_cast<std::uint32_t>(static_cast<std::uint64_t>(at.micros) >> 32)),
              customer(customer_number) {}
        std::uint32_t at_low;
        std::uint32_t at_high;
        std::uint32_t customer; // refunded: once fully refunded (out of every window)
        [[nodiscard]] Instant at() const {
            return Instant{static_cast<std::int64_t>(std::uint64_t{at_high} << 32 | at_low)};
        }
        [[nodiscard]] bool is_refunded() const { return customer == refunded; }
    };
    static_assert(sizeof(Payment) == 12);
    static constexpr std::uint32_t refunded = 0xFFFFFFFF; // no customer's number
    struct Window {
        Duration width;
        std::uint32_t begin = 0; // the first payment (by number) still in the window
        absl::flat_hash_map<std::uint32_t, std::uint32_t> customers; // -> payments in the window
        void add(std::uint32_t customer) { ++customers[customer]; }
        void remove(std::uint32_t customer);
    };
    struct PartnerPayments {
        // In sequence order; those left of every window are let go, so the
        // first of them is payment number `first` of the partner.
        std::deque<Payment> payments;
        // (A partner has fewer payments than the ledger has records: 32 bits.)
        std::uint32_t first = 0;
        std::vector<Window> windows; // one per width
        std::uint32_t end() const { return first + static_cast<std::uint32_t>(payments.size()); }
        Payment& number(std::uint32_t n) { return payments[n - first]; }
        void slide(Instant t);
    };
    struct Place {
        std::uint32_t partner = 0;
        std::uint32_t number = 0; // of the payment among its partner's
    };

    std::vector<PartnerPayments> partners_;
    absl::flat_hash_map<std::uint32_t, Place> places_; // refundable payment -> its place
};

} // namespace accrue::walking
