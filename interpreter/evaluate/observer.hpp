// What the walk tells an observer as it goes: the steps that decide a
// record's figures. `accrue explain` is one observer (explain.hpp); the walk
// itself never asks whether anyone is listening.
#pragma once

#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/evaluate/expression.hpp"

#include <optional>

namespace accrue {

// A rule's period, as the walk found it for an event.
struct Period {
    std::int64_t key = 0; // orders the periods of a rule and partner
    Instant start;
    Instant end; // the first instant after the period
    // Its local days, first and last, for the label; a calendar month is
    // labelled by its month.
    LocalDate first_day;
    LocalDate last_day;
    bool calendar_month = false;

    // "2026-03", or "2026-03-01/2026-03-14". Made when a report or an
    // explanation shows it, not for each event.
    [[nodiscard]] std::string label() const {
        return calendar_month ? format_month(month_of(first_day))
                              : format_date(first_day) + "/" + format_date(last_day);
    }
};

// The customer and holder at a payment, and the rates in force then.
struct PaymentSeen {
    const Scope& scope;
    std::uint32_t holder = no_partner; // whose sale it is
    const RateTable& rates;
    // How: through a partner's own link (the sale is that partner's, the
    // customer stays its holder's), or the customer's holder, given by
    // `model` (null: none) at the customer's signup record (if kept).
    bool own_link = false;
    std::uint32_t customer_holder = no_partner;
    const Attribution* model = nullptr;
    const Record* signup = nullptr;
};

// `paid via`: the line in the via currency, and the two conversions.
struct ViaSteps {
    Decimal amount; // the amount in the via currency
    Conversion to_via;
    Conversion to_payout;
};

// How a line's amount was reached.
struct LineMade {
    const Line& line;
    const std::optional<Period>& period;
    Currency via; // `paid via`; invalid: none
    const ViaSteps& steps;
};

// A signup and the partner the attribution models gave its customer.
struct SignupSeen {
    const Record& signup;
    std::uint32_t holder = no_partner;
    const Attribution* model = nullptr; // null: no model gave a partner
    std::optional<Instant> clicked_at;  // the click that did, if one did
    std::string_view click_source;
};

// A refund and the commission it meets.
struct RefundSeen {
    const Record& refund;
    const Record& payment;
};

// What a payment earned, kept for its refunds.
struct Commission {
    Decimal amount;
    Instant available_at;
    const std::string* rule = nullptr;
    std::uint32_t partner = no_partner;
    Currency currency;
    std::uint32_t next = 0; // the event's next commission line: index + 1; 0: none
    bool provisional = false;
    bool reversed = false; // whole_once: a refund already reversed it
    bool held = false;     // its price waits for its period's end (held_lines.hpp)
};

struct WithdrawalDecided {
    const Record& request;
    Currency payout;
    Decimal balance;
    const WithdrawalDecision& decision;
};

// Every method is a no-op by default. `record` is an index into Ledger::records.
class WalkObserver {
  public:
    WalkObserver() = default;
    WalkObserver(const WalkObserver&) = delete;
    WalkObserver& operator=(const WalkObserver&) = delete;
    virtual ~WalkObserver() = default;

    virtual void payment_seen(std::uint32_t /*record*/, const PaymentSeen& /*seen*/) {}
    virtual void signup_seen(std::uint32_t /*record*/, const SignupSeen& /*seen*/) {}
    virtual void exclusion_tested(std::uint32_t /*record*/, const Exclusion& /*exclusion*/,
                                  bool /*holds*/, const Scope& /*scope*/) {}
    // Excluded with a standard reason (no_partner, no_rule, not_accrued, no_clawback).
    virtual void excluded(std::uint32_t /*record*/, const std::string& /*reason*/) {}
    virtual void version_in_force(std::uint32_t /*record*/, const LineRule& /*rule*/,
                                  const TermsVersion& /*version*/) {}
    // Its `when` (that of the terms in force) does not hold, in this scope.
    virtual void rule_skipped(std::uint32_t /*record*/, const LineRule& /*rule*/,
                              const Expr& /*when*/, const Scope& /*scope*/) {}
    // `paid to partner.parent...`, and the holder has no such parent.
    virtual void rule_without_recipient(std::uint32_t /*record*/, const LineRule& /*rule*/) {}
    // `once per partner` or `once per customer`, already used by the line of
    // `earlier` (an event id; empty when the report does not keep lines).
    virtual void rule_used_up(std::uint32_t /*record*/, const LineRule& /*rule*/,
                              std::string_view /*earlier*/) {}
    virtual void rule_applies(std::uint32_t /*record*/, const LineRule& /*rule*/) {}
    virtual void rate_case_chosen(std::uint32_t /*record*/, const RateCase& /*c*/) {}
    // A rate case whose condition does not hold, in this scope.
    virtual void rate_case_passed(std::uint32_t /*record*/, const RateCase& /*c*/,
                                  const Scope& /*scope*/) {}
    virtual void tier_chosen(std::uint32_t /*record*/, const Decimal& /*metric*/,
                             const Tier& /*tier*/) {}
    virtual void line_made(std::uint32_t /*record*/, const LineMade& /*made*/) {}
    // An `amount` rule's expression, evaluated in this scope.
    virtual void amount_computed(std::uint32_t /*record*/, const Expr& /*amount*/,
                                 const Scope& /*scope*/) {}
    // A rule's `base` expression, evaluated in this scope.
    virtual void base_computed(std::uint32_t /*record*/, const Expr& /*base*/,
                               const Scope& /*scope*/) {}
    virtual void refund_seen(std::uint32_t /*record*/, const RefundSeen& /*seen*/) {}
    virtual void commission_found(std::uint32_t /*record*/, const Commission& /*found*/) {}
    virtual void clawback_tested(std::uint32_t /*record*/, const ClawbackRule& /*rule*/,
                                 bool /*holds*/) {}
    virtual void clawback_made(std::uint32_t /*record*/, const ClawbackRule& /*rule*/,
                               const Line& /*line*/) {}
    virtual void withdrawal_decided(std::uint32_t /*record*/, const WithdrawalDecided& /*d*/) {}
    // Who hears of each conversion (null: nobody), given to every scope.
    virtual ConversionListener* conversions() { return nullptr; }
};

} // namespace accrue
