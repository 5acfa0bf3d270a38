// The checks of a program's declarations: the header, sets, attribution,
// exclusions, rules with their rates and versions of terms, benefits, the
// clawback and the withdrawal policy. Expressions go to the Typer with the
// Where of their place.
#pragma once

#include "interpreter/check/typer.hpp"
#include "interpreter/values/time.hpp"

#include <map>
#include <optional>

namespace accrue::checking {

class Declarations {
  public:
    Declarations(Program& program, Reporter& reporter) : program_(program), reporter_(reporter) {}

    void run();

  private:
    void error(SourcePos pos, std::string message, std::string hint = {}) {
        reporter_.error(pos, std::move(message), std::move(hint));
    }
    [[nodiscard]] Typer typer() {
        return Typer(reporter_, sets_, payout_, program_.needs, program_);
    }
    std::optional<Currency> currency_named(const Named& code);
    void header();
    void time_zone();
    void sets();
    void declared_fields(); // fields.cpp
    void attribution();
    void exclusions();
    void roles_exist(const std::vector<Named>& roles);
    void unique(const Named& name, std::map<std::string, SourcePos>& seen, std::string_view what);
    void rule(LineRule& r);
    void period(LineRule& r, const Where& where);
    void recipient(const LineRule& r);
    void terms(LineRule& terms, const Where& where);
    void amount(Expr& amount, const Where& where);
    void amount_tiers(Rate& amounts, const Where& where);
    void base_and_rate(LineRule& terms, const Where& where);
    void benefits(Benefits& b);
    void clawback(std::map<std::string, SourcePos>& rule_names);
    void withdrawal();
    // rates.cpp
    void rate(Rate& rate, const Where& where);
    void rate_cases(Rate& rate, const Where& where);
    // The type tiers are chosen by, or invalid (reported) when it is not a count or money.
    Type tier_metric(Rate& rate, const Where& where);
    // The tiers' bounds; their values are rates, or with `of_amounts` amounts.
    void tiers(Rate& rate, const Type& metric, const Where& where, bool of_amounts = false);
    std::optional<Decimal> tier_bound(ExprPtr& bound, const Type& metric, const Where& where);
    // versions.cpp
    void versions(LineRule& r, const Where& where);

    Program& program_;
    Reporter& reporter_;
    std::map<std::string, const NamedSet*> sets_;
    Type payout_;
    std::optional<TimeZone> zone_; // the program's, once the header names a known one
};

} // namespace accrue::checking
