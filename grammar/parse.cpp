// From text to AST: PEGTL builds a parse tree of the selected rules, and the
// functions below turn it into the AST of interpreter/ast.hpp. Keeping the
// grammar free of actions lets grammar/*.hpp read as the grammar alone.
#include "grammar/parse.hpp"

#include "grammar/errors.hpp"
#include "grammar/limits.hpp"
#include "grammar/stdlib_sources.hpp"
#include "interpreter/diagnostics/suggest.hpp"

#include <tao/pegtl/contrib/parse_tree.hpp>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <map>

namespace accrue {
namespace {

namespace pt = tao::pegtl::parse_tree;
using namespace grammar;
using Node = pt::node;

template <typename Rule>
using selector = pt::selector<
    Rule,
    pt::store_content::on<
        // header
        program_name, payout_currency, default_currency, partner_currency, zone_name, role_name,
        rounding_mode, currency_setting, time_zone_setting, roles_setting, rounding_setting,
        // declarations
        set_declaration, set_name, attribution_declaration, model_signup_link, model_signup_partner,
        model_promo_code, model_last_click, model_attach, click_window, exclusions_declaration,
        role_filter, exclusion, exclusion_name, exclusion_condition, line_rule, line_kind,
        terms_version, terms_first_day, terms_last_day, rule_name, event_name, when_clause,
        base_clause, rate_clause, rate_case, rate_value, case_condition, otherwise_marker,
        rate_tiers, rate_metric, tier, tier_from, tier_to, tier_below, amount_clause,
        available_clause, once_clause, period_clause, calendar_month, rolling_days, period_length,
        period_anchor, via_clause, via_currency, benefits_declaration, benefits_rule, benefit_item,
        benefit_name, benefit_condition, graduated_marker, library_name, library_ref, library_title,
        library_exclusion, library_check, period_sum, period_customers, active_customers,
        clawback_declaration, refund_event, policy_whole_once, policy_proportional,
        withdrawal_declaration, check_clause, check_name, check_condition, due_clause,
        // expressions
        expression, conjunction, logical_not, comparison, defaulted, additive, multiplicative,
        negation_minus, converted, conversion_target, money_literal, percent_literal,
        duration_literal, number_literal, string_literal, set_literal, kw_true, kw_false, call,
        function_name, field_path, name, compare_op, membership_op, not_in, is_not_set, is_set_test,
        add_op, subtract_op, multiply_op, divide_op>>;

// A token's text without the whitespace and comments that follow it.
std::string_view trimmed(const Node& n) {
    const std::string_view text = n.string_view();
    const auto only_layout_from = [&](std::size_t i) {
        while (i < text.size()) {
            const char c = text[i];
            if (c == '#') {
                i = text.find('\n', i);
                if (i == std::string_view::npos) {
                    return true;
                }
            } else if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                return false;
            }
            ++i;
        }
        return true;
    };
    bool in_string = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (in_string) {
            if (c == '\\') {
                ++i;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if ((c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '#') &&
                   only_layout_from(i)) {
            return text.substr(0, i);
        }
    }
    return text;
}

SourcePos pos_of(const Node& n) {
    const auto begin = n.begin();
    return SourcePos{static_cast<std::uint32_t>(begin.line),
                     static_cast<std::uint32_t>(begin.column),
                     static_cast<std::uint32_t>(std::max<std::size_t>(1, trimmed(n).size()))};
}

Named named(const Node& n) {
    return Named{std::string(trimmed(n)), pos_of(n)};
}

std::string unquote(std::string_view literal) {
    std::string out;
    for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
        if (literal[i] == '\\' && i + 2 < literal.size()) {
            ++i;
            out.push_back(literal[i] == 'n' ? '\n' : literal[i] == 't' ? '\t' : literal[i]);
        } else {
            out.push_back(literal[i]);
        }
    }
    return out;
}

// A number literal's text ("12.50") at the start of a token.
Decimal leading_number(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
        ++end;
    }
    return Decimal::parse(text.substr(0, end)).value_or(Decimal{});
}

