#include "interpreter/check/declarations.hpp"

#include "interpreter/diagnostics/suggest.hpp"

#include <date/tz.h>
#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <set>

namespace accrue::checking {

std::optional<Currency> Declarations::currency_named(const Named& code) {
    auto currency = Currency::from_code(code.name);
    if (!currency) {
        error(code.pos, fmt::format("unknown currency `{}`", code.name),
              "currencies are ISO 4217 codes in upper case, such as USD, EUR, UAH, RUB");
    }
    return currency;
}

void Declarations::header() {
    Header& h = program_.header;
    const SourcePos at_program = h.program.pos;
    if (!h.currency_name) {
        error(at_program, "the program has no payout currency",
              "add `currency UAH` (or `currency partner default USD`) after `program`");
    } else if (auto currency = currency_named(*h.currency_name)) {
        h.currency = *currency;
    }
    time_zone();
    if (h.roles.empty()) {
        error(at_program, "the program lists no partner roles",
              "add `roles referral` (the first role is the default)");
    }
    std::map<std::string, SourcePos> seen;
    for (const Named& role : h.roles) {
        unique(role, seen, "role");
    }
    payout_ = h.partner_currency ? Type::money_of_kind(MoneyOf::payout) : Type::money(h.currency);
    if (!h.currency.valid()) {
        payout_ = Type{}; // reported above; checks that need it are skipped
    }
}

void Declarations::time_zone() {
    const Header& h = program_.header;
    if (!h.time_zone) {
        error(h.program.pos, "the program has no time zone",
              "add `time zone \"Europe/Kyiv\"` (an IANA name) after `program`");
        return;
    }
    if ((zone_ = TimeZone::locate(h.time_zone->name))) {
        return;
    }
    std::vector<std::string> zones;
    for (const auto& zone : date::get_tzdb().zones) {
        zones.emplace_back(zone.name());
    }
    const std::string suggestion = closest(h.time_zone->name, zones);
    error(h.time_zone->pos, fmt::format("unknown time zone \"{}\"", h.time_zone->name),
          suggestion.empty() ? "use an IANA name such as \"Europe/Kyiv\" or \"UTC\""
                             : fmt::format("did you mean \"{}\"?", suggestion));
}

void Declarations::unique(const Named& name, std::map<std::string, SourcePos>& seen,
                          std::string_view what) {
    if (auto [it, inserted] = seen.emplace(name.name, name.pos); !inserted) {
        reporter_.error(name.pos, fmt::format("duplicate {} name `{}`", what, name.name),
                        "names appear in the report and must be unique: rename one of them",
                        {Related{it->second, fmt::format("the first `{}`", name.name)}});
    }
}

void Declarations::roles_exist(const std::vector<Named>& roles) {
    std::vector<std::string> known;
    for (const Named& r : program_.header.roles) {
        known.push_back(r.name);
    }
    for (const Named& role : roles) {
        if (std::find(known.begin(), known.end(), role.name) == known.end()) {
            const std::string suggestion = closest(role.name, known);
            error(role.pos, fmt::format("unknown role `{}`", role.name),
                  suggestion.empty()
                      ? fmt::format("the program's roles are: {}", fmt::join(known, ", "))
                      : fmt::format("did you mean `{}`?", suggestion));
        }
    }
}

void Declarations::sets() {
    std::map<std::string, SourcePos> names;
    for (const NamedSet& set : program_.sets) {
        unique(set.name, names, "set");
        sets_[set.name.name] = &set;
    }
}

// A model may be listed twice only for different roles: `last click within
// 30 days for promoter`, `last click within 90 days for affiliate`.
void Declarations::attribution() {
    std::set<std::pair<AttributionModel, std::string>> given; // (model, role); "" every role
    for (const Attribution& a : program_.attribution) {
        roles_exist(a.roles);
        std::vector<std::string> roles{""};
        if (!a.roles.empty()) {
            roles.clear();
            for (const Named& role : a.roles) {
                roles.push_back(role.name);
            }
        }
        bool twice = false;
        for (const std::string& role : roles) {
            twice = twice || given.contains({a.model, role}) || given.contains({a.model, ""}) ||
                    (role.empty() && std::any_of(given.begin(), given.end(), [&](const auto& g) {
                         return g.first == a.model;
                     }));
        }
        for (const std::string& role : roles) {
            given.insert({a.model, role});
        }
        if (twice) {
            error(a.pos, "this attribution model is listed twice for the same partners",
                  "list a model once, or once per role with `for ROLE`");
        }
        const bool clicks =
            a.model == AttributionModel::last_click || a.model == AttributionModel::first_click;
        if (clicks && a.window.micros <= 0 && a.window_months <= 0) {
            error(a.pos, "the click window must be longer than zero",
                  "write `last click within 30 days`");
        }
    }
}

void Declarations::exclusions() {
    for (ExclusionList& list : program_.exclusions) {
        roles_exist(list.roles);
        std::map<std::string, SourcePos> names;
        for (Exclusion& exclusion : list.items) {
            unique(exclusion.name, names, "exclusion");
            typer().expect(*exclusion.condition, Where{Context::exclusion}, TypeKind::boolean,
                           "an exclusion's condition");
        }
    }
}

void Declarations::benefits(Benefits& b) {
    LineRule* target = nullptr;
    std::vector<std::string> names;
    for (std::size_t i = 0; i < program_.rules.size(); ++i) {
        names.push_back(program_.rules[i].name.name);
        if (program_.rules[i].name.name == b.rule.name) {
            target = &program_.rules[i];
            b.rule_index = i;
        }
    }
    if (target == nullptr) {
        const std::string suggestion = closest(b.rule.name, names);
        error(b.rule.pos, fmt::format("unknown rule `{}`", b.rule.name),
              suggestion.empty() ? "benefits name the rule whose periods unlock them"
                                 : fmt::format("did you mean `{}`?", suggestion));
        return;
    }
    if (!target->period) {
        error(b.rule.pos, fmt::format("the rule `{}` has no period", b.rule.name),
              "benefits are unlocked per period: give the rule `period calendar month`");
        return;
    }
    std::map<std::string, SourcePos> seen;
    for (Benefit& benefit : b.items) {
        unique(benefit.name, seen, "benefit");
        typer().expect(*benefit.condition, Where{Context::benefits, target}, TypeKind::boolean,
                       "a benefit's condition");
    }
}

// Clawback rules are alternatives, tried in order: one without `when`
// decides every refund, so a rule after it would never be tried.
void Declarations::clawback(std::map<std::string, SourcePos>& rule_names) {
    const ClawbackRule* every_refund = nullptr;
    for (ClawbackRule& rule : program_.clawbacks) {
        unique(rule.name, rule_names, "rule");
        if (rule.event.name != "refund") {
            error(rule.event.pos,
                  fmt::format("a clawback is `on refund`, not on `{}`", rule.event.name));
        }
        if (every_refund != nullptr) {
            reporter_.error(
                rule.name.pos,
                fmt::format("the clawback `{}` is never tried: `{}` before it decides every refund",
                            rule.name.name, every_refund->name.name),
                fmt::format("give `{}` a `when`, or remove one of the two",
                            every_refund->name.name),
                {Related{every_refund->name.pos, "decides every refund"}});
        }
        if (rule.condition) {
            typer().expect(*rule.condition, Where{Context::refund}, TypeKind::boolean,
                           "a clawback's `when`");
        } else if (every_refund == nullptr) {
            every_refund = &rule;
        }
    }
}

void Declarations::withdrawal() {
    if (!program_.withdrawal) {
        return;
    }
    const Where where{Context::withdrawal};
    std::map<std::string, SourcePos> names;
    for (Check& check : program_.withdrawal->checks) {
        unique(check.name, names, "check");
        typer().expect(*check.condition, where, TypeKind::boolean, "a check's condition");
    }
    if (program_.withdrawal->due_by) {
        typer().expect(*program_.withdrawal->due_by, where, TypeKind::time, "`due by`");
    }
}

void Declarations::run() {
    header();
    declared_fields();
    sets();
    attribution();
    exclusions();
    std::map<std::string, SourcePos> rule_names;
    for (LineRule& r : program_.rules) {
        unique(r.name, rule_names, "rule");
        rule(r);
    }
    for (Benefits& b : program_.benefits) {
        benefits(b);
    }
    clawback(rule_names);
    withdrawal();
}

} // namespace accrue::checking
