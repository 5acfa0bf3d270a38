// Tokens: whitespace and comments, names, keywords and literals. Every token
// rule swallows the whitespace after it, so the other rules can be written
// as plain sequences.
#pragma once

#include <tao/pegtl.hpp>

namespace accrue::grammar {

namespace pegtl = tao::pegtl;
using namespace pegtl; // NOLINT: the rules below read as the grammar they are

// Layout: blanks, line breaks and comments (a comment runs to the end of its line).
struct blank : one<' ', '\t', '\r', '\v', '\f'> {};
struct comment : seq<one<'#'>, star<not_one<'\n'>>> {};
struct ws : star<sor<ascii::space, comment>> {};

template <typename Rule> struct token : seq<Rule, ws> {};

// A mistake recognised at its word (grammar/mistakes.hpp, keyword_as_name):
// reported there, not after the token before it as other syntax errors are.
struct mistake_error : parse_error {
    using parse_error::parse_error;
};

// Keywords, each a whole word.
#define ACCRUE_KEYWORD(name, text)                                                                 \
    struct kw_##name##_text : TAO_PEGTL_KEYWORD(text) {};                                          \
    struct kw_##name : token<kw_##name##_text> {}

ACCRUE_KEYWORD(program, "program");
ACCRUE_KEYWORD(currency, "currency");
ACCRUE_KEYWORD(time, "time");
ACCRUE_KEYWORD(zone, "zone");
ACCRUE_KEYWORD(roles, "roles");
ACCRUE_KEYWORD(rounding, "rounding");
ACCRUE_KEYWORD(attribution, "attribution");
ACCRUE_KEYWORD(exclusions, "exclusions");
ACCRUE_KEYWORD(for, "for");
ACCRUE_KEYWORD(when, "when");
ACCRUE_KEYWORD(otherwise, "otherwise");
ACCRUE_KEYWORD(on, "on");
ACCRUE_KEYWORD(base, "base");
ACCRUE_KEYWORD(rate, "rate");
ACCRUE_KEYWORD(by, "by");
ACCRUE_KEYWORD(from, "from");
ACCRUE_KEYWORD(to, "to");
ACCRUE_KEYWORD(below, "below");
ACCRUE_KEYWORD(amount, "amount");
ACCRUE_KEYWORD(available, "available");
ACCRUE_KEYWORD(at, "at");
ACCRUE_KEYWORD(clawback, "clawback");
ACCRUE_KEYWORD(whole, "whole");
ACCRUE_KEYWORD(commission, "commission");
ACCRUE_KEYWORD(once, "once");
ACCRUE_KEYWORD(per, "per");
ACCRUE_KEYWORD(period, "period");
ACCRUE_KEYWORD(calendar, "calendar");
ACCRUE_KEYWORD(month, "month");
ACCRUE_KEYWORD(every, "every");
ACCRUE_KEYWORD(paid, "paid");
ACCRUE_KEYWORD(via, "via");
ACCRUE_KEYWORD(sum, "sum");
ACCRUE_KEYWORD(of, "of");
ACCRUE_KEYWORD(end, "end");
ACCRUE_KEYWORD(benefits, "benefits");
ACCRUE_KEYWORD(graduated, "graduated");
ACCRUE_KEYWORD(import, "import");
ACCRUE_KEYWORD(library, "library");
ACCRUE_KEYWORD(exclusion, "exclusion");
ACCRUE_KEYWORD(minor, "minor");
ACCRUE_KEYWORD(proportional, "proportional");
ACCRUE_KEYWORD(withdrawal, "withdrawal");
ACCRUE_KEYWORD(check, "check");
ACCRUE_KEYWORD(due, "due");
ACCRUE_KEYWORD(set, "set");
ACCRUE_KEYWORD(and, "and");
ACCRUE_KEYWORD(or, "or");
ACCRUE_KEYWORD(not, "not");
ACCRUE_KEYWORD(in, "in");
ACCRUE_KEYWORD(is, "is");
ACCRUE_KEYWORD(default, "default");
ACCRUE_KEYWORD(true, "true");
ACCRUE_KEYWORD(false, "false");
ACCRUE_KEYWORD(discount, "discount");
ACCRUE_KEYWORD(welcome_bonus, "welcome_bonus");
ACCRUE_KEYWORD(customer_bonus, "customer_bonus");
ACCRUE_KEYWORD(signup, "signup");
ACCRUE_KEYWORD(link, "link");
ACCRUE_KEYWORD(partner, "partner");
ACCRUE_KEYWORD(promo, "promo");
ACCRUE_KEYWORD(code, "code");
ACCRUE_KEYWORD(last, "last");
ACCRUE_KEYWORD(click, "click");
ACCRUE_KEYWORD(within, "within");
ACCRUE_KEYWORD(attach, "attach");
ACCRUE_KEYWORD(terms, "terms");
ACCRUE_KEYWORD(start, "start");
ACCRUE_KEYWORD(day, "day");
ACCRUE_KEYWORD(year, "year");
ACCRUE_KEYWORD(the, "the");
ACCRUE_KEYWORD(after, "after");
ACCRUE_KEYWORD(keep, "keep");
ACCRUE_KEYWORD(also, "also");
ACCRUE_KEYWORD(customer, "customer");
ACCRUE_KEYWORD(field, "field");
ACCRUE_KEYWORD(parameter, "parameter");
ACCRUE_KEYWORD(first, "first");
ACCRUE_KEYWORD(payment, "payment");
#undef ACCRUE_KEYWORD

// Words that cannot be names: they start or continue a declaration.
struct reserved
    : sor<kw_program_text, kw_currency_text, kw_roles_text, kw_rounding_text, kw_attribution_text,
          kw_exclusions_text, kw_for_text, kw_when_text, kw_otherwise_text, kw_on_text,
          kw_base_text, kw_rate_text, kw_by_text, kw_from_text, kw_to_text, kw_below_text,
          kw_amount_text, kw_available_text, kw_clawback_text, kw_commission_text,
          kw_withdrawal_text, kw_check_text, kw_due_text, kw_set_text, kw_and_text, kw_or_text,
          kw_not_text, kw_in_text, kw_is_text, kw_default_text, kw_true_text, kw_false_text,
          kw_discount_text, kw_welcome_bonus_text, kw_customer_bonus_text, kw_once_text,
          kw_paid_text, kw_benefits_text, kw_sum_text, kw_graduated_text, kw_import_text,
          kw_library_text, kw_exclusion_text, kw_terms_text, kw_period_text, kw_also_text,
          kw_keep_text, kw_field_text, kw_parameter_text> {};

struct name_text
    : seq<ascii::range<'a', 'z'>, star<sor<ascii::range<'a', 'z'>, ascii::digit, one<'_'>>>> {};
struct name : token<seq<not_at<reserved>, name_text>> {};
// Where a declaration must name something (`program due`, `commission set
// on payment`), a keyword there is said to be one, not a missing name.
struct keyword_as_name : seq<at<reserved>, raise<keyword_as_name>> {};
// Names are lower case, their words joined by `_`: `recurring-share` and
// `Recurring` are said to be names written otherwise.
struct hyphenated_name : seq<at<name_text, one<'-'>, identifier_first>, raise<hyphenated_name>> {};
struct capitalized_name : seq<at<ascii::range<'A', 'Z'>>, raise<capitalized_name>> {};
struct declared_name : sor<hyphenated_name, name, capitalized_name, keyword_as_name> {};
// After a `.`, any field name is allowed, reserved words included (`payment.amount`).
struct member_name : seq<name_text, not_at<identifier_other>> {};

struct digits : plus<ascii::digit> {};
struct number_text : seq<digits, opt<one<'.'>, digits>> {};
struct currency_code : seq<rep<3, ascii::range<'A', 'Z'>>, not_at<identifier_other>> {};

// A calendar day, YYYY-MM-DD (`terms from 2024-07-01`).
struct calendar_date : seq<rep<4, ascii::digit>, one<'-'>, rep<2, ascii::digit>, one<'-'>,
                           rep<2, ascii::digit>, not_at<identifier_other>> {};

struct percent_sign : one<'%'> {};
struct duration_unit
    : sor<TAO_PEGTL_KEYWORD("days"), TAO_PEGTL_KEYWORD("day"), TAO_PEGTL_KEYWORD("hours"),
          TAO_PEGTL_KEYWORD("hour"), TAO_PEGTL_KEYWORD("minutes"), TAO_PEGTL_KEYWORD("minute"),
          TAO_PEGTL_KEYWORD("seconds"), TAO_PEGTL_KEYWORD("second")> {};

// Calendar amounts: months and years have no fixed length (docs/language.md,
// "Calendar time").
struct calendar_unit : sor<TAO_PEGTL_KEYWORD("months"), TAO_PEGTL_KEYWORD("month"),
                           TAO_PEGTL_KEYWORD("years"), TAO_PEGTL_KEYWORD("year")> {};
// `10th`, `1st`: a day of the month.
struct ordinal_text : seq<digits,
                          sor<TAO_PEGTL_STRING("st"), TAO_PEGTL_STRING("nd"),
                              TAO_PEGTL_STRING("rd"), TAO_PEGTL_STRING("th")>,
                          not_at<identifier_other>> {};

struct money_literal : token<seq<number_text, star<one<' '>>, currency_code>> {};
struct percent_literal : token<seq<number_text, star<one<' '>>, percent_sign>> {};
struct duration_literal : token<seq<number_text, plus<one<' '>>, duration_unit>> {};
struct calendar_literal : token<seq<number_text, plus<one<' '>>, calendar_unit>> {};
struct ordinal : token<ordinal_text> {};
struct number_literal : token<seq<number_text, not_at<identifier_other>>> {};

struct escaped : seq<one<'\\'>, one<'"', '\\', 'n', 't'>> {};
struct string_char : sor<escaped, not_one<'"', '\\', '\n', '\r'>> {};
struct string_body : star<string_char> {};
struct string_text : seq<one<'"'>, string_body, one<'"'>> {};
struct string_literal : token<string_text> {};

// A word as the lexer sees it: a name, a keyword, a currency code, or a
// field path (`payment.amount`), which is one word.
struct word_text : seq<identifier_first, star<identifier_other>,
                       star<one<'.'>, identifier_first, star<identifier_other>>> {};

struct comma : token<one<','>> {};
struct colon : token<one<':'>> {};
struct equals_sign : token<one<'='>> {};
struct open_paren : token<one<'('>> {};
struct close_paren : token<one<')'>> {};
struct open_brace : token<one<'{'>> {};
struct close_brace : token<one<'}'>> {};

} // namespace accrue::grammar
