// The limits of interpreter/values/limits.hpp on a program's text, checked
// before any parse: size, UTF-8, nesting (brackets and prefix operators, so
// that no input can exhaust the parser's stack), name lengths.
#include "grammar/lexer.hpp"
#include "grammar/parse.hpp"
#include "interpreter/values/limits.hpp"
#include "interpreter/values/utf8.hpp"

#include <fmt/format.h>

namespace accrue {
namespace {

using namespace grammar;

// Brackets open at once plus prefix operators in a row (`- - x`,
// `not not x`, `sum of sum of ...`): what the parser recurses on.
class NestingScan {
  public:
    explicit NestingScan(std::string_view text) : text_(text) {}

    std::optional<Diagnostic> first_problem() {
        std::optional<Diagnostic> found;
        for_each_lexeme(text_, [&](const Lexeme& lexeme) {
            if (!found) {
                found = visit(lexeme);
            }
        });
        return found;
    }

  private:
    std::optional<Diagnostic> visit(const Lexeme& lexeme) {
        const std::string_view token = text_.substr(lexeme.begin, lexeme.end - lexeme.begin);
        if (is_layout(lexeme.kind)) {
            return std::nullopt;
        }
        if (lexeme.kind == LexemeKind::word && token.size() > limits::max_name_bytes) {
            return problem(lexeme,
                           fmt::format("a name is longer than {} bytes", limits::max_name_bytes),
                           "use a shorter name");
        }
        const bool opens = token == "(" || token == "{";
        const bool prefix = token == "-" || token == "not" || token == "sum";
        if (opens) {
            ++brackets_;
        } else if ((token == ")" || token == "}") && brackets_ > 0) {
            --brackets_;
        }
        if (prefix) {
            ++prefixes_;
        } else if (token != "of") {
            prefixes_ = 0;
        }
        if (brackets_ + prefixes_ <= limits::max_nesting) {
            return std::nullopt;
        }
        return problem(
            lexeme,
            opens ? fmt::format("brackets nest more than {} levels deep", limits::max_nesting)
                  : fmt::format("operators nest more than {} levels deep", limits::max_nesting),
            "split the condition into simpler parts");
    }

    Diagnostic problem(const Lexeme& lexeme, std::string message, std::string hint) const {
        return Diagnostic{position_of(text_, lexeme.begin), std::move(message), std::move(hint)};
    }

    std::string_view text_;
    std::size_t brackets_ = 0;
    std::size_t prefixes_ = 0;
};

} // namespace

void check_limits(const SourceFile& source) {
    const std::string_view text = source.text;
    if (text.size() > limits::max_program_bytes) {
        throw ProgramError(
            source, {Diagnostic{{1, 1, 1},
                                fmt::format("the program is larger than {} bytes",
                                            limits::max_program_bytes),
                                "a program holds terms, not data: keep data in the ledger"}});
    }
    if (const auto bad = first_invalid_utf8(text)) {
        throw ProgramError(source,
                           {Diagnostic{position_of(text, *bad), "this byte is not valid UTF-8",
                                       "save the file as UTF-8"}});
    }
    if (auto problem = NestingScan(text).first_problem()) {
        throw ProgramError(source, {std::move(*problem)});
    }
}

} // namespace accrue