// "30 days": N days are N x 24 hours (programs.md).
Duration duration_of(std::string_view text) {
    const auto amount = leading_number(text).to_int64().value_or(0);
    const std::string_view unit = text.substr(text.rfind(' ') + 1);
    std::int64_t seconds = 1;
    if (unit.starts_with("day")) {
        seconds = 86'400;
    } else if (unit.starts_with("hour")) {
        seconds = 3'600;
    } else if (unit.starts_with("minute")) {
        seconds = 60;
    }
    return Duration::seconds(amount * seconds);
}

// A library of stdlib/, parsed: its definitions by name.
struct Library {
    std::vector<NamedSet> sets;
    std::vector<std::pair<std::string, ExprPtr>> exclusions;
    std::vector<std::pair<std::string, ExprPtr>> checks;
};

class Builder {
  public:
    explicit Builder(Program& program) : program_(program) {}

    void build_file(const Node& root);
    Library build_library(const Node& root);

  private:
    ExprPtr expr(const Node& n);
    ExprPtr or_list(const Node& n);
    ExprPtr literal(const Node& n);
    Rate rate(const Node& clause);
    std::vector<Named> roles(const Node& filter);
    void declaration(const Node& n);
    LineRule build_rule(const Node& n);
    void rule_clause(LineRule& rule, const Node& clause);
    TermsVersion build_version(const LineRule& rule, const Node& version,
                               const std::vector<const Node*>& rule_clauses);

    static ExprPtr make(ExprKind kind, const Node& n) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->pos = pos_of(n);
        return e;
    }
    static ExprPtr binary(Operator op, ExprPtr left, ExprPtr right, SourcePos pos) {
        auto e = std::make_unique<Expr>();
        e->kind = ExprKind::binary;
        e->op = op;
        e->pos = pos;
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        return e;
    }

    Program& program_;
};

ExprPtr Builder::or_list(const Node& n) {
    ExprPtr result = expr(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        result = binary(Operator::logical_or, std::move(result), expr(*n.children[i]),
                        pos_of(*n.children[i]));
    }
    return result;
}

ExprPtr Builder::literal(const Node& n) {
    const std::string_view text = trimmed(n);
    if (n.is_type<money_literal>()) {
        auto e = make(ExprKind::money, n);
        e->number = leading_number(text);
        e->currency = Currency::from_code(text.substr(text.size() - 3)).value_or(Currency{});
        e->text = std::string(text.substr(text.size() - 3));
        return e;
    }
    if (n.is_type<percent_literal>()) {
        auto e = make(ExprKind::percent, n);
        e->number = Decimal::divide(leading_number(text), Decimal::from_int(100),
                                    leading_number(text).scale() + 2, Rounding::down);
        e->number = e->number.normalized();
        return e;
    }
    if (n.is_type<duration_literal>()) {
        auto e = make(ExprKind::duration, n);
        e->duration = duration_of(text);
        e->number = leading_number(text); // kept so that the checks can refuse fractions
        return e;
    }
    if (n.is_type<number_literal>()) {
        auto e = make(ExprKind::number, n);
        e->number = leading_number(text);
        return e;
    }
    if (n.is_type<string_literal>()) {
        auto e = make(ExprKind::text, n);
        e->text = unquote(text);
        return e;
    }
    if (n.is_type<set_literal>()) {
        auto e = make(ExprKind::set, n);
        for (const auto& item : n.children) {
            e->items.push_back(unquote(trimmed(*item)));
        }
        return e;
    }
    auto e = make(ExprKind::boolean, n);
    e->boolean = n.is_type<kw_true>();
    return e;
}

