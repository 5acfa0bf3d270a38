// Expressions, from the loosest operator to the tightest (docs/language.md,
// "Expressions and types").
#pragma once

#include "grammar/lexical.hpp"
#include "grammar/mistakes.hpp"

#include <array>
#include <string_view>

namespace accrue::grammar {

struct expression;

// What the nesting check (input_limits.cpp) knows of a prefix construct,
// one that the parser recurses through without a bracket: the word that
// opens it, and the words (and an ordinal, `10th`) that may stand between
// that word and its operand. Each rule of prefix_rules (below) has one.
struct PrefixWords {
    std::string_view opens;
    std::array<std::string_view, 4> leads{};
    bool ordinal = false;
};

struct set_literal : seq<open_brace, opt<list<quoted_text, comma>>, must<close_brace>> {};
struct set_ref : sor<set_literal, name> {};

struct function_name
    : sor<TAO_PEGTL_KEYWORD("round"), TAO_PEGTL_KEYWORD("min"), TAO_PEGTL_KEYWORD("max")> {};
struct argument_list : list<expression, comma> {};
struct call_arguments : seq<open_paren, must<argument_list>, must<close_paren>> {};
struct call : seq<token<function_name>, at<one<'('>>, call_arguments> {};

struct field_path : token<seq<name_text, plus<one<'.'>, member_name>>> {};
struct parenthesized : seq<open_paren, must<expression>, must<close_paren>> {};
struct boolean_literal : sor<kw_true, kw_false> {};

// Aggregates over the rule's period (docs/language.md, "Periods").
// `sum of X in period`, or over the customer's payments so far, optionally
// only those within a window from their first: `sum of X for customer within 2 months`.
struct in_period : seq<kw_in, must<kw_period>> {};
struct window_length : sor<calendar_literal, duration_literal> {};
struct customer_window : seq<kw_within, must<window_length>> {};
struct for_customer : seq<kw_for, must<kw_customer>, opt<customer_window>> {};
struct sum_scope : sor<in_period, for_customer> {};
struct period_sum : seq<kw_sum, must<kw_of>, must<struct unary>, must<sum_scope>> {
    static constexpr PrefixWords prefix{"sum", {"of"}};
};
struct period_customers
    : seq<token<TAO_PEGTL_KEYWORD("paying_customers")>, kw_at, kw_period, must<kw_end>> {};

// Customers with a counted payment not fully refunded, in a trailing window.
struct active_window : duration_literal {};
struct active_customers
    : seq<token<TAO_PEGTL_KEYWORD("active_customers")>, kw_within, must<active_window>> {};

// Calendar time in the program's zone: `start of month of payment.at`, and
// payout days, `the 10th on or after payment.at + 30 days` (the operand is the
// whole sum after `after`).
struct calendar_span : sor<kw_day, kw_month, kw_year> {};
struct start_of : seq<kw_start, kw_of, must<calendar_span>, must<kw_of>, must<unary>> {
    static constexpr PrefixWords prefix{"start", {"of", "day", "month", "year"}};
};
struct on_or_after : seq<kw_on, kw_or, kw_after> {};
struct day_of_month : seq<kw_the, must<ordinal>, must<on_or_after>, must<struct additive>> {
    static constexpr PrefixWords prefix{"the", {"on", "or", "after"}, true};
};

// A number and a word that is no unit, on one line: `12 weeks`. The message
// says which units there are.
struct unknown_unit
    : seq<at<number_text, plus<one<' '>>, not_at<reserved>, name_text, not_at<one<'.'>>>,
          raise<unknown_unit>> {};

struct primary
    : sor<period_sum, period_customers, active_customers, start_of, day_of_month,
          date_in_expression, decimal_comma, money_literal, percent_literal, duration_literal,
          calendar_literal, lower_case_money, unknown_unit, number_literal, quoted_text,
          set_literal, boolean_literal, call, parenthesized, field_path, name, dollar_sign> {};

// `in payout`: the partner's payout currency (with `currency partner`, each
// partner's own).
struct payout_target : token<TAO_PEGTL_KEYWORD("payout")> {};
struct conversion_target : sor<token<currency_code>, payout_target> {};
struct converted : seq<primary, star<kw_in, conversion_target>> {};

struct minus_sign : token<one<'-'>> {};
struct unary;
struct negation_minus : seq<minus_sign, unary> {
    static constexpr PrefixWords prefix{"-"};
};
struct unary : sor<negation_minus, converted> {};

struct multiply_op : token<sor<one<'*'>, TAO_PEGTL_STRING("\xC3\x97")>> {}; // * or ×
struct divide_op : token<one<'/'>> {};
struct multiplicative : seq<unary, star<sor<multiply_op, divide_op>, must<unary>>> {};

struct add_op : token<one<'+'>> {};
struct subtract_op : token<seq<one<'-'>, not_at<one<'-'>>>> {};
struct additive : seq<multiplicative, star<sor<add_op, subtract_op>, must<multiplicative>>> {};

struct defaulted : seq<additive, opt<kw_default, must<additive>>> {};

struct compare_op : token<sor<TAO_PEGTL_STRING("<="), TAO_PEGTL_STRING(">="),
                              TAO_PEGTL_STRING("!="), one<'<'>, one<'>'>, one<'='>>> {};
struct not_in : seq<kw_not, kw_in> {};
struct membership_op : sor<not_in, kw_in> {};
struct is_not_set : seq<kw_is, kw_not, must<kw_set>> {};
struct is_set_test : seq<kw_is, must<kw_set>> {};
struct comparison_tail : sor<double_equals, seq<compare_op, must<defaulted>>,
                             seq<membership_op, must<set_ref>>, is_not_set, is_set_test> {};
struct comparison : seq<defaulted, opt<comparison_tail>> {};

struct logical_not;
struct negation : sor<logical_not, comparison> {};
struct logical_not : seq<kw_not, must<negation>> {
    static constexpr PrefixWords prefix{"not"};
};

struct conjunction : seq<negation, star<kw_and, must<negation>>> {};
struct disjunction : seq<conjunction, star<kw_or, must<conjunction>>> {};
struct expression : disjunction {};

// Every rule the parser recurses through without a bracket. A test walks
// the grammar and fails on a cycle that passes through neither a bracket
// nor one of these, so a new prefix construct cannot escape the count.
using prefix_rules = type_list<negation_minus, logical_not, period_sum, start_of, day_of_month>;

} // namespace accrue::grammar
