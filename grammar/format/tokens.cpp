#include "grammar/format/tokens.hpp"

#include <algorithm>

namespace accrue::format {
namespace {

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}
bool starts_word(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}
bool continues_word(char c) {
    return starts_word(c) || is_digit(c);
}

std::size_t digits_from(std::string_view text, std::size_t i) {
    const std::size_t start = i;
    while (i < text.size() && is_digit(text[i])) {
        ++i;
    }
    return i - start;
}

// YYYY-MM-DD: one token, so that no space is put inside a day.
bool date_at(std::string_view text, std::size_t i) {
    return digits_from(text, i) == 4 && i + 10 <= text.size() && text[i + 4] == '-' &&
           digits_from(text, i + 5) == 2 && text[i + 7] == '-' && digits_from(text, i + 8) == 2;
}

std::size_t token_end(std::string_view text, std::size_t i, Token::Kind& kind) {
    const char c = text[i];
    if (c == '#') {
        kind = Token::Kind::comment;
        return std::min(text.find('\n', i), text.size());
    }
    if (c == '"') {
        kind = Token::Kind::string;
        std::size_t j = i + 1;
        while (j < text.size() && text[j] != '"' && text[j] != '\n') {
            j += text[j] == '\\' ? 2 : 1;
        }
        return std::min(j + 1, text.size());
    }
    if (is_digit(c)) {
        if (date_at(text, i)) {
            kind = Token::Kind::date;
            return i + 10;
        }
        kind = Token::Kind::number;
        std::size_t j = i + digits_from(text, i);
        if (j + 1 < text.size() && text[j] == '.' && is_digit(text[j + 1])) {
            j += 1 + digits_from(text, j + 1);
        }
        return j;
    }
    if (starts_word(c)) {
        // A field path (`payment.amount`) is one word.
        kind = Token::Kind::word;
        std::size_t j = i + 1;
        while (j < text.size()) {
            if (continues_word(text[j])) {
                ++j;
            } else if (text[j] == '.' && j + 1 < text.size() && starts_word(text[j + 1])) {
                j += 2;
            } else {
                break;
            }
        }
        return j;
    }
    kind = Token::Kind::symbol;
    const std::string_view two = text.substr(i, 2);
    if (two == "<=" || two == ">=" || two == "!=" || two == "\xC3\x97") { // × is two bytes
        return i + 2;
    }
    return i + 1;
}

} // namespace

std::vector<Token> tokenize(std::string_view text) {
    std::vector<Token> tokens;
    int breaks = 0;
    std::size_t i = 0;
    while (i < text.size()) {
        const char c = text[i];
        if (c == '\n') {
            ++breaks;
            ++i;
            continue;
        }
        if (c == ' ' || c == '\t' || c == '\r' || c == '\v' || c == '\f') {
            ++i;
            continue;
        }
        Token token;
        const std::size_t end = token_end(text, i, token.kind);
        token.text = text.substr(i, end - i);
        if (token.kind == Token::Kind::comment) {
            const std::size_t last = token.text.find_last_not_of(" \t\r\v\f");
            token.text = token.text.substr(0, last + 1);
        }
        token.offset = i;
        token.breaks_before = breaks;
        tokens.push_back(token);
        breaks = 0;
        i = end;
    }
    return tokens;
}

bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b) {
    return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const Token& x, const Token& y) {
        return x.kind == y.kind && x.text == y.text;
    });
}

} // namespace accrue::format