ExprPtr Builder::expr(const Node& n) {
    if (n.is_type<period_sum>()) {
        auto e = make(ExprKind::period_sum, n);
        e->args.push_back(expr(*n.children.at(0)));
        return e;
    }
    if (n.is_type<period_customers>()) {
        return make(ExprKind::period_customers, n);
    }
    if (n.is_type<active_customers>()) {
        auto e = make(ExprKind::active_customers, n);
        const std::string_view text = trimmed(n);
        const std::string_view window = text.substr(text.find("within") + 6);
        e->duration = duration_of(window.substr(window.find_first_not_of(" \t\r\n")));
        e->number = leading_number(window.substr(window.find_first_not_of(" \t\r\n")));
        return e;
    }
    if (n.is_type<expression>() || n.is_type<exclusion_condition>() || n.is_type<rate_value>() ||
        n.is_type<period_anchor>() || n.is_type<benefit_condition>() ||
        n.is_type<case_condition>() || n.is_type<rate_metric>() || n.is_type<check_condition>()) {
        return or_list(n);
    }
    if (n.is_type<conjunction>()) {
        ExprPtr result = expr(*n.children.at(0));
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            result = binary(Operator::logical_and, std::move(result), expr(*n.children[i]),
                            pos_of(*n.children[i]));
        }
        return result;
    }
    if (n.is_type<logical_not>()) {
        auto e = make(ExprKind::unary, n);
        e->op = Operator::logical_not;
        e->args.push_back(expr(*n.children.at(0)));
        return e;
    }
    if (n.is_type<comparison>()) {
        ExprPtr left = expr(*n.children.at(0));
        if (n.children.size() == 1) {
            return left;
        }
        const Node& op = *n.children[1];
        if (op.is_type<compare_op>()) {
            static constexpr std::pair<std::string_view, Operator> ops[] = {
                {"<=", Operator::less_equal}, {">=", Operator::greater_equal},
                {"!=", Operator::not_equal},  {"<", Operator::less},
                {">", Operator::greater},     {"=", Operator::equal}};
            Operator which = Operator::equal;
            for (const auto& [text, o] : ops) {
                if (trimmed(op) == text) {
                    which = o;
                    break;
                }
            }
            return binary(which, std::move(left), expr(*n.children.at(2)), pos_of(op));
        }
        if (op.is_type<membership_op>()) {
            auto e = make(ExprKind::membership, op);
            e->negated = !op.children.empty();
            e->args.push_back(std::move(left));
            e->args.push_back(expr(*n.children.at(2)));
            return e;
        }
        auto e = make(ExprKind::is_set, op);
        e->negated = op.is_type<is_not_set>();
        e->args.push_back(std::move(left));
        return e;
    }
    if (n.is_type<defaulted>()) {
        ExprPtr value = expr(*n.children.at(0));
        if (n.children.size() == 1) {
            return value;
        }
        auto e = make(ExprKind::defaulted, *n.children[1]);
        e->args.push_back(std::move(value));
        e->args.push_back(expr(*n.children[1]));
        return e;
    }
    if (n.is_type<additive>() || n.is_type<multiplicative>()) {
        ExprPtr result = expr(*n.children.at(0));
        for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
            const Node& op = *n.children[i];
            const Operator which = op.is_type<add_op>()        ? Operator::add
                                   : op.is_type<subtract_op>() ? Operator::subtract
                                   : op.is_type<multiply_op>() ? Operator::multiply
                                                               : Operator::divide;
            result = binary(which, std::move(result), expr(*n.children[i + 1]), pos_of(op));
        }
        return result;
    }
    if (n.is_type<negation_minus>()) {
        auto e = make(ExprKind::unary, n);
        e->op = Operator::negate;
        e->args.push_back(expr(*n.children.at(0)));
        return e;
    }
    if (n.is_type<converted>()) {
        ExprPtr result = expr(*n.children.at(0));
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            auto e = make(ExprKind::conversion, *n.children[i]);
            e->text = std::string(trimmed(*n.children[i]));
            e->currency = Currency::from_code(e->text).value_or(Currency{});
            e->args.push_back(std::move(result));
            result = std::move(e);
        }
        return result;
    }
    if (n.is_type<call>()) {
        auto e = make(ExprKind::call, n);
        const std::string_view function = trimmed(*n.children.at(0));
        e->text = std::string(function);
        e->function = function == "round" ? Function::round
                      : function == "min" ? Function::min
                                          : Function::max;
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            e->args.push_back(expr(*n.children[i]));
        }
        return e;
    }
    if (n.is_type<field_path>()) {
        auto e = make(ExprKind::field, n);
        const std::string_view text = trimmed(n);
        const auto dot = text.find('.');
        e->text = std::string(text.substr(0, dot));
        e->member = std::string(text.substr(dot + 1));
        return e;
    }
    if (n.is_type<name>()) {
        auto e = make(ExprKind::name, n);
        e->text = std::string(trimmed(n));
        return e;
    }
    return literal(n);
}

