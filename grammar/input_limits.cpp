// The limits of interpreter/values/limits.hpp on a program's text, checked
// before any parse: size, UTF-8, nesting (brackets and prefix operators, so
// that no input can exhaust the parser's stack), name lengths.
#include "grammar/expression.hpp"
#include "grammar/lexer.hpp"
#include "grammar/parse.hpp"
#include "interpreter/values/limits.hpp"
#include "interpreter/values/utf8.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace accrue {
namespace {

using namespace grammar;

template <typename... Rules> constexpr auto prefix_table(type_list<Rules...> /*rules*/) {
    return std::array<PrefixWords, sizeof...(Rules)>{Rules::prefix...};
}
// The opening word of every prefix construct of the grammar, and what may follow it.
constexpr auto prefixes = prefix_table(prefix_rules{});

// The longest name of a word: a field path (`partner.parent.parent`) is
// several names, each within the limit.
std::size_t longest_part(std::string_view word) {
    std::size_t longest = 0;
    for (std::size_t begin = 0; begin <= word.size();) {
        const std::size_t dot = std::min(word.find('.', begin), word.size());
        longest = std::max(longest, dot - begin);
        begin = dot + 1;
    }
    return longest;
}

// Brackets open at once plus prefix constructs in a row (`- - x`,
// `not not x`, `start of day of start of day of ...`): what the parser
// recurses on.
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
        if (lexeme.kind == LexemeKind::word && longest_part(token) > limits::max_name_bytes) {
            return problem(lexeme,
                           fmt::format("a name is longer than {} bytes", limits::max_name_bytes),
                           "use a shorter name");
        }
        const bool opens = token == "(" || token == "{";
        if (opens) {
            ++brackets_;
        } else if ((token == ")" || token == "}") && brackets_ > 0) {
            --brackets_;
        }
        count_prefix(lexeme, token);
        if (brackets_ + prefixes_ <= limits::max_nesting) {
            return std::nullopt;
        }
        return problem(
            lexeme,
            opens ? fmt::format("brackets nest more than {} levels deep", limits::max_nesting)
                  : fmt::format("operators nest more than {} levels deep", limits::max_nesting),
            "split the condition into simpler parts");
    }

    // A prefix's opening word counts one; the words between it and its
    // operand keep the count; anything else ends the run.
    void count_prefix(const Lexeme& lexeme, std::string_view token) {
        const auto opened = std::find_if(prefixes.begin(), prefixes.end(),
                                         [&](const PrefixWords& p) { return p.opens == token; });
        if (opened != prefixes.end()) {
            ++prefixes_;
            leads_ = &*opened;
            return;
        }
        const bool leads =
            leads_ != nullptr &&
            ((leads_->ordinal && lexeme.kind == LexemeKind::number) ||
             std::find(leads_->leads.begin(), leads_->leads.end(), token) != leads_->leads.end());
        if (!leads) {
            prefixes_ = 0;
            leads_ = nullptr;
        }
    }

    Diagnostic problem(const Lexeme& lexeme, std::string message, std::string hint) const {
        return Diagnostic{position_of(text_, lexeme.begin), std::move(message), std::move(hint)};
    }

    std::string_view text_;
    std::size_t brackets_ = 0;
    std::size_t prefixes_ = 0;
    const PrefixWords* leads_ = nullptr; // of the prefix whose operand has not begun
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
