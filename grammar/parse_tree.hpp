// The parse tree PEGTL builds for the selected rules of the grammar, and the
// helpers that read its nodes. Keeping the grammar free of actions lets
// grammar/*.hpp read as the grammar alone; the builder (builder.hpp) turns
// the tree into the AST.
#pragma once

#include "grammar/errors.hpp"
#include "interpreter/ast/ast.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace accrue::grammar {

namespace pt = tao::pegtl::parse_tree;
using Node = pt::node;

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        // header
        program_name, payout_currency, default_currency, partner_currency, zone_name, role_name,
        rounding_mode, currency_setting, time_zone_setting, roles_setting, rounding_setting,
        // declarations
        set_declaration, set_name, parameter_declaration, parameter_name, negative_sign,
        field_declaration, declared_field, field_kind, field_currency, attribution_declaration,
        model_signup_link, model_signup_partner, model_promo_code, model_last_click,
        model_first_click, model_payment_partner, model_attach, model_roles, click_window,
        exclusions_declaration, role_filter, exclusion, exclusion_name, exclusion_condition,
        line_rule, also_marker, line_kind, terms_version, terms_first_day, terms_last_day,
        rule_name, event_name, when_clause, base_clause, rate_clause, rate_case, rate_value,
        case_condition, otherwise_marker, rate_tiers, rate_metric, tier, tier_from, tier_to,
        tier_below, amount_clause, amount_tiers, available_clause, once_clause, period_clause,
        calendar_month, rolling_days, period_length, period_anchor, via_clause, via_currency,
        to_clause, recipient, benefits_declaration, benefits_rule, benefit_item, benefit_name,
        benefit_condition, graduated_marker, library_name, library_ref, library_title,
        library_exclusion, library_check, period_sum, for_customer, once_customer, period_customers,
        active_customers, clawback_declaration, refund_event, policy_whole_once,
        policy_proportional, policy_keep, clawback_condition, withdrawal_declaration, check_clause,
        check_name, check_condition, due_clause,
        // expressions
        expression, conjunction, logical_not, comparison, defaulted, additive, multiplicative,
        negation_minus, converted, conversion_target, money_literal, percent_literal,
        duration_literal, calendar_literal, start_of, calendar_span, day_of_month, ordinal,
        number_literal, string_literal, set_literal, kw_true, kw_false, call, function_name,
        field_path, name, compare_op, membership_op, not_in, is_not_set, is_set_test, add_op,
        subtract_op, multiply_op, divide_op>>;

// A token's text without the whitespace and comments that follow it.
std::string_view trimmed(const Node& n);
SourcePos pos_of(const Node& n);
Named named(const Node& n);
// A string literal's text, its escapes resolved.
std::string unquote(std::string_view literal);
// The number literal ("12.50") at the start of a token's text; nullopt when
// it has more digits or decimals than a Decimal holds.
std::optional<Decimal> leading_number(std::string_view text);
// The seconds of a duration's unit ("days" 86400, "hours" 3600, ...): N days
// are N x 24 hours (programs.md).
std::int64_t unit_seconds(std::string_view text);

} // namespace accrue::grammar