std::vector<Named> Builder::roles(const Node& filter) {
    std::vector<Named> result;
    for (const auto& role : filter.children) {
        result.push_back(named(*role));
    }
    return result;
}

Rate Builder::rate(const Node& clause) {
    Rate rate;
    rate.pos = pos_of(clause);
    const Node& first = *clause.children.at(0);
    if (first.is_type<rate_tiers>()) {
        rate.form = Rate::Form::tiers;
        std::size_t next = 0;
        if (first.children.at(0)->is_type<graduated_marker>()) {
            rate.graduated = true;
            ++next;
        }
        rate.metric = expr(*first.children.at(next));
        for (std::size_t i = next + 1; i < first.children.size(); ++i) {
            const Node& t = *first.children[i];
            Tier tier;
            tier.pos = pos_of(t);
            for (const auto& part : t.children) {
                if (part->is_type<tier_from>()) {
                    tier.from = expr(*part->children.at(0));
                } else if (part->is_type<tier_to>() || part->is_type<tier_below>()) {
                    tier.to = expr(*part->children.at(0));
                    tier.to_inclusive = part->is_type<tier_to>();
                } else {
                    tier.rate = expr(*part);
                }
            }
            rate.tiers.push_back(std::move(tier));
        }
        return rate;
    }
    for (const auto& c : clause.children) {
        RateCase rc;
        rc.pos = pos_of(*c);
        rc.rate = expr(*c->children.at(0));
        if (c->children.size() > 1 && c->children[1]->is_type<case_condition>()) {
            rc.condition = expr(*c->children[1]);
        } else if (c->children.size() > 1) {
            rc.pos = pos_of(*c->children[1]); // `otherwise`
            rc.pos.column = pos_of(*c).column;
        }
        const bool is_otherwise =
            c->children.size() > 1 && c->children[1]->is_type<otherwise_marker>();
        if (!is_otherwise && !rc.condition && clause.children.size() == 1) {
            rate.form = Rate::Form::fixed;
            rate.fixed = std::move(rc.rate);
            return rate;
        }
        rate.cases.push_back(std::move(rc));
    }
    rate.form = Rate::Form::cases;
    return rate;
}

void Builder::declaration(const Node& n) {
    if (n.is_type<set_declaration>()) {
        NamedSet set{named(*n.children.at(0)), {}};
        for (const auto& item : n.children.at(1)->children) {
            set.items.push_back(unquote(trimmed(*item)));
        }
        program_.sets.push_back(std::move(set));
    } else if (n.is_type<attribution_declaration>()) {
        for (const auto& m : n.children) {
            Attribution a{AttributionModel::attach, pos_of(*m), {}};
            if (m->is_type<model_signup_link>()) {
                a.model = AttributionModel::signup_link;
            } else if (m->is_type<model_signup_partner>()) {
                a.model = AttributionModel::signup_partner;
            } else if (m->is_type<model_promo_code>()) {
                a.model = AttributionModel::promo_code;
            } else if (m->is_type<model_last_click>()) {
                a.model = AttributionModel::last_click;
                a.window = duration_of(trimmed(*m->children.at(0)));
            }
            program_.attribution.push_back(a);
        }
    } else if (n.is_type<exclusions_declaration>()) {
        ExclusionList list;
        list.pos = pos_of(n);
        for (const auto& c : n.children) {
            if (c->is_type<role_filter>()) {
                list.roles = roles(*c);
            } else {
                const Node& body = *c->children.at(1);
                if (body.is_type<library_ref>()) {
                    list.items.push_back(
                        Exclusion{named(*c->children.at(0)), nullptr, named(body)});
                } else {
                    list.items.push_back(
                        Exclusion{named(*c->children.at(0)), expr(body), std::nullopt});
                }
            }
        }
        program_.exclusions.push_back(std::move(list));
    } else if (n.is_type<line_rule>()) {
        program_.rules.push_back(build_rule(n));
    } else if (n.is_type<clawback_declaration>()) {
        ClawbackRule rule;
        rule.name = named(*n.children.at(0));
        rule.policy = n.children.at(2)->is_type<policy_whole_once>()
                          ? ClawbackRule::Policy::whole_once
                          : ClawbackRule::Policy::proportional;
        rule.event = named(*n.children.at(1));
        program_.clawback = std::move(rule);
    } else if (n.is_type<benefits_declaration>()) {
        Benefits benefits;
        benefits.rule = named(*n.children.at(0));
        for (std::size_t i = 1; i < n.children.size(); ++i) {
            const Node& item = *n.children[i];
            benefits.items.push_back(
                Benefit{named(*item.children.at(0)), expr(*item.children.at(1))});
        }
        program_.benefits.push_back(std::move(benefits));
    } else if (n.is_type<withdrawal_declaration>()) {
        WithdrawalPolicy policy;
        policy.pos = pos_of(n);
        for (const auto& c : n.children) {
            if (c->is_type<check_clause>()) {
                const Node& body = *c->children.at(1);
                if (body.is_type<library_ref>()) {
                    policy.checks.push_back(Check{named(*c->children.at(0)), nullptr, named(body)});
                } else {
                    policy.checks.push_back(
                        Check{named(*c->children.at(0)), expr(body), std::nullopt});
                }
            } else {
                policy.due_by = expr(*c->children.at(0));
                policy.due_by_pos = pos_of(*c);
            }
        }
        program_.withdrawal = std::move(policy);
    }
}

