// `import LIBRARY` and `NAME from LIBRARY`: the libraries of stdlib/, parsed
// and their definitions copied where programs use them.
#include "grammar/libraries.hpp"

#include "grammar/builder.hpp"
#include "grammar/lexer.hpp"
#include "grammar/parse.hpp"
#include "grammar/stdlib_sources.hpp"
#include "interpreter/diagnostics/suggest.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <map>

namespace accrue::grammar {
namespace {

Library parse_library(const SourceFile& source) {
    tao::pegtl::memory_input input(source.text, source.path);
    try {
        auto root =
            pt::parse<grammar::library_file, selector, tao::pegtl::nothing, grammar::control>(
                input);
        Program scratch;
        return Builder(scratch).build_library(*root);
    } catch (const tao::pegtl::parse_error& error) {
        throw syntax_error(source, error.positions().front().byte, std::string(error.message()),
                           dynamic_cast<const grammar::mistake_error*>(&error) != nullptr);
    }
}

// The imported libraries, their sets added to the program's.
class Imports {
  public:
    Imports(Program& program, std::vector<Diagnostic>& errors)
        : program_(program), errors_(errors) {}

    void load();
    // The library's definition of `name`, placed at the use; null (reported) when none.
    ExprPtr definition(const Named& name, const Named& from, const char* kind,
                       const std::vector<std::pair<std::string, ExprPtr>> Library::*definitions);

  private:
    Program& program_;
    std::vector<Diagnostic>& errors_;
    std::map<std::string, Library> loaded_;
};

void Imports::load() {
    std::vector<std::string> available;
    for (const auto& [name, text] : stdlib_sources) {
        available.emplace_back(name);
    }
    for (const Named& import : program_.header.imports) {
        const std::string_view* text = stdlib_source(import.name);
        if (text == nullptr) {
            const std::string suggestion = closest(import.name, available);
            errors_.push_back({import.pos, fmt::format("unknown library `{}`", import.name),
                               suggestion.empty() ? fmt::format("the libraries of stdlib/ are: {}",
                                                                fmt::join(available, ", "))
                                                  : fmt::format("did you mean `{}`?", suggestion)});
            continue;
        }
        Library library =
            parse_library(SourceFile{"stdlib/" + import.name + ".accrue", std::string(*text)});
        for (NamedSet& set : library.sets) {
            program_.sets.push_back(std::move(set));
        }
        library.sets.clear();
        loaded_.emplace(import.name, std::move(library));
    }
}

ExprPtr
Imports::definition(const Named& name, const Named& from, const char* kind,
                    const std::vector<std::pair<std::string, ExprPtr>> Library::*definitions) {
    const auto library = loaded_.find(from.name);
    if (library == loaded_.end()) {
        errors_.push_back(
            {from.pos, fmt::format("the library `{}` is not imported", from.name),
             fmt::format("add `import {}` after the program's header settings", from.name)});
        return nullptr;
    }
    std::vector<std::string> names;
    for (const auto& [defined, condition] : library->second.*definitions) {
        if (defined == name.name) {
            return copy_at(*condition, name.pos);
        }
        names.push_back(defined);
    }
    const std::string suggestion = closest(name.name, names);
    errors_.push_back(
        {name.pos, fmt::format("the library `{}` has no {} `{}`", from.name, kind, name.name),
         suggestion.empty() ? fmt::format("its {}s are: {}", kind, fmt::join(names, ", "))
                            : fmt::format("did you mean `{}`?", suggestion)});
    return nullptr;
}

// Replaces each `NAME from LIBRARY` with the library's definition.
void resolve_library_uses(Program& program, const SourceFile& source) {
    std::vector<Diagnostic> errors;
    Imports imports(program, errors);
    imports.load();
    for (ExclusionList& list : program.exclusions) {
        for (Exclusion& exclusion : list.items) {
            if (exclusion.from) {
                exclusion.condition = imports.definition(exclusion.name, *exclusion.from,
                                                         "exclusion", &Library::exclusions);
            }
        }
    }
    if (program.withdrawal) {
        for (Check& check : program.withdrawal->checks) {
            if (check.from) {
                check.condition =
                    imports.definition(check.name, *check.from, "check", &Library::checks);
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
    Library standard =
        parse_library(SourceFile{"stdlib/standard.accrue", std::string(*stdlib_source(library))});
    const SourcePos at = program.header.program.pos;
    WithdrawalPolicy policy;
    policy.pos = at;
    policy.implied = true;
    for (const auto& [name, condition] : standard.checks) {
        policy.checks.push_back(
            Check{Named{name, at}, copy_at(*condition, at), Named{std::string(library), at}});
    }
    program.withdrawal = std::move(policy);
}

} // namespace

const std::string_view* stdlib_source(std::string_view name) {
    for (const auto& [library, text] : stdlib_sources) {
        if (library == name) {
            return &text;
        }
    }
    return nullptr;
}

bool is_library_text(std::string_view text) {
    bool library = false;
    bool decided = false;
    for_each_lexeme(text, [&](const Lexeme& lexeme) {
        if (!decided && !is_layout(lexeme.kind)) {
            library = text.substr(lexeme.begin, lexeme.end - lexeme.begin) == "library";
            decided = true;
        }
    });
    return library;
}

Program library_as_program(const SourceFile& source) {
    check_limits(source);
    Library library = parse_library(source);
    const SourcePos top{1, 1, 1};
    Program program;
    program.file = source.path;
    program.header.program = Named{"library_check", top};
    // Any program may import it: the payout currency is left open, as with
    // `currency partner default USD`, so that a definition naming one
    // currency without converting is reported.
    program.header.currency_name = Named{"USD", top};
    program.header.partner_currency = true;
    program.header.time_zone = Named{"UTC", top};
    program.header.roles.push_back(Named{"referral", top});
    program.sets = std::move(library.sets);
    ExclusionList exclusions;
    exclusions.pos = top;
    for (auto& [name, condition] : library.exclusions) {
        const SourcePos at = condition->pos;
        exclusions.items.push_back(Exclusion{Named{name, at}, std::move(condition), std::nullopt});
    }
    if (!exclusions.items.empty()) {
        program.exclusions.push_back(std::move(exclusions));
    }
    WithdrawalPolicy policy;
    policy.pos = top;
    for (auto& [name, condition] : library.checks) {
        const SourcePos at = condition->pos;
        policy.checks.push_back(Check{Named{name, at}, std::move(condition), std::nullopt});
    }
    program.withdrawal = std::move(policy);
    return program;
}

void use_libraries(Program& program, const SourceFile& source) {
    resolve_library_uses(program, source);
    add_default_withdrawal(program);
}

} // namespace accrue::grammar
