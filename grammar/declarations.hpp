// The header and the declarations of a program (docs/language.md). Each
// declaration starts with its own keyword; after that keyword the user's
// intent is clear, so what follows is required (`must<>`), and a mistake is
// reported where it is, with the message of grammar/errors.hpp.
#pragma once

#include "grammar/expression.hpp"

namespace accrue::grammar {

// --- header -----------------------------------------------------------------
struct program_name : declared_name {};
struct program_line : seq<kw_program, must<program_name>> {};

struct payout_currency : token<currency_code> {};
struct default_currency : token<currency_code> {};
struct partner_currency : seq<kw_partner, must<kw_default>, must<default_currency>> {};
struct currency_choice : sor<partner_currency, payout_currency> {};
struct currency_setting : seq<kw_currency, must<currency_choice>> {};

struct zone_name : quoted_text {};
struct time_zone_setting : seq<kw_time, must<kw_zone>, must<zone_name>> {};

struct role_name : declared_name {};
struct role_list : list<role_name, comma> {};
struct roles_setting : seq<kw_roles, must<role_list>> {};

struct rounding_mode : token<sor<TAO_PEGTL_KEYWORD("half_away_from_zero"),
                                 TAO_PEGTL_KEYWORD("half_even"), TAO_PEGTL_KEYWORD("down")>> {};
struct rounding_setting : seq<kw_rounding, must<rounding_mode>> {};

struct library_name : name {};
struct import_setting : seq<kw_import, must<library_name>> {};

struct setting
    : sor<currency_setting, time_zone_setting, roles_setting, rounding_setting, import_setting> {};
struct header : seq<program_line, star<setting>> {};

// --- set --------------------------------------------------------------------
struct set_name : declared_name {};
struct set_declaration : seq<kw_set, must<set_name>, must<equals_sign>, must<set_literal>> {};

// --- parameter --------------------------------------------------------------
// A value a run may set (`--set top_rate=12%`), with its default and so its
// type: `parameter top_rate = 10%`.
struct parameter_name : declared_name {};
struct negative_sign : one<'-'> {};
struct parameter_literal
    : sor<money_literal, percent_literal, duration_literal, calendar_literal, lower_case_money,
          unknown_unit, number_literal, quoted_text, boolean_literal> {};
struct parameter_value : seq<opt<negative_sign>, parameter_literal> {};
struct parameter_declaration
    : seq<kw_parameter, must<parameter_name>, must<equals_sign>, must<parameter_value>> {};

// --- field ------------------------------------------------------------------
// An extra field the program reads, with its type: `field signup.trial: bool`.
struct declared_field : field_path {};
struct field_kind
    : token<sor<TAO_PEGTL_KEYWORD("text"), TAO_PEGTL_KEYWORD("bool"), TAO_PEGTL_KEYWORD("number"),
                TAO_PEGTL_KEYWORD("time"), TAO_PEGTL_KEYWORD("money")>> {};
struct field_currency : token<currency_code> {};
// `money usd`: a code in lower case is said to be one, not taken for the
// next declaration.
struct lower_case_currency : seq<at<rep<3, ascii::range<'a', 'z'>>, not_at<identifier_other>>,
                                 not_at<reserved>, raise<lower_case_currency>> {};
struct field_type : seq<field_kind, opt<sor<field_currency, lower_case_currency>>> {};
struct field_declaration : seq<kw_field, must<declared_field>, must<colon>, must<field_type>> {};

// --- attribution ------------------------------------------------------------
struct model_signup_link : seq<kw_signup, kw_link> {};
struct model_signup_partner : seq<kw_signup, kw_partner> {};
struct model_promo_code : seq<kw_promo, must<kw_code>> {};
struct click_window : sor<calendar_literal, duration_literal> {};
struct model_last_click : seq<kw_last, must<kw_click>, must<kw_within>, must<click_window>> {};
struct model_first_click : seq<kw_first, must<kw_click>, must<kw_within>, must<click_window>> {};
// A payment that names its partner (ledger 1.1) belongs to that partner.
struct model_payment_partner : seq<kw_payment, kw_partner> {};
struct model_attach : kw_attach {};
struct model_roles : seq<kw_for, must<role_list>> {
}; // the model gives customers to these roles only
struct attribution_model
    : seq<sor<model_signup_link, model_signup_partner, model_promo_code, model_last_click,
              model_first_click, model_payment_partner, model_attach>,
          opt<model_roles>> {};
struct attribution_models : plus<attribution_model> {};
struct attribution_declaration : seq<kw_attribution, must<attribution_models>> {};

// --- exclusions -------------------------------------------------------------
struct role_filter : seq<kw_for, must<role_list>> {};
struct exclusion_name : sor<hyphenated_name, name> {};
struct exclusion_condition : expression {};
struct exclusion_when : kw_when {};
// A definition of a library, used by name: `no_partner from standard`.
struct library_ref : name {};
struct from_library : seq<kw_from, must<library_ref>> {};
struct exclusion_body : sor<from_library, seq<exclusion_when, must<exclusion_condition>>> {};
// A misspelt declaration after the exclusions would be read as one more.
struct exclusion
    : seq<opt<misspelt_word<DeclarationWords, true>>, exclusion_name, must<exclusion_body>> {};
struct exclusion_items : plus<exclusion> {};
struct exclusions_declaration : seq<kw_exclusions, opt<role_filter>, must<exclusion_items>> {};

// --- line rules -------------------------------------------------------------
struct line_kind : sor<kw_commission, kw_discount, kw_welcome_bonus, kw_customer_bonus> {};
struct rule_name : declared_name {};
struct event_name : name {};

struct when_clause : seq<kw_when, must<expression>> {};
struct base_clause : seq<kw_base, must<expression>> {};

struct rate_value : expression {};
struct case_condition : expression {};
struct otherwise_marker : kw_otherwise {};
// A case without `when` or `otherwise` is a fixed rate (`rate 15%`).
struct case_when : kw_when {};
struct rate_case : seq<rate_value, opt<sor<seq<case_when, must<case_condition>>, otherwise_marker,
                                           misspelt_word<OtherwiseWord>>>> {};
struct rate_cases : plus<rate_case> {};

struct tier_from : seq<kw_from, must<expression>> {};
struct tier_to : seq<kw_to, must<expression>> {};
struct tier_below : seq<kw_below, must<expression>> {};
struct tier_range : seq<opt<tier_from>, opt<sor<tier_to, tier_below>>> {};
struct tier : seq<at<sor<kw_from, kw_to, kw_below>>, tier_range, must<colon>, must<rate_value>> {};
struct tier_list : plus<tier> {};
struct rate_metric : expression {};
struct graduated_marker : kw_graduated {};
struct rate_tiers : seq<opt<graduated_marker>, kw_by, must<rate_metric>, must<tier_list>> {};

struct rate_forms : sor<rate_tiers, rate_cases> {};
struct rate_clause : seq<kw_rate, must<rate_forms>> {};
// `amount by METRIC` with tiers of money amounts, chosen like a rate's tiers.
struct amount_tiers : seq<kw_by, must<rate_metric>, must<tier_list>> {};
struct amount_value : sor<amount_tiers, expression> {};
struct amount_clause : seq<kw_amount, must<amount_value>> {};
struct available_clause : seq<kw_available, must<kw_at>, must<expression>> {};
struct once_customer : kw_customer {};
struct once_scope : sor<kw_partner, once_customer> {};
struct once_clause : seq<kw_once, must<kw_per>, must<once_scope>> {};

struct calendar_month : seq<kw_calendar, must<kw_month>> {};
struct period_length : duration_literal {};
struct period_anchor : expression {};
struct rolling_days : seq<kw_every, must<period_length>, must<kw_from>, must<period_anchor>> {};
struct period_kind : sor<calendar_month, rolling_days> {};
struct period_clause : seq<kw_period, must<period_kind>> {};

struct via_currency : token<currency_code> {};
struct via_clause : seq<kw_paid, kw_via, must<via_currency>> {};
// `paid to partner.parent`: the line goes to the partner that recruited the
// holder (`.parent.parent`: the one above).
struct recipient
    : token<seq<TAO_PEGTL_KEYWORD("partner"), plus<one<'.'>, TAO_PEGTL_KEYWORD("parent")>>> {};
struct to_clause : seq<kw_paid, kw_to, must<recipient>> {};
struct paid_target : success {};
struct paid_clause : sor<via_clause, to_clause, seq<kw_paid, raise<paid_target>>> {};

struct rule_clause : sor<when_clause, base_clause, rate_clause, amount_clause, available_clause,
                         once_clause, period_clause, paid_clause, misspelt_word<ClauseWords>> {};
struct rule_clauses : plus<rule_clause> {};

// Versioned terms: from a day (to a day, if given), the clauses that follow
// replace the rule's own for the events at those days (docs/language.md).
struct terms_from : kw_from {};
struct terms_first_day : token<calendar_date> {};
struct terms_last_day : token<calendar_date> {};
struct terms_to : seq<kw_to, must<terms_last_day>> {};
struct terms_version
    : seq<kw_terms, must<terms_from>, must<terms_first_day>, opt<terms_to>, must<rule_clauses>> {};

// `also`: the rule starts a new list of alternatives, tried whether or not an
// earlier rule made a line for the event (several lines per event).
struct also_marker : kw_also {};
struct line_rule_body : seq<line_kind, must<rule_name>, must<kw_on>, must<event_name>,
                            opt<role_filter>, must<rule_clauses>, star<terms_version>> {};
struct line_rule : sor<seq<also_marker, must<line_rule_body>>, line_rule_body> {};

// --- clawback ---------------------------------------------------------------
struct policy_whole_once : seq<kw_whole, must<kw_commission>, must<kw_once>> {};
struct policy_proportional : kw_proportional {};
// The refund is not clawed back: it is excluded with the rule's name as reason.
struct kept_commission : kw_commission {};
struct policy_keep : seq<kw_keep, must<kept_commission>> {};
struct clawback_policy : sor<policy_whole_once, policy_proportional, policy_keep> {};
struct refund_event : name {};
struct clawback_condition : seq<kw_when, must<expression>> {};
struct clawback_declaration : seq<kw_clawback, must<rule_name>, must<kw_on>, must<refund_event>,
                                  opt<clawback_condition>, must<clawback_policy>> {};

// --- withdrawal -------------------------------------------------------------
struct check_name : declared_name {};
struct check_condition : expression {};
struct check_body : sor<from_library, seq<colon, must<check_condition>>> {};
struct check_clause : seq<kw_check, must<check_name>, must<check_body>> {};
struct due_clause : seq<kw_due, must<kw_by>, must<expression>> {};
struct withdrawal_clause : sor<check_clause, due_clause> {};
struct withdrawal_clauses : plus<withdrawal_clause> {};
struct withdrawal_declaration : seq<kw_withdrawal, must<withdrawal_clauses>> {};

// --- benefits ---------------------------------------------------------------
struct benefit_name : name {};
struct benefit_condition : expression {};
struct benefit_when : kw_when {};
struct benefit_item : seq<benefit_name, must<benefit_when>, must<benefit_condition>> {};
struct benefit_items : plus<benefit_item> {};
struct benefits_rule : name {};
struct benefits_declaration : seq<kw_benefits, must<kw_per>, must<kw_period>, must<kw_of>,
                                  must<benefits_rule>, must<benefit_items>> {};

struct declaration
    : sor<benefits_declaration, set_declaration, parameter_declaration, field_declaration,
          attribution_declaration, exclusions_declaration, line_rule, clawback_declaration,
          withdrawal_declaration, misspelt_word<ClauseWords>> {};

} // namespace accrue::grammar