LineRule Builder::build_rule(const Node& n) {
    LineRule rule;
    const std::string_view kind = trimmed(*n.children.at(0));
    rule.kind = kind == "commission"      ? LineKind::commission
                : kind == "discount"      ? LineKind::discount
                : kind == "welcome_bonus" ? LineKind::welcome_bonus
                                          : LineKind::customer_bonus;
    rule.name = named(*n.children.at(1));
    const Named event = named(*n.children.at(2));
    rule.event_pos = event.pos;
    rule.event = event.name == "signup" ? EventKind::signup : EventKind::payment;
    rule.event_name = event.name;
    std::vector<const Node*> clauses;
    for (std::size_t i = 3; i < n.children.size(); ++i) {
        const Node& c = *n.children[i];
        if (c.is_type<terms_version>()) {
            rule.versions.push_back(build_version(rule, c, clauses));
        } else {
            rule_clause(rule, c);
            clauses.push_back(&c);
        }
    }
    return rule;
}

void Builder::rule_clause(LineRule& rule, const Node& clause) {
    if (clause.is_type<role_filter>()) {
        rule.roles = roles(clause);
    } else if (clause.is_type<when_clause>()) {
        rule.when = expr(*clause.children.at(0));
    } else if (clause.is_type<base_clause>()) {
        rule.base = expr(*clause.children.at(0));
    } else if (clause.is_type<rate_clause>()) {
        rule.rate = rate(clause);
    } else if (clause.is_type<amount_clause>()) {
        rule.amount = expr(*clause.children.at(0));
    } else if (clause.is_type<available_clause>()) {
        rule.available_at = expr(*clause.children.at(0));
    } else if (clause.is_type<once_clause>()) {
        rule.once_per_partner = true;
    } else if (clause.is_type<period_clause>()) {
        PeriodSpec period;
        period.pos = pos_of(clause);
        const Node& kind = *clause.children.at(0);
        if (kind.is_type<rolling_days>()) {
            period.kind = PeriodSpec::Kind::rolling_days;
            period.length = duration_of(trimmed(*kind.children.at(0)));
            period.anchor = expr(*kind.children.at(1));
        }
        rule.period = std::move(period);
    } else if (clause.is_type<via_clause>()) {
        rule.via_name = named(*clause.children.at(0));
    }
}

