#include "grammar/builder.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue::grammar {

std::vector<Named> Builder::roles(const Node& filter) {
    std::vector<Named> result;
    for (const auto& role : filter.children) {
        result.push_back(named(*role));
    }
    return result;
}

// The metric and tiers of `rate [graduated] by` or `amount by`, from the
// node holding them (the metric is its child `next`, the tiers follow).
void Builder::tiers(Rate& rate, const Node& tiers, std::size_t next) {
    rate.form = Rate::Form::tiers;
    rate.metric = expr(*tiers.children.at(next));
    for (std::size_t i = next + 1; i < tiers.children.size(); ++i) {
        const Node& t = *tiers.children[i];
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
}

Rate Builder::rate(const Node& clause) {
    Rate rate;
    rate.pos = pos_of(clause);
    const Node& first = *clause.children.at(0);
    if (first.is_type<rate_tiers>()) {
        rate.graduated = first.children.at(0)->is_type<graduated_marker>();
        tiers(rate, first, rate.graduated ? 1 : 0);
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
        set(n);
    } else if (n.is_type<parameter_declaration>()) {
        parameter(n);
    } else if (n.is_type<field_declaration>()) {
        declared_field_of(n);
    } else if (n.is_type<attribution_declaration>()) {
        attribution(n);
    } else if (n.is_type<exclusions_declaration>()) {
        exclusions(n);
    } else if (n.is_type<line_rule>()) {
        program_.rules.push_back(build_rule(n));
    } else if (n.is_type<clawback_declaration>()) {
        clawback(n);
    } else if (n.is_type<benefits_declaration>()) {
        benefits(n);
    } else if (n.is_type<withdrawal_declaration>()) {
        withdrawal(n);
    }
}

void Builder::set(const Node& n) {
    NamedSet set{named(*n.children.at(0)), {}};
    for (const auto& item : n.children.at(1)->children) {
        set.items.push_back(unquote(trimmed(*item)));
    }
    program_.sets.push_back(std::move(set));
}

void Builder::parameter(const Node& n) {
    Parameter p;
    p.name = named(*n.children.at(0));
    const bool negative = n.children.at(1)->is_type<negative_sign>();
    const Node& literal = *n.children.at(negative ? 2 : 1);
    p.value = build(literal);
    p.text = std::string(trimmed(literal));
    if (negative) {
        const ExprKind kind = p.value->kind;
        if (kind != ExprKind::number && kind != ExprKind::percent && kind != ExprKind::money) {
            error(pos_of(literal), "only a number, a percentage or money can be negative");
        }
        p.value->number = Decimal{} - p.value->number;
        p.text = "-" + p.text;
    }
    program_.parameters.push_back(std::move(p));
}

void Builder::declared_field_of(const Node& n) {
    FieldDeclaration field;
    field.pos = pos_of(n);
    const Node& path = *n.children.at(0);
    const std::string_view text = trimmed(path);
    const std::size_t dot = text.find('.');
    SourcePos object_pos = pos_of(path);
    SourcePos member_pos = object_pos;
    object_pos.length = static_cast<std::uint32_t>(dot);
    member_pos.column += static_cast<std::uint32_t>(dot + 1);
    member_pos.length = static_cast<std::uint32_t>(text.size() - dot - 1);
    field.object = Named{std::string(text.substr(0, dot)), object_pos};
    field.name = Named{std::string(text.substr(dot + 1)), member_pos};
    const std::string_view kind = trimmed(*n.children.at(1));
    field.type = kind == "text"     ? ExtraType::text
                 : kind == "bool"   ? ExtraType::boolean
                 : kind == "number" ? ExtraType::number
                 : kind == "time"   ? ExtraType::time
                                    : ExtraType::money;
    if (n.children.size() > 2) {
        field.currency_name = named(*n.children[2]);
    }
    program_.fields.push_back(std::move(field));
}

void Builder::attribution(const Node& n) {
    for (const auto& m : n.children) {
        if (m->is_type<model_roles>()) { // `for ROLE, ...` after the model before it
            program_.attribution.back().roles = roles(*m);
            continue;
        }
        Attribution a{AttributionModel::attach, pos_of(*m), {}, 0, {}};
        if (m->is_type<model_signup_link>()) {
            a.model = AttributionModel::signup_link;
        } else if (m->is_type<model_signup_partner>()) {
            a.model = AttributionModel::signup_partner;
        } else if (m->is_type<model_promo_code>()) {
            a.model = AttributionModel::promo_code;
        } else if (m->is_type<model_payment_partner>()) {
            a.model = AttributionModel::payment_partner;
        } else if (m->is_type<model_last_click>() || m->is_type<model_first_click>()) {
            a.model = m->is_type<model_last_click>() ? AttributionModel::last_click
                                                     : AttributionModel::first_click;
            const Node& window = *m->children.at(0);
            const std::string_view text = trimmed(window);
            if (text.find("month") != std::string_view::npos ||
                text.find("year") != std::string_view::npos) {
                a.window_months = months(window, text);
            } else {
                a.window = duration(window, text);
            }
        }
        program_.attribution.push_back(std::move(a));
    }
}

void Builder::exclusions(const Node& n) {
    ExclusionList list;
    list.pos = pos_of(n);
    for (const auto& c : n.children) {
        if (c->is_type<role_filter>()) {
            list.roles = roles(*c);
            continue;
        }
        const Node& body = *c->children.at(1);
        if (body.is_type<library_ref>()) {
            list.items.push_back(Exclusion{named(*c->children.at(0)), nullptr, named(body)});
        } else {
            list.items.push_back(Exclusion{named(*c->children.at(0)), expr(body), std::nullopt});
        }
    }
    program_.exclusions.push_back(std::move(list));
}

void Builder::clawback(const Node& n) {
    ClawbackRule rule;
    rule.name = named(*n.children.at(0));
    rule.event = named(*n.children.at(1));
    const Node* policy = n.children.at(2).get();
    if (policy->is_type<clawback_condition>()) {
        rule.condition = expr(*policy->children.at(0));
        policy = n.children.at(3).get();
    }
    rule.policy = policy->is_type<policy_whole_once>() ? ClawbackRule::Policy::whole_once
                  : policy->is_type<policy_keep>()     ? ClawbackRule::Policy::keep
                                                       : ClawbackRule::Policy::proportional;
    program_.clawbacks.push_back(std::move(rule));
}

void Builder::benefits(const Node& n) {
    Benefits benefits;
    benefits.rule = named(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        const Node& item = *n.children[i];
        benefits.items.push_back(Benefit{named(*item.children.at(0)), expr(*item.children.at(1))});
    }
    program_.benefits.push_back(std::move(benefits));
}

void Builder::withdrawal(const Node& n) {
    WithdrawalPolicy policy;
    policy.pos = pos_of(n);
    for (const auto& c : n.children) {
        if (!c->is_type<check_clause>()) {
            policy.due_by = expr(*c->children.at(0));
            policy.due_by_pos = pos_of(*c);
            continue;
        }
        const Node& body = *c->children.at(1);
        if (body.is_type<library_ref>()) {
            policy.checks.push_back(Check{named(*c->children.at(0)), nullptr, named(body)});
        } else {
            policy.checks.push_back(Check{named(*c->children.at(0)), expr(body), std::nullopt});
        }
    }
    program_.withdrawal = std::move(policy);
}

namespace {

// How a clause is named in messages: its leading words.
std::string clause_name(const Node& clause) {
    const std::string_view text = trimmed(clause);
    const std::string_view first = text.substr(0, text.find_first_of(" \t\r\n\v\f"));
    if (first == "available") {
        return "available at";
    }
    if (first == "once") {
        return "once per partner";
    }
    if (first == "paid") {
        return clause.is_type<to_clause>() ? "paid to" : "paid via";
    }
    return std::string(first);
}

} // namespace

// `nodes` of one kind each said twice are reported: "WHAT a second `NAME`".
void Builder::report_repeats(const std::vector<const Node*>& nodes, std::string_view what) {
    for (std::size_t i = 0; i < nodes.size(); ++i) {
        for (std::size_t k = 0; k < i; ++k) {
            if (nodes[k]->type != nodes[i]->type) {
                continue;
            }
            const std::string name = clause_name(*nodes[i]);
            SourcePos at = pos_of(*nodes[i]);
            at.length = static_cast<std::uint32_t>(name.size());
            SourcePos first_at = pos_of(*nodes[k]);
            first_at.length = at.length;
            error(at, fmt::format("{} a second `{}`", what, name),
                  "keep the one the terms say and remove the other",
                  {Related{first_at, fmt::format("the first `{}`", name)}});
        }
    }
}

void Builder::single_clauses(const Node& n, std::size_t first, std::string_view what) {
    std::vector<const Node*> clauses;
    for (std::size_t i = first; i < n.children.size(); ++i) {
        if (n.children[i]->is_type<terms_version>()) {
            break; // a version restates clauses: it is checked on its own
        }
        clauses.push_back(n.children[i].get());
    }
    report_repeats(clauses, what);
}

LineRule Builder::build_rule(const Node& n) {
    LineRule rule;
    rule.also = n.children.at(0)->is_type<also_marker>();
    const std::size_t first = rule.also ? 1 : 0; // the line kind
    const std::string_view kind = trimmed(*n.children.at(first));
    rule.kind = kind == "commission"      ? LineKind::commission
                : kind == "discount"      ? LineKind::discount
                : kind == "welcome_bonus" ? LineKind::welcome_bonus
                                          : LineKind::customer_bonus;
    rule.name = named(*n.children.at(first + 1));
    const Named event = named(*n.children.at(first + 2));
    rule.event_pos = event.pos;
    rule.event = event.name == "signup" ? EventKind::signup : EventKind::payment;
    rule.event_name = event.name;
    single_clauses(n, first + 3, fmt::format("the rule `{}` has", rule.name.name));
    std::vector<const Node*> clauses;
    for (std::size_t i = first + 3; i < n.children.size(); ++i) {
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
        const Node& value = *clause.children.at(0);
        if (value.is_type<amount_tiers>()) {
            Rate& amounts = rule.amount_by.emplace();
            amounts.pos = pos_of(clause);
            tiers(amounts, value, 0);
        } else {
            rule.amount = expr(value);
        }
    } else if (clause.is_type<available_clause>()) {
        rule.available_at = expr(*clause.children.at(0));
    } else if (clause.is_type<once_clause>()) {
        const bool per_customer =
            !clause.children.empty() && clause.children[0]->is_type<once_customer>();
        (per_customer ? rule.once_per_customer : rule.once_per_partner) = true;
    } else if (clause.is_type<period_clause>()) {
        PeriodSpec period;
        period.pos = pos_of(clause);
        const Node& kind = *clause.children.at(0);
        if (kind.is_type<rolling_days>()) {
            period.kind = PeriodSpec::Kind::rolling_days;
            period.length = duration(*kind.children.at(0), trimmed(*kind.children.at(0)));
            period.anchor = expr(*kind.children.at(1));
        }
        rule.period = std::move(period);
    } else if (clause.is_type<via_clause>()) {
        rule.via_name = named(*clause.children.at(0));
    } else if (clause.is_type<to_clause>()) {
        const Named path = named(*clause.children.at(0));
        rule.to = path;
        rule.to_parents =
            static_cast<std::uint32_t>(std::count(path.name.begin(), path.name.end(), '.'));
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
    single_clauses(
        version, first_clause,
        fmt::format("the terms from {} of rule `{}` have", v.first_day.name, rule.name.name));
    const auto restated = [&](const auto... kinds) {
        for (std::size_t i = first_clause; i < version.children.size(); ++i) {
            if ((version.children[i]->template is_type<std::remove_cvref_t<decltype(kinds)>>() ||
                 ...)) {
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
        const bool per_customer = !c.children.empty() && c.children[0]->is_type<once_customer>();
        const char* rule_only = c.is_type<once_clause>()
                                    ? (per_customer ? "once per customer" : "once per partner")
                                : c.is_type<period_clause>() ? "period"
                                : c.is_type<via_clause>()    ? "paid via"
                                : c.is_type<to_clause>()     ? "paid to"
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

// Settings and declarations a program has once: a second would replace the first.
void Builder::single_declarations(const Node& root) {
    std::vector<const Node*> nodes;
    for (const auto& child : root.children) {
        const Node& n = *child;
        if (n.is_type<currency_setting>() || n.is_type<time_zone_setting>() ||
            n.is_type<roles_setting>() || n.is_type<rounding_setting>() ||
            n.is_type<withdrawal_declaration>()) {
            nodes.push_back(&n);
        }
    }
    report_repeats(nodes, "the program has");
}

void Builder::build_file(const Node& root) {
    single_declarations(root);
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

} // namespace accrue::grammar
