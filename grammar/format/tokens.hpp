// The tokens and comments of a program file as `accrue fmt` sees them: the
// text of each, and how many line breaks the author put before it. The
// formatter re-emits exactly these texts; only the layout between them changes.
#pragma once

#include <cstddef>
#include <string_view>
#include <vector>

namespace accrue::format {

struct Token {
    enum class Kind : unsigned char { word, number, date, string, symbol, comment };
    Kind kind = Kind::word;
    std::string_view text; // a comment without its trailing blanks
    std::size_t offset = 0;
    int breaks_before = 0; // line breaks between the previous token and this one
};

std::vector<Token> tokenize(std::string_view text);

// The same tokens, comments included: the formatter's proof that it kept the
// program and its comments.
bool same_tokens(const std::vector<Token>& a, const std::vector<Token>& b);

} // namespace accrue::format