// A version's terms are built from the rule's clauses, less those it
// restates; restating `amount` replaces `base` and `rate`, and the other way.
TermsVersion Builder::build_version(const LineRule& rule, const Node& version,
                                    const std::vector<const Node*>& rule_clauses) {
    TermsVersion v;
    v.pos = pos_of(version);
    v.first_day = named(*version.children.at(0));
    std::size_t first_clause = 1;
    if (version.children.size() > 1 && version.children[1]->is_type<terms_last_day>()) {
        v.last_day = named(*version.children[1]);
        first_clause = 2;
    }
    const auto restated = [&](const auto... kinds) {
        for (std::size_t i = first_clause; i < version.children.size(); ++i) {
            if ((version.children[i]->template is_type<decltype(kinds)>() || ...)) {
                return true;
            }
        }
        return false;
    };
    const bool how_much = restated(amount_clause{}, base_clause{}, rate_clause{});
    v.terms.kind = rule.kind;
    v.terms.name = rule.name;
    v.terms.event = rule.event;
    v.terms.event_name = rule.event_name;
    v.terms.event_pos = rule.event_pos;
    v.terms.roles = rule.roles;
    for (const Node* c : rule_clauses) {
        const bool replaced = (c->is_type<when_clause>() && restated(when_clause{})) ||
                              (c->is_type<available_clause>() && restated(available_clause{})) ||
                              ((c->is_type<amount_clause>() || c->is_type<base_clause>() ||
                                c->is_type<rate_clause>()) &&
                               how_much);
        const bool rule_only =
            c->is_type<role_filter>() || c->is_type<once_clause>() || c->is_type<period_clause>();
        if (!replaced && !rule_only) { // `paid via` stays: it is the rule's
            rule_clause(v.terms, *c);
        }
    }
    for (std::size_t i = first_clause; i < version.children.size(); ++i) {
        const Node& c = *version.children[i];
        const char* rule_only = c.is_type<once_clause>()     ? "once per partner"
                                : c.is_type<period_clause>() ? "period"
                                : c.is_type<via_clause>()    ? "paid via"
                                                             : nullptr;
        if (rule_only != nullptr) {
            if (!v.rule_only_clause) {
                v.rule_only_clause = Named{rule_only, pos_of(c)};
            }
            continue;
        }
        rule_clause(v.terms, c);
    }
    // Restating only `base` or only `rate` keeps the rule's other half.
    if (how_much && !restated(amount_clause{})) {
        for (const Node* c : rule_clauses) {
            if ((c->is_type<base_clause>() && !restated(base_clause{})) ||
                (c->is_type<rate_clause>() && !restated(rate_clause{}))) {
                rule_clause(v.terms, *c);
            }
        }
    }
    return v;
}

Library Builder::build_library(const Node& root) {
    Library library;
    for (const auto& child : root.children) {
        const Node& n = *child;
        if (n.is_type<set_declaration>()) {
            declaration(n);
        } else if (n.is_type<library_exclusion>()) {
            library.exclusions.emplace_back(std::string(trimmed(*n.children.at(0))),
                                            expr(*n.children.at(1)));
        } else if (n.is_type<library_check>()) {
            library.checks.emplace_back(std::string(trimmed(*n.children.at(0))),
                                        expr(*n.children.at(1)));
        }
    }
    library.sets = std::move(program_.sets);
    return library;
}

void Builder::build_file(const Node& root) {
    for (const auto& child : root.children) {
        const Node& n = *child;
        if (n.is_type<program_name>()) {
            program_.header.program = named(n);
        } else if (n.is_type<currency_setting>()) {
            const Node& choice = *n.children.at(0);
            if (choice.is_type<partner_currency>()) {
                program_.header.partner_currency = true;
                program_.header.currency_name = named(*choice.children.at(0));
            } else {
                program_.header.currency_name = named(choice);
            }
        } else if (n.is_type<time_zone_setting>()) {
            Named zone = named(*n.children.at(0));
            zone.name = unquote(zone.name);
            program_.header.time_zone = zone;
        } else if (n.is_type<roles_setting>()) {
            for (const auto& role : n.children) {
                program_.header.roles.push_back(named(*role));
            }
        } else if (n.is_type<library_name>()) { // `import NAME`
            program_.header.imports.push_back(named(n));
        } else if (n.is_type<rounding_setting>()) {
            const std::string_view mode = trimmed(*n.children.at(0));
            program_.header.rounding = mode == "half_even" ? Rounding::half_even
                                       : mode == "down"    ? Rounding::down
                                                           : Rounding::half_away_from_zero;
        } else {
            declaration(n);
        }
    }
}

