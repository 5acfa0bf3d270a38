#include "lsp/features.hpp"

#include "grammar/libraries.hpp"
#include "interpreter/ledger/fields.hpp"
#include "lsp/keywords.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <fstream>

namespace accrue::lsp {
namespace {

std::string_view type_name(const LedgerField& f) {
    switch (f.type) {
    case FieldType::text:
        return "text";
    case FieldType::time:
        return "time";
    case FieldType::boolean:
        return "bool";
    case FieldType::number:
        return "number";
    case FieldType::money_of_payment:
        return "money of the payment";
    case FieldType::money_of_payout:
        return "money of the payout";
    }
    return "";
}

const NamedSet* set_named(const Program& p, std::string_view name) {
    for (const NamedSet& s : p.sets) {
        if (s.name.name == name) {
            return &s;
        }
    }
    return nullptr;
}

const LineRule* rule_named(const Program& p, std::string_view name) {
    for (const LineRule& r : p.rules) {
        if (r.name.name == name) {
            return &r;
        }
    }
    return nullptr;
}

std::string describe_rule(const LineRule& r) {
    std::vector<std::string> roles;
    for (const Named& role : r.roles) {
        roles.push_back(role.name);
    }
    std::string text =
        fmt::format("**{}** `{}` on {}{}", line_kind_name(r.kind), r.name.name, r.event_name,
                    roles.empty() ? "" : fmt::format(" for {}", fmt::join(roles, ", ")));
    if (r.rate) {
        const Rate& rate = *r.rate;
        text += rate.form == Rate::Form::tiers ? fmt::format("\n\n{} tiers{}", rate.tiers.size(),
                                                             rate.graduated ? ", graduated" : "")
                : rate.form == Rate::Form::cases
                    ? fmt::format("\n\n{} rate cases", rate.cases.size())
                    : "\n\na fixed rate";
    }
    if (r.amount_by) {
        text += fmt::format("\n\n{} tiers of amounts", r.amount_by->tiers.size());
    }
    if (r.period) {
        text += "\n\nresolved per period";
    }
    if (r.via_name) {
        text += fmt::format("\n\npaid via {}", r.via_name->name);
    }
    if (r.to) {
        text += fmt::format("\n\npaid to {}", r.to->name);
    }
    if (!r.versions.empty()) {
        text += fmt::format("\n\n{} versions of its terms", r.versions.size());
    }
    return text;
}

// `NAME from LIBRARY` at the word: the library and the line of its text
// that defines NAME (0-based), if the library has one.
struct LibraryDefinition {
    std::string library;
    std::string_view text;
    std::size_t line = 0;
    std::string_view definition;
};
std::optional<LibraryDefinition> library_definition(const Document& d, const Word& w) {
    const std::size_t end = w.begin + w.text.size();
    const std::size_t line_end = d.text.find('\n', end);
    const std::string_view rest = std::string_view(d.text).substr(
        end, line_end == std::string::npos ? line_end : line_end - end);
    constexpr std::string_view from = " from ";
    if (!rest.starts_with(from)) {
        return std::nullopt;
    }
    std::string library(rest.substr(from.size()));
    library = library.substr(0, library.find_first_of(" \t#"));
    const std::string_view* text = grammar::stdlib_source(library);
    if (text == nullptr) {
        return std::nullopt;
    }
    std::size_t line = 0;
    for (std::size_t at = 0; at < text->size(); ++line) {
        const std::size_t next = text->find('\n', at);
        const std::string_view row =
            text->substr(at, next == std::string_view::npos ? next : next - at);
        if ((row.starts_with("exclusion ") || row.starts_with("check ")) &&
            row.find(" " + w.text) != std::string_view::npos) {
            return LibraryDefinition{library, *text, line, row};
        }
        at = next == std::string_view::npos ? text->size() : next + 1;
    }
    return std::nullopt;
}

// The line of the document a name is declared on, as written.
std::string_view source_line(const Document& d, std::uint32_t line) {
    std::size_t at = 0;
    for (std::uint32_t n = 1; n < line && at != std::string::npos; ++n) {
        at = d.text.find('\n', at);
        at = at == std::string::npos ? at : at + 1;
    }
    if (at == std::string::npos) {
        return {};
    }
    const std::size_t end = d.text.find('\n', at);
    const std::string_view row =
        std::string_view(d.text).substr(at, end == std::string::npos ? end : end - at);
    return row.substr(std::min(row.size(), row.find_first_not_of(' ')));
}

// A parameter, exclusion, check or benefit the program declares: its line.
std::string declared_name_text(const Document& d, const Program& p, std::string_view name) {
    const auto shown = [&](std::string_view what, const Named& n) {
        return fmt::format("{} `{}` (line {}):\n\n```accrue\n{}\n```", what, name, n.pos.line,
                           source_line(d, n.pos.line));
    };
    for (const Parameter& parameter : p.parameters) {
        if (parameter.name.name == name) {
            return shown("parameter: its default, which `--set` may replace for a run",
                         parameter.name);
        }
    }
    for (const ExclusionList& list : p.exclusions) {
        for (const Exclusion& e : list.items) {
            if (e.name.name == name) {
                return shown("exclusion: a payment it holds for is excluded with this reason",
                             e.name);
            }
        }
    }
    if (p.withdrawal && !p.withdrawal->implied) {
        for (const Check& c : p.withdrawal->checks) {
            if (c.name.name == name) {
                return shown("withdrawal check: every request and the as-of eligibility list it",
                             c.name);
            }
        }
    }
    for (const Benefits& b : p.benefits) {
        for (const Benefit& benefit : b.items) {
            if (benefit.name.name == name) {
                return shown("benefit: unlocked for a closed period", benefit.name);
            }
        }
    }
    return {};
}

// A currency code, or a number that starts a literal (`50.00 USD`, `10%`,
// `30 days`): what it means.
std::string literal_text(const Document& d, const Word& w) {
    if (w.text.size() == 3 &&
        std::all_of(w.text.begin(), w.text.end(), [](char c) { return c >= 'A' && c <= 'Z'; })) {
        if (const auto c = Currency::from_code(w.text)) {
            return fmt::format("`{}`: an ISO 4217 currency, {} minor digits: money is written "
                               "`30.{} {}`, exact to the minor unit",
                               w.text, c->minor_units(), std::string(c->minor_units(), '0'),
                               w.text);
        }
        return {};
    }
    if (w.text.empty() || !std::isdigit(static_cast<unsigned char>(w.text.front()))) {
        return {};
    }
    const std::string_view rest = std::string_view(d.text).substr(w.begin + w.text.size());
    const std::size_t next = rest.find_first_not_of(' ');
    const std::string_view after = next == std::string_view::npos ? "" : rest.substr(next);
    if (after.starts_with("%")) {
        return fmt::format("a percent: {}% is {} / 100, exact", w.text, w.text);
    }
    if (after.size() >= 3 && Currency::from_code(after.substr(0, 3)) &&
        (after.size() == 3 || !std::isalnum(static_cast<unsigned char>(after[3])))) {
        return fmt::format("money: {} {}, an exact decimal (never a float), rounded only where "
                           "the program says",
                           w.text, after.substr(0, 3));
    }
    return fmt::format("a number: {}, an exact decimal", w.text);
}

// The hover text of a word, or empty.
std::string hover_text(const Document& d, const Word& w) {
    if (const auto defined = library_definition(d, w)) {
        return fmt::format("`{}` from library `{}`:\n\n```accrue\n{}\n```", w.text,
                           defined->library, defined->definition);
    }
    const bool number = !w.text.empty() && std::isdigit(static_cast<unsigned char>(w.text[0]));
    if (const auto dot = w.text.find('.'); dot != std::string::npos && !number) {
        const std::string_view object = std::string_view(w.text).substr(0, dot);
        const std::string_view name = std::string_view(w.text).substr(dot + 1);
        for (const LedgerField& f : ledger_fields()) {
            if (f.object == object && f.name == name) {
                return fmt::format("`{}`: {}{}\n\n{}", w.text, type_name(f),
                                   f.optional ? ", may be absent" : "", f.meaning);
            }
        }
        if (d.analysis.program) {
            for (const FieldDeclaration& f : d.analysis.program->fields) {
                if (f.object.name == object && f.name.name == name) {
                    return fmt::format("`{}`: an extra field declared on line {}, may be absent",
                                       w.text, f.pos.line);
                }
            }
        }
        return {};
    }
    if (d.analysis.program) {
        const Program& p = *d.analysis.program;
        if (const NamedSet* s = set_named(p, w.text)) {
            return fmt::format("set `{}` = {{\"{}\"}}", w.text, fmt::join(s->items, "\", \""));
        }
        if (const LineRule* r = rule_named(p, w.text)) {
            return describe_rule(*r);
        }
        if (const std::string named = declared_name_text(d, p, w.text); !named.empty()) {
            return named;
        }
    }
    if (const std::string_view* library = grammar::stdlib_source(w.text)) {
        return fmt::format("library `{}` of stdlib/:\n\n```accrue\n{}```", w.text, *library);
    }
    if (const Keyword* k = keyword(w.text)) {
        return std::string(k->meaning);
    }
    if (const Keyword* k = language_word(w.text)) {
        return std::string(k->meaning);
    }
    return literal_text(d, w);
}

} // namespace

json hover(const Document& d, const LineIndex& lines, std::size_t offset) {
    const Word w = word_at(d.text, offset);
    const std::string text = hover_text(d, w);
    if (text.empty()) {
        return nullptr;
    }
    const std::string before = d.text.substr(0, w.begin);
    const auto line =
        static_cast<std::uint32_t>(std::count(before.begin(), before.end(), '\n') + 1);
    const auto column = static_cast<std::uint32_t>(w.begin - (before.rfind('\n') + 1) + 1);
    return {
        {"contents", {{"kind", "markdown"}, {"value", text}}},
        {"range", lines.range(SourcePos{line, column, static_cast<std::uint32_t>(w.text.size())})}};
}

json definition(const Document& d, const LineIndex& lines, std::size_t offset) {
    const Word w = word_at(d.text, offset);
    if (d.analysis.program) {
        const Program& p = *d.analysis.program;
        if (const NamedSet* s = set_named(p, w.text)) {
            return {{"uri", d.uri}, {"range", lines.range(s->name.pos)}};
        }
        if (const LineRule* r = rule_named(p, w.text)) {
            return {{"uri", d.uri}, {"range", lines.range(r->name.pos)}};
        }
    }
    // A library, or a definition taken from one: its text, written where an
    // editor can open it.
    const auto defined = library_definition(d, w);
    const std::string library = defined ? defined->library : w.text;
    const std::string_view* text = grammar::stdlib_source(library);
    if (text == nullptr) {
        return nullptr;
    }
    const auto folder = std::filesystem::temp_directory_path() / "accrue-stdlib";
    std::filesystem::create_directories(folder);
    const auto file = folder / (library + ".accrue");
    std::ofstream(file, std::ios::binary) << *text;
    const std::size_t line = defined ? defined->line : 0;
    return {{"uri", uri_of_path(file.string())},
            {"range",
             {{"start", {{"line", line}, {"character", 0}}},
              {"end", {{"line", line}, {"character", 0}}}}}};
}

} // namespace accrue::lsp
