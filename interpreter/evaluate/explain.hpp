// `accrue explain`: the steps the walk took for one record, as sentences.
#pragma once

#include "interpreter/evaluate/observer.hpp"

#include <string>
#include <vector>

namespace accrue {

class Explainer final : public WalkObserver, public ConversionListener {
  public:
    Explainer(const Ledger& ledger, const TimeZone& zone, std::uint32_t record,
              std::vector<std::string>& steps)
        : ledger_(ledger), zone_(zone), record_(record), steps_(steps) {}

    void payment_seen(std::uint32_t record, const PaymentSeen& seen) override;
    void signup_seen(std::uint32_t record, const SignupSeen& seen) override;
    void exclusion_tested(std::uint32_t record, const Exclusion& exclusion, bool holds,
                          const Scope& scope) override;
    void excluded(std::uint32_t record, const std::string& reason) override;
    void version_in_force(std::uint32_t record, const LineRule& rule,
                          const TermsVersion& version) override;
    void rule_skipped(std::uint32_t record, const LineRule& rule, const Expr& when,
                      const Scope& scope) override;
    void rule_without_recipient(std::uint32_t record, const LineRule& rule) override;
    void rule_used_up(std::uint32_t record, const LineRule& rule,
                      std::string_view earlier) override;
    void rule_applies(std::uint32_t record, const LineRule& rule) override;
    void rate_case_chosen(std::uint32_t record, const RateCase& c) override;
    void rate_case_passed(std::uint32_t record, const RateCase& c, const Scope& scope) override;
    void tier_chosen(std::uint32_t record, const Decimal& metric, const Tier& tier) override;
    void line_made(std::uint32_t record, const LineMade& made) override;
    void amount_computed(std::uint32_t record, const Expr& amount, const Scope& scope) override;
    void base_computed(std::uint32_t record, const Expr& base, const Scope& scope) override;
    void converted(const Record& event, const Conversion& conversion) override;
    ConversionListener* conversions() override { return this; }
    void refund_seen(std::uint32_t record, const RefundSeen& seen) override;
    void commission_found(std::uint32_t record, const Commission& found) override;
    void clawback_tested(std::uint32_t record, const ClawbackRule& rule, bool holds) override;
    void clawback_made(std::uint32_t record, const ClawbackRule& rule, const Line& line) override;
    void withdrawal_decided(std::uint32_t record, const WithdrawalDecided& d) override;

  private:
    void note(std::string step) { steps_.push_back(std::move(step)); }
    // explain_values.cpp
    [[nodiscard]] std::string value_text(const Value& v, const Expr& e) const;
    [[nodiscard]] std::string arithmetic(const Expr& e, const Scope& s) const;
    // The same in a copy of the scope that tells no conversion: the
    // evaluation itself notes each once.
    [[nodiscard]] std::string arithmetic_quietly(const Expr& e, const Scope& s) const;
    void rates_in_force(const PaymentSeen& seen, const Record& payment);
    // explain_attribution.cpp
    [[nodiscard]] std::string attribution_text(const PaymentSeen& seen) const;
    [[nodiscard]] std::string holder_text(const PaymentSeen& seen) const;

    const Ledger& ledger_;
    const TimeZone& zone_;
    std::uint32_t record_;
    std::vector<std::string>& steps_;
    std::vector<std::string> checks_conversions_; // a request's, noted after its checks
};

// An amount with its currency's minor digits and code: "12.50 USD".
std::string money_text(const Decimal& amount, Currency currency);

} // namespace accrue
