// Random valid programs and ledgers for the property tests. A program uses
// any of the language's constructs: roles, sets, typed extra fields, every
// attribution model (with or without `for ROLE`), exclusion lists (for a role
// or all), rules of every kind on payment and on signup with `when`, `also`,
// every rate form (fixed, cases, tiers, graduated, by paying_customers, by a
// period's aggregates), `amount` and `amount by`, `available at` (durations,
// months, `start of`, `the Nth on or after`), `once per partner` and `once per
// customer`, customer sums and facts, periods (calendar month, rolling days),
// `paid via`, `paid to partner.parent`, versioned terms, benefits, clawback
// rules with and without `when` (every policy), withdrawal checks and `due
// by`; with a fixed payout currency or `currency partner`. A ledger has
// partners (some with parents), rates, clicks, signups, attaches, statuses,
// payments, refunds and withdrawals at distinct instants, in sequence order.
#pragma once

#include <rapidcheck.h>

#include <string>
#include <vector>

namespace accrue::properties {

struct Case {
    std::string program;
    std::vector<std::string> partners; // JSON Lines, in ledger order
    std::vector<std::string> timed;    // JSON Lines, in sequence order, distinct `at`s
    std::string last_at;               // the latest `at`
    std::string middle_at;             // an `at` halfway through the sequence
};

rc::Gen<Case> cases();

} // namespace accrue::properties
