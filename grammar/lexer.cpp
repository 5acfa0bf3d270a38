#include "grammar/lexer.hpp"

#include "grammar/lexical.hpp"

namespace accrue::grammar {
namespace {

// The end of `Rule` matched at `offset`, or 0 when it does not match there.
template <typename Rule> std::size_t match(std::string_view text, std::size_t offset) {
    pegtl::memory_input<pegtl::tracking_mode::lazy> in(text.data() + offset, text.size() - offset,
                                                       "");
    if (!pegtl::parse<Rule>(in)) {
        return 0;
    }
    return offset + static_cast<std::size_t>(in.current() - (text.data() + offset));
}

std::size_t end_of_line(std::string_view text, std::size_t offset) {
    const std::size_t newline = text.find('\n', offset);
    return newline == std::string_view::npos ? text.size() : newline;
}

} // namespace

Lexeme lex_at(std::string_view text, std::size_t offset) {
    const char c = text[offset];
    const auto lexeme = [&](LexemeKind kind, std::size_t end) { return Lexeme{kind, offset, end}; };
    if (c == '\n') {
        return lexeme(LexemeKind::newline, offset + 1);
    }
    if (const std::size_t end = match<plus<blank>>(text, offset)) {
        return lexeme(LexemeKind::blank, end);
    }
    if (const std::size_t end = match<comment>(text, offset)) {
        return lexeme(LexemeKind::comment, end);
    }
    if (c == '"') {
        const std::size_t end = match<string_text>(text, offset);
        return lexeme(LexemeKind::string, end != 0 ? end : end_of_line(text, offset));
    }
    if (const std::size_t end = match<seq<calendar_date>>(text, offset)) {
        return lexeme(LexemeKind::date, end);
    }
    if (const std::size_t end = match<ordinal_text>(text, offset)) { // `10th`: one word
        return lexeme(LexemeKind::number, end);
    }
    if (const std::size_t end = match<number_text>(text, offset)) {
        return lexeme(LexemeKind::number, end);
    }
    if (const std::size_t end = match<word_text>(text, offset)) {
        return lexeme(LexemeKind::word, end);
    }
    const std::string_view two = text.substr(offset, 2);
    if (two == "<=" || two == ">=" || two == "!=" || two == "\xC3\x97") { // × is two bytes
        return lexeme(LexemeKind::symbol, offset + 2);
    }
    return lexeme(LexemeKind::symbol, offset + 1);
}

SourcePos position_of(std::string_view text, std::size_t offset) {
    SourcePos pos{1, 1, 1};
    for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
        if (text[i] == '\n') {
            ++pos.line;
            pos.column = 1;
        } else {
            ++pos.column;
        }
    }
    return pos;
}

std::string_view without_trailing_layout(std::string_view text) {
    std::size_t end = 0;
    for_each_lexeme(text, [&](const Lexeme& lexeme) {
        if (!is_layout(lexeme.kind)) {
            end = lexeme.end;
        }
    });
    return text.substr(0, end);
}

} // namespace accrue::grammar
