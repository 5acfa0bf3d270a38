#include "grammar/format/tokens.hpp"

#include "grammar/lexer.hpp"

#include <algorithm>

namespace accrue::format {
namespace {

Token::Kind kind_of(grammar::LexemeKind kind) {
    using L = grammar::LexemeKind;
    switch (kind) {
    case L::comment:
        return Token::Kind::comment;
    case L::string:
        return Token::Kind::string;
    case L::number:
        return Token::Kind::number;
    case L::date:
        return Token::Kind::date;
    case L::word:
        return Token::Kind::word;
    default:
        return Token::Kind::symbol;
    }
}

} // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    int breaks = 0;
    grammar::for_each_lexeme(text, [&](const grammar::Lexeme& lexeme) {
        if (lexeme.kind == grammar::LexemeKind::newline) {
            ++breaks;
            return;
        }
        if (lexeme.kind == grammar::LexemeKind::blank) {
            return;
        }
        Token token;
        token.kind = kind_of(lexeme.kind);
        token.text = text.substr(lexeme.begin, lexeme.end - lexeme.begin);
        if (token.kind == Token::Kind::comment) {
            const std::size_t last = token.text.find_last_not_of(" \t\r\v\f");
            token.text = token.text.substr(0, last + 1);
        }
        token.offset = lexeme.begin;
        token.breaks_before = breaks;
        tokens.push_back(token);
        breaks = 0;
    });
    return tokens;
}

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Token& x, const Token& y) {
        return x.kind == y.kind && x.text == y.text;
    });
}

} // namespace accrue::format
