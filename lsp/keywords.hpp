// One line about each keyword, for hover, and the clause keywords that
// completion offers at the start of a line.
#pragma once

#include <span>
#include <string_view>

namespace accrue::lsp {

struct Keyword {
    std::string_view word;
    std::string_view meaning;
};

// Null for a word that is not a keyword.
const Keyword* keyword(std::string_view word);

// Every keyword, in the order completion lists them.
std::span<const Keyword> keywords();

// The language's other words, for hover only: names it gives a meaning to
// (`paying_customers`), units (`days`, `months`), the words of attribution
// models (`link`, `click`). Null for any other word.
const Keyword* language_word(std::string_view word);

} // namespace accrue::lsp