// Where a syntax error is reported: the parser stops after the layout that
// follows the last token, which may be lines further down; the user's
// mistake is right after that token.
SourcePos after_last_token(const std::string& text, std::size_t offset) {
    std::size_t end = std::min(offset, text.size());
    while (end > 0 && (text[end - 1] == ' ' || text[end - 1] == '\t' || text[end - 1] == '\n' ||
                       text[end - 1] == '\r')) {
        --end;
    }
    if (text.find('\n', end) >= offset) {
        end = offset; // still on the same line: keep the parser's column
    }
    SourcePos pos{1, 1, 1};
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

// The position of the first bracket that nests deeper than max_nesting,
// outside strings and comments; nullopt when the file keeps to the limit.
std::optional<SourcePos> too_deep(const std::string& text) {
    std::size_t depth = 0;
    SourcePos pos{1, 1, 1};
    bool in_string = false;
    bool in_comment = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '\n') {
            ++pos.line;
            pos.column = 1;
            in_comment = false;
            continue;
        }
        if (in_comment) {
        } else if (in_string) {
            if (c == '\\') {
                ++i;
                ++pos.column;
            } else if (c == '"') {
                in_string = false;
            }
        } else if (c == '"') {
            in_string = true;
        } else if (c == '#') {
            in_comment = true;
        } else if (c == '(' || c == '{') {
            if (++depth > grammar::max_nesting) {
                return pos;
            }
        } else if ((c == ')' || c == '}') && depth > 0) {
            --depth;
        }
        ++pos.column;
    }
    return std::nullopt;
}

// A copy of a library's expression, placed where the program uses it: a
// type error in it then points at `... from LIBRARY`.
ExprPtr clone_at(const Expr& e, SourcePos pos) {
    auto copy = std::make_unique<Expr>();
    copy->kind = e.kind;
    copy->pos = pos;
    copy->op = e.op;
    copy->negated = e.negated;
    copy->function = e.function;
    copy->number = e.number;
    copy->currency = e.currency;
    copy->duration = e.duration;
    copy->boolean = e.boolean;
    copy->text = e.text;
    copy->member = e.member;
    copy->items = e.items;
    for (const auto& arg : e.args) {
        copy->args.push_back(clone_at(*arg, pos));
    }
    return copy;
}

Library parse_library(std::string_view name, std::string_view text) {
    const SourceFile source{"stdlib/" + std::string(name) + ".accrue", std::string(text)};
    tao::pegtl::memory_input input(source.text, source.path);
    try {
        auto root =
            pt::parse<grammar::library_file, selector, tao::pegtl::nothing, grammar::control>(
                input);
        Program scratch;
        return Builder(scratch).build_library(*root);
    } catch (const tao::pegtl::parse_error& error) {
        throw syntax_error(source, error.positions().front().byte, std::string(error.message()));
    }
}

// The text of a library of stdlib/; null when there is none of that name.
const std::string_view* stdlib_source(std::string_view name) {
    for (const auto& [library, text] : grammar::stdlib_sources) {
        if (library == name) {
            return &text;
        }
    }
    return nullptr;
}

