#include "grammar/parameters.hpp"

#include "grammar/builder.hpp"
#include "interpreter/diagnostics/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <array>

namespace accrue {
namespace {

using namespace grammar;

// Names the language gives a meaning: a parameter cannot take one.
constexpr std::array<std::string_view, 4> language_names{"partner", "balance", "paying_customers",
                                                         "paid_via_total"};

// What a literal is, in a user's words.
std::string kind_of(const Expr& e) {
    switch (e.kind) {
    case ExprKind::number:
        return "a number";
    case ExprKind::percent:
        return "a percentage";
    case ExprKind::money:
        return fmt::format("money in {}", e.currency.code_view());
    case ExprKind::duration:
        return "a duration";
    case ExprKind::calendar:
        return "a calendar amount";
    case ExprKind::text:
        return "text";
    case ExprKind::boolean:
        return "true or false";
    default:
        return "a value";
    }
}

// The value text of a setting, parsed as the literal of a parameter's
// default is; null (with `why`) when it is not one.
ExprPtr parse_value(const std::string& text, std::string& why) {
    tao::pegtl::memory_input input(text, "--set");
    try {
        auto root =
            pt::parse<seq<parameter_value, eof>, selector, tao::pegtl::nothing, control>(input);
        if (!root || root->children.empty()) {
            why = "not a value";
            return nullptr;
        }
        Program scratch;
        Builder builder(scratch);
        const Node& first = *root->children.front();
        const bool negative = first.is_type<negative_sign>();
        const Node& literal = *root->children.at(negative ? 1 : 0);
        ExprPtr value = builder.literal_value(literal);
        if (builder.has_errors()) {
            why = builder.take_errors().front().message;
            return nullptr;
        }
        if (negative) {
            value->number = Decimal{} - value->number;
        }
        return value;
    } catch (const tao::pegtl::parse_error& error) {
        why = std::string(error.message());
        return nullptr;
    }
}

void check_declarations(const Program& program, const SourceFile& source) {
    std::vector<Diagnostic> errors;
    for (std::size_t i = 0; i < program.parameters.size(); ++i) {
        const Named& name = program.parameters[i].name;
        for (std::size_t j = 0; j < i; ++j) {
            if (program.parameters[j].name.name == name.name) {
                errors.push_back(
                    {name.pos,
                     fmt::format("the parameter `{}` is declared twice", name.name),
                     "give each parameter its own name",
                     {Related{program.parameters[j].name.pos, "first declared here"}}});
            }
        }
        for (const NamedSet& set : program.sets) {
            if (set.name.name == name.name) {
                errors.push_back({name.pos,
                                  fmt::format("`{}` is both a set and a parameter", name.name),
                                  "give the parameter another name"});
            }
        }
        if (std::find(language_names.begin(), language_names.end(), name.name) !=
            language_names.end()) {
            errors.push_back({name.pos,
                              fmt::format("`{}` is a name of the language: a parameter cannot "
                                          "take it",
                                          name.name),
                              fmt::format("choose another, such as `my_{}`", name.name)});
        }
    }
    if (!errors.empty()) {
        throw ProgramError(source, std::move(errors));
    }
}

void set_value(Program& program, const ParameterSetting& setting) {
    const auto it = std::find_if(program.parameters.begin(), program.parameters.end(),
                                 [&](const Parameter& p) { return p.name.name == setting.name; });
    if (it == program.parameters.end()) {
        std::vector<std::string> names;
        for (const Parameter& p : program.parameters) {
            names.push_back(p.name.name);
        }
        const std::string near = closest(setting.name, names);
        throw SettingError(fmt::format(
            "{} {}={}: the program has no parameter `{}`{}", setting.option, setting.name,
            setting.value, setting.name,
            !near.empty()   ? fmt::format(" (did you mean `{}`?)", near)
            : names.empty() ? std::string(": it declares none")
                            : fmt::format(": its parameters are {}", fmt::join(names, ", "))));
    }
    std::string why;
    ExprPtr value = parse_value(setting.value, why);
    if (!value) {
        throw SettingError(fmt::format("{} {}={}: {}; `{}` is {}, such as `{}`", setting.option,
                                       setting.name, setting.value, why, setting.name,
                                       kind_of(*it->value), it->text));
    }
    const bool same_kind =
        value->kind == it->value->kind &&
        (value->kind != ExprKind::money || value->currency == it->value->currency);
    if (!same_kind) {
        throw SettingError(fmt::format("{} {}={}: `{}` is {} (its default is `{}`), not {}",
                                       setting.option, setting.name, setting.value, setting.name,
                                       kind_of(*it->value), it->text, kind_of(*value)));
    }
    it->value = std::move(value);
    it->text = setting.value;
    it->set = true;
}

// Each use of a parameter's name becomes a copy of its value.
void substitute(ExprPtr& e, const Program& program) {
    if (!e) {
        return;
    }
    if (e->kind == ExprKind::name) {
        for (const Parameter& p : program.parameters) {
            if (p.name.name == e->text) {
                e = copy_at(*p.value, e->pos);
                return;
            }
        }
    }
    for (ExprPtr& arg : e->args) {
        substitute(arg, program);
    }
}

} // namespace

ParameterSetting parse_setting(const std::string& text, const std::string& option) {
    const std::size_t equals = text.find('=');
    if (equals == std::string::npos) {
        throw SettingError(
            fmt::format("{} {}: write NAME=VALUE, such as {} top_rate=12%", option, text, option));
    }
    ParameterSetting setting{text.substr(0, equals), text.substr(equals + 1), option};
    if (setting.name.empty()) {
        throw SettingError(
            fmt::format("{} {}: the parameter's name is missing before `=`", option, text));
    }
    return setting;
}

void apply_parameters(Program& program, const SourceFile& source,
                      const std::vector<ParameterSetting>& settings) {
    check_declarations(program, source);
    for (const ParameterSetting& setting : settings) {
        set_value(program, setting);
    }
    if (program.parameters.empty()) {
        return;
    }
    for_each_root(program, [&](ExprPtr& root) { substitute(root, program); });
}

} // namespace accrue
