// The one lexer: a file as a sequence of lexemes (layout, comments, strings,
// numbers, dates, words, symbols), each matched by the grammar's own token
// rules (lexical.hpp). The parser's helpers, the nesting check and the
// formatter's token stream all read a file through it, so they agree with
// the grammar on where a string or a comment ends.
#pragma once

#include "interpreter/diagnostics/source.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace accrue::grammar {

enum class LexemeKind : std::uint8_t {
    blank,   // spaces, tabs, \r, \v, \f
    newline, // \n
    comment, // `# ...` to the end of the line, the line break excluded
    string,  // "...", or an unterminated one to the end of the line
    number,  // 12 or 12.50
    date,    // 2024-07-01
    word,    // a name, keyword, currency code or field path
    symbol,  // anything else: one character, or <= >= != ×
};

struct Lexeme {
    LexemeKind kind = LexemeKind::symbol;
    std::size_t begin = 0;
    std::size_t end = 0; // one past the last byte
};

[[nodiscard]] constexpr bool is_layout(LexemeKind kind) {
    return kind == LexemeKind::blank || kind == LexemeKind::newline || kind == LexemeKind::comment;
}

// The lexeme that starts at `offset` (< text.size()).
Lexeme lex_at(std::string_view text, std::size_t offset);

// Calls `visit(lexeme)` for each lexeme of the text, in order.
template <typename Visit> void for_each_lexeme(std::string_view text, Visit&& visit) {
    std::size_t offset = 0;
    while (offset < text.size()) {
        const Lexeme lexeme = lex_at(text, offset);
        visit(lexeme);
        offset = lexeme.end;
    }
}

// The line and column (1-based, in bytes) of a byte of the text.
SourcePos position_of(std::string_view text, std::size_t offset);

// The text without the layout that follows its last lexeme.
std::string_view without_trailing_layout(std::string_view text);

} // namespace accrue::grammar
