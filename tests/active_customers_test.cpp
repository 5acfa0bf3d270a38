// The sliding count behind `active_customers within W`, by hand: customers
// with a counted payment in [t - W, t] that is not fully refunded.
#include "interpreter/evaluate/active_customers.hpp"

#include <catch2/catch.hpp>

using accrue::Duration;
using accrue::Instant;
using accrue::walking::ActiveCustomers;

namespace {
Instant day(std::int64_t n) {
    return Instant{} + Duration::days(n);
}
} // namespace

TEST_CASE("active_customers: the window slides, refunds take payments out", "[active]") {
    const Duration month = Duration::days(30);
    ActiveCustomers active(2, {month, Duration::days(10)});
    // Partner 0: customer 7 pays on days 1 and 20, customer 8 on day 10,
    // customer 9 on day 15; partner 1: customer 7 on day 12.
    active.counted(0, day(1), 7, 100, true);
    active.counted(0, day(10), 8, 101, true);
    active.counted(1, day(12), 7, 102, true);
    CHECK(active.at(0, day(12), month) == 2); // 7 and 8
    CHECK(active.at(1, day(12), month) == 1);
    active.counted(0, day(15), 9, 103, true);
    active.counted(0, day(20), 7, 104, true);
    active.fully_refunded(101);               // customer 8's only payment, inside the window
    CHECK(active.at(0, day(25), month) == 2); // 7 (twice) and 9
    // Day 31 is the last day of 7's first payment (t - W = day 1); day 32 drops
    // it, but 7 still has day 20.
    CHECK(active.at(0, day(31), month) == 2);
    CHECK(active.at(0, day(32), month) == 2);
    // Day 46: day 15 is out (9 gone), day 20 is in (7).
    CHECK(active.at(0, day(46), month) == 1);
    // A payment fully refunded before it is first counted never enters.
    active.counted(0, day(47), 5, 105, true);
    active.fully_refunded(105);
    CHECK(active.at(0, day(48), month) == 1);
    // Another width is its own window: 10 days at day 48 holds day 47 only (refunded).
    CHECK(active.at(0, day(48), Duration::days(10)) == 0);
    CHECK(active.at(0, day(51), month) == 0); // day 20 left at day 51
    CHECK(active.at(1, day(42), month) == 1); // day 12 is the window's first day
    CHECK(active.at(1, day(43), month) == 0);
}

TEST_CASE("active_customers: a payment that left every window is let go", "[active]") {
    ActiveCustomers active(1, {Duration::days(10), Duration::days(3)});
    // One payment a day for a year, each refundable; every 7th fully refunded.
    for (std::uint32_t d = 0; d < 365; ++d) {
        active.counted(0, day(d), d % 50, d, true);
        if (d % 7 == 0) {
            active.fully_refunded(d);
        }
    }
    // At day 364 the 10-day window holds days 354..364: 11 payments.
    CHECK(active.held(0) == 11);
    // Of those, days 357 and 364 are refunded (multiples of 7): 9 customers
    // (d % 50 differs for the 11 days, 354 % 50 = 4 up to 364 % 50 = 14).
    CHECK(active.at(0, day(364), Duration::days(10)) == 9);
    // 3 days: 361..364, 364 refunded: 3.
    CHECK(active.at(0, day(364), Duration::days(3)) == 3);
    // A refund of a payment long gone changes nothing.
    active.fully_refunded(5);
    CHECK(active.at(0, day(364), Duration::days(10)) == 9);
    // Thirty days on, nothing is left and nothing is held.
    CHECK(active.at(0, day(394), Duration::days(10)) == 0);
    CHECK(active.held(0) == 0);
}