// Replaces each `NAME from LIBRARY` with the library's definition.
void resolve_library_uses(Program& program, const SourceFile& source) {
    std::vector<Diagnostic> errors;
    std::vector<std::string> available;
    for (const auto& [name, text] : grammar::stdlib_sources) {
        available.emplace_back(name);
    }
    std::map<std::string, Library> loaded;
    for (const Named& import : program.header.imports) {
        const std::string_view* text = stdlib_source(import.name);
        if (text == nullptr) {
            const std::string suggestion = closest(import.name, available);
            errors.push_back({import.pos, fmt::format("unknown library `{}`", import.name),
                              suggestion.empty() ? fmt::format("the libraries of stdlib/ are: {}",
                                                               fmt::join(available, ", "))
                                                 : fmt::format("did you mean `{}`?", suggestion)});
            continue;
        }
        Library library = parse_library(import.name, *text);
        for (NamedSet& set : library.sets) {
            program.sets.push_back(std::move(set));
        }
        library.sets.clear();
        loaded.emplace(import.name, std::move(library));
    }
    const auto resolve =
        [&](const Named& name, const Named& from, const char* kind,
            const std::vector<std::pair<std::string, ExprPtr>> Library::*definitions) -> ExprPtr {
        const auto library = loaded.find(from.name);
        if (library == loaded.end()) {
            errors.push_back(
                {from.pos, fmt::format("the library `{}` is not imported", from.name),
                 fmt::format("add `import {}` after the program's header settings", from.name)});
            return nullptr;
        }
        std::vector<std::string> names;
        for (const auto& [defined, condition] : library->second.*definitions) {
            if (defined == name.name) {
                return clone_at(*condition, name.pos);
            }
            names.push_back(defined);
        }
        const std::string suggestion = closest(name.name, names);
        errors.push_back(
            {name.pos, fmt::format("the library `{}` has no {} `{}`", from.name, kind, name.name),
             suggestion.empty() ? fmt::format("its {}s are: {}", kind, fmt::join(names, ", "))
                                : fmt::format("did you mean `{}`?", suggestion)});
        return nullptr;
    };
    for (ExclusionList& list : program.exclusions) {
        for (Exclusion& exclusion : list.items) {
            if (exclusion.from) {
                exclusion.condition =
                    resolve(exclusion.name, *exclusion.from, "exclusion", &Library::exclusions);
            }
        }
    }
    if (program.withdrawal) {
        for (Check& check : program.withdrawal->checks) {
            if (check.from) {
                check.condition = resolve(check.name, *check.from, "check", &Library::checks);
            }
        }
    }
    if (!errors.empty()) {
        throw ProgramError(source, std::move(errors));
    }
}

// programs.md: "Every program has the checks positive_amount and balance". A
// program that states no withdrawal policy gets those two, as stdlib/standard
// defines them; one that does state it says all of it.
void add_default_withdrawal(Program& program) {
    if (program.withdrawal) {
        return;
    }
    constexpr std::string_view library = "standard";
    Library standard = parse_library(library, *stdlib_source(library));
    const SourcePos at = program.header.program.pos;
    WithdrawalPolicy policy;
    policy.pos = at;
    for (const auto& [name, condition] : standard.checks) {
        policy.checks.push_back(
            Check{Named{name, at}, clone_at(*condition, at), Named{std::string(library), at}});
    }
    program.withdrawal = std::move(policy);
}

} // namespace

void check_limits(const SourceFile& source) {
    if (source.text.size() > grammar::max_program_bytes) {
        throw ProgramError(
            source, {Diagnostic{{1, 1, 1},
                                fmt::format("the program is larger than {} bytes",
                                            grammar::max_program_bytes),
                                "a program holds terms, not data: keep data in the ledger"}});
    }
    if (const auto deep = too_deep(source.text)) {
        throw ProgramError(source, {Diagnostic{*deep,
                                               fmt::format("brackets nest more than {} levels deep",
                                                           grammar::max_nesting),
                                               "split the condition into simpler parts"}});
    }
}

ProgramError syntax_error(const SourceFile& source, std::size_t byte, std::string message) {
    return ProgramError(source,
                        {Diagnostic{after_last_token(source.text, byte), std::move(message), {}}});
}

Program parse_program(const SourceFile& source) {
    Program program;
    program.file = source.path;
    check_limits(source);
    tao::pegtl::memory_input input(source.text, source.path);
    try {
        auto root =
            pt::parse<grammar::program_file, selector, tao::pegtl::nothing, grammar::control>(
                input);
        if (!root) {
            throw ProgramError(source,
                               {Diagnostic{{1, 1, 1}, "a program starts with `program NAME`", {}}});
        }
        Builder(program).build_file(*root);
        resolve_library_uses(program, source);
        add_default_withdrawal(program);
    } catch (const tao::pegtl::parse_error& error) {
        throw syntax_error(source, error.positions().front().byte, std::string(error.message()));
    }
    return program;
}

} // namespace accrue
