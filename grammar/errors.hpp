// Every syntax error a user can get, in one table: the message for each
// `must<>` point of the grammar. A `must<>` without a message here does not
// compile (see control::raise).
#pragma once

#include "grammar/program.hpp"

#include <fmt/format.h>

#include <string>
#include <string_view>
#include <type_traits>

namespace accrue::grammar {

template <typename Rule> inline constexpr const char* error_message = nullptr;

#define ACCRUE_ERROR(rule, text) template <> inline constexpr const char* error_message<rule> = text

// Expressions.
ACCRUE_ERROR(expression, "expected an expression (a value such as 10%, 30.00 USD, \"text\", or a "
                         "field such as payment.amount)");
ACCRUE_ERROR(close_paren, "expected `)`");
ACCRUE_ERROR(unknown_unit, "a duration's unit is days, hours, minutes or seconds, and a calendar "
                           "amount's is months or years");
ACCRUE_ERROR(calendar_span, "expected `day`, `month` or `year`: `start of month of payment.at`");
ACCRUE_ERROR(ordinal, "expected a day of the month, such as `10th`: `the 10th on or after ...`");
ACCRUE_ERROR(on_or_after, "expected `on or after`: `the 10th on or after payment.at`");
ACCRUE_ERROR(close_brace, "expected `}` to close the set (items are \"text\" separated by commas)");
ACCRUE_ERROR(argument_list, "expected the function's arguments, separated by commas");
ACCRUE_ERROR(unary, "expected a value after the operator");
ACCRUE_ERROR(multiplicative, "expected a value after the operator");
ACCRUE_ERROR(additive, "expected a value");
ACCRUE_ERROR(defaulted, "expected a value to compare with");
ACCRUE_ERROR(set_ref, "expected a set after `in`: {\"a\", \"b\"} or the name of a set");
ACCRUE_ERROR(kw_set, "expected `set` (write `is set` or `is not set`)");
ACCRUE_ERROR(negation, "expected a condition after `not`");
ACCRUE_ERROR(conjunction, "expected a condition after `or`");

// Header.
ACCRUE_ERROR(program_start_expected, "a program starts with `program NAME`");
ACCRUE_ERROR(program_name,
             "expected the program's name after `program` (lower case letters, digits and _)");
ACCRUE_ERROR(currency_choice, "expected a currency code such as UAH, or `partner default USD`");
ACCRUE_ERROR(kw_default, "expected `default` and a currency code: `currency partner default USD`");
ACCRUE_ERROR(default_currency, "expected a currency code such as USD");
ACCRUE_ERROR(kw_zone, "expected `zone`: write `time zone \"Europe/Kyiv\"`");
ACCRUE_ERROR(zone_name, "expected the time zone's IANA name in quotes, such as \"Europe/Kyiv\"");
ACCRUE_ERROR(role_list, "expected role names separated by commas, such as `referral, integrator`");
ACCRUE_ERROR(rounding_mode, "expected a rounding mode: half_away_from_zero, half_even or down");

// Declarations.
ACCRUE_ERROR(end_of_file,
             "expected a declaration: attribution, exclusions, a line rule (commission, discount, "
             "welcome_bonus, customer_bonus), clawback, withdrawal, set, field or parameter");
ACCRUE_ERROR(set_name, "expected the set's name after `set`");
ACCRUE_ERROR(parameter_name, "expected the parameter's name after `parameter`: `parameter "
                             "top_rate = 10%`");
ACCRUE_ERROR(parameter_value, "expected the parameter's default: a literal such as 10%, 10, "
                              "30.00 USD, 30 days, 12 months, \"text\" or true");
ACCRUE_ERROR(declared_field,
             "expected the field after `field`, such as `field signup.trial: bool`");
ACCRUE_ERROR(field_type,
             "expected the field's type: text, bool, number, time, money or money CODE");
ACCRUE_ERROR(equals_sign,
             "expected `=` after the name: `set NAME = {...}`, `parameter NAME = 10%`");
ACCRUE_ERROR(set_literal, "expected the set's items in braces: {\"a\", \"b\"}");
ACCRUE_ERROR(attribution_models, "expected an attribution model: signup link, signup partner, "
                                 "promo code, last click within N days, first click within N "
                                 "days, payment partner, or attach");
ACCRUE_ERROR(kw_code, "expected `code`: the model is `promo code`");
ACCRUE_ERROR(kw_click, "expected `click`: `last click within N days`, `first click within N days`");
ACCRUE_ERROR(kw_within, "expected `within` and a duration: `last click within 30 days`");
ACCRUE_ERROR(click_window, "expected a duration such as `30 days`, or a calendar amount such as "
                           "`10 years`");
ACCRUE_ERROR(exclusion_items, "expected an exclusion: `NAME when CONDITION`");
ACCRUE_ERROR(exclusion_when, "expected `when` and a condition after the exclusion's name");
ACCRUE_ERROR(benefit_when, "expected `when` and a condition after the benefit's name");
ACCRUE_ERROR(exclusion_condition, "expected the exclusion's condition after `when`");
ACCRUE_ERROR(rule_name, "expected the rule's name (it appears in the report's `rule`)");
ACCRUE_ERROR(kw_on, "expected `on` and the event: `on payment` or `on signup`");
ACCRUE_ERROR(event_name, "expected the event the rule is on: payment or signup");
ACCRUE_ERROR(rule_clauses,
             "expected the rule's clauses: `base` and `rate`, or `amount`; `when`, `available at`");
ACCRUE_ERROR(terms_from, "expected `from` and the first day of the terms: `terms from 2024-07-01`");
ACCRUE_ERROR(
    terms_first_day,
    "expected the first day the terms are in force, as YYYY-MM-DD: `terms from 2024-07-01`");
ACCRUE_ERROR(terms_last_day,
             "expected the last day the terms are in force, as YYYY-MM-DD: `to 2024-12-31`");
ACCRUE_ERROR(case_condition, "expected a condition after `when`");
ACCRUE_ERROR(rate_forms, "expected a rate: `rate 10%`, cases `10% when CONDITION ... 1% "
                         "otherwise`, or tiers `by METRIC from A to B: 10% ...`");
ACCRUE_ERROR(rate_metric, "expected what the tiers are chosen by, after `rate by`");
ACCRUE_ERROR(tier_list,
             "expected tiers: `from A to B: RATE`, `from A below B: RATE`, `from A: RATE`");
ACCRUE_ERROR(colon, "expected `:`");
ACCRUE_ERROR(rate_value, "expected the tier's value after `:`: a rate such as 10%, or in `amount "
                         "by` an amount such as 50.00 USD");
ACCRUE_ERROR(amount_value, "expected the amount: money such as `50.00 USD`, or tiers `amount by "
                           "METRIC`");
ACCRUE_ERROR(kw_at, "expected `at` and a time: `available at payment.at + 30 days`");
ACCRUE_ERROR(refund_event, "expected `refund`: a clawback is `on refund`");
ACCRUE_ERROR(clawback_policy, "expected the clawback policy: `whole commission once`, "
                              "`proportional` or `keep commission`");
ACCRUE_ERROR(line_rule_body,
             "expected a line rule after `also`: `also commission NAME on payment`");
ACCRUE_ERROR(kept_commission, "expected `commission`: the policy is `keep commission`");
ACCRUE_ERROR(kw_commission, "expected `commission once`: the policy is `whole commission once`");
ACCRUE_ERROR(kw_once, "expected `once`: the policy is `whole commission once`");
ACCRUE_ERROR(withdrawal_clauses,
             "expected withdrawal checks: `check NAME: CONDITION`, and optionally `due by TIME`");
ACCRUE_ERROR(check_name, "expected the check's name after `check` (it appears in the report)");
ACCRUE_ERROR(check_condition, "expected the check's condition after `:`");
ACCRUE_ERROR(kw_per, "expected `per`: the clause is `once per partner` or `once per customer`");
ACCRUE_ERROR(once_scope,
             "expected `partner` or `customer`: `once per partner`, `once per customer`");
ACCRUE_ERROR(sum_scope, "expected `in period` or `for customer`: `sum of payment.amount in USD in "
                        "period`, `sum of payment.amount in USD for customer within 2 months`");
ACCRUE_ERROR(kw_customer, "expected `customer`: `sum of ... for customer`");
ACCRUE_ERROR(window_length, "expected a duration or a calendar amount: `within 60 days`, "
                            "`within 2 months`");
ACCRUE_ERROR(kw_of, "expected `of`");
ACCRUE_ERROR(kw_period, "expected `period`");
ACCRUE_ERROR(kw_end, "expected `end`: write `paying_customers at period end`");
ACCRUE_ERROR(kw_in, "expected `in period`: write `sum of payment.amount in USD in period`");
ACCRUE_ERROR(kw_month, "expected `month`: write `period calendar month`");
ACCRUE_ERROR(period_length, "expected a number of days, such as `30 days`");
ACCRUE_ERROR(period_anchor,
             "expected the time the periods count from, such as `partner.joined_at`");
ACCRUE_ERROR(
    period_kind,
    "expected the kind of period: `calendar month` or `every 30 days from partner.joined_at`");
ACCRUE_ERROR(kw_via, "expected `via` and a currency: `paid via USD`");
ACCRUE_ERROR(via_currency, "expected a currency code such as USD");
ACCRUE_ERROR(paid_target, "expected `via CODE` or `to partner.parent` after `paid`");
ACCRUE_ERROR(recipient, "expected `partner.parent` (or `partner.parent.parent`, ...): the partner "
                        "that recruited the holder");
ACCRUE_ERROR(benefits_rule, "expected the name of the rule whose periods unlock the benefits: "
                            "`benefits per period of monthly_rate`");
ACCRUE_ERROR(benefit_items, "expected benefits: `NAME when CONDITION`");
ACCRUE_ERROR(benefit_condition, "expected the benefit's condition after `when`");
ACCRUE_ERROR(
    kw_from,
    "expected `from` and the time the periods count from: `every 30 days from partner.joined_at`");
ACCRUE_ERROR(active_window, "expected a duration: `active_customers within 30 days`");
ACCRUE_ERROR(library_name, "expected the name of a library of stdlib/, such as `standard`");
ACCRUE_ERROR(library_ref, "expected the library the definition comes from, such as `standard`");
ACCRUE_ERROR(exclusion_body,
             "expected `when` and a condition after the exclusion's name, or `from` and a library");
ACCRUE_ERROR(check_body, "expected `:` and the check's condition, or `from` and a library");
ACCRUE_ERROR(exclusion_name, "expected the exclusion's name after `exclusion`");
ACCRUE_ERROR(library_currency_code, "expected an ISO 4217 code in upper case, such as USD");
ACCRUE_ERROR(kw_minor, "expected `minor` and the currency's minor units: `currency USD minor 2`");
ACCRUE_ERROR(minor_units, "expected the number of minor digits, such as 2");
ACCRUE_ERROR(kw_library, "a library starts with `library NAME`");
ACCRUE_ERROR(library_title, "expected the library's name after `library`");
ACCRUE_ERROR(library_end, "expected a library definition: `exclusion NAME when ...`, `check NAME: "
                          "...` or `set NAME = {...}`");
ACCRUE_ERROR(kw_by, "expected `by` and a time: `due by request.at + 10 days`");

ACCRUE_ERROR(unclosed_string, "this string has no closing `\"`: a string ends on the line it "
                              "starts, such as \"hosting\"");
ACCRUE_ERROR(dollar_sign,
             "an amount is written with its currency code after it, such as `50.00 USD`: `$` is "
             "not part of the language");
ACCRUE_ERROR(decimal_comma, "a decimal is written with a point, not a comma: `50.00 USD`");
ACCRUE_ERROR(double_equals, "equality is written with one `=`: `payment.service = \"hosting\"`");
ACCRUE_ERROR(date_in_expression,
             "a day such as `2024-01-01` is not a value in a condition: to change a rule's terms "
             "from a day, write `terms from 2024-01-01` under the rule and restate there the "
             "clauses that change (docs/language.md, \"Versioned terms\")");
ACCRUE_ERROR(lower_case_money, "a currency code is written in upper case: `{1}`, not `{0}`");
ACCRUE_ERROR(hyphenated_name, "a name joins its words with `_`, not `-`: `{2}`");
ACCRUE_ERROR(capitalized_name, "a name is written in lower case: `{2}`");
ACCRUE_ERROR(lower_case_currency,
             "a currency code is written in upper case: `{1}`, not `{0}` (`money {1}`)");
ACCRUE_ERROR(keyword_as_name, "`{0}` is a keyword of the language, so it cannot be a name: "
                              "choose another, such as `my_{0}`");

#undef ACCRUE_ERROR

// The rules whose error points at the word that is wrong (mistake_error).
template <typename Rule> inline constexpr bool reported_at_its_word = false;
#define ACCRUE_AT_ITS_WORD(rule) template <> inline constexpr bool reported_at_its_word<rule> = true
ACCRUE_AT_ITS_WORD(unclosed_string);
ACCRUE_AT_ITS_WORD(dollar_sign);
ACCRUE_AT_ITS_WORD(decimal_comma);
ACCRUE_AT_ITS_WORD(double_equals);
ACCRUE_AT_ITS_WORD(date_in_expression);
ACCRUE_AT_ITS_WORD(lower_case_money);
ACCRUE_AT_ITS_WORD(hyphenated_name);
ACCRUE_AT_ITS_WORD(capitalized_name);
ACCRUE_AT_ITS_WORD(lower_case_currency);
ACCRUE_AT_ITS_WORD(keyword_as_name);
ACCRUE_AT_ITS_WORD(unknown_unit);
#undef ACCRUE_AT_ITS_WORD

// The word at the error (`{0}` in the table), in upper case (`{1}`), and as a
// name is written (`{2}`), for the messages that name it.
template <typename Input> std::string message_naming_word(const char* message, const Input& in) {
    const std::string_view rest(in.current(), in.size(0));
    const std::string word(
        rest.substr(0, rest.find_first_not_of(
                           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_0123456789-")));
    std::string upper = word;
    std::string name = word; // as a name is written: lower case, `_` between words
    for (std::size_t i = 0; i < word.size(); ++i) {
        const char c = word[i];
        upper[i] = static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c);
        name[i] = static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c == '-' ? '_' : c);
    }
    return fmt::format(fmt::runtime(message), word, upper, name);
}

template <typename Rule> struct control : normal<Rule> {
    template <typename Input, typename... States>
    [[noreturn]] static void raise(const Input& in, States&&... /*unused*/) {
        static_assert(error_message<Rule> != nullptr,
                      "a must<> point of the grammar has no message in grammar/errors.hpp");
        using Error = std::conditional_t<reported_at_its_word<Rule>, mistake_error, parse_error>;
        constexpr std::string_view message = error_message<Rule>;
        if constexpr (message.find("{0}") != std::string_view::npos ||
                      message.find("{2}") != std::string_view::npos) {
            throw Error(message_naming_word(error_message<Rule>, in), in);
        }
        throw Error(error_message<Rule>, in);
    }
};

} // namespace accrue::grammar
