#include "grammar/parse_tree.hpp"

#include "grammar/lexer.hpp"

#include <algorithm>

namespace accrue::grammar {

std::string_view trimmed(const Node& n) {
    return without_trailing_layout(n.string_view());
}

SourcePos pos_of(const Node& n) {
    const auto begin = n.begin();
    return SourcePos{static_cast<std::uint32_t>(begin.line),
                     static_cast<std::uint32_t>(begin.column),
                     static_cast<std::uint32_t>(std::max<std::size_t>(1, trimmed(n).size()))};
}

Named named(const Node& n) {
    return Named{std::string(trimmed(n)), pos_of(n)};
}

std::string unquote(std::string_view literal) {
    std::string out;
    for (std::size_t i = 1; i + 1 < literal.size(); ++i) {
        if (literal[i] == '\\' && i + 2 < literal.size()) {
            ++i;
            out.push_back(literal[i] == 'n' ? '\n' : literal[i] == 't' ? '\t' : literal[i]);
        } else {
            out.push_back(literal[i]);
        }
    }
    return out;
}

Decimal leading_number(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
        ++end;
    }
    return Decimal::parse(text.substr(0, end)).value_or(Decimal{});
}

Duration duration_of(std::string_view text) {
    const auto amount = leading_number(text).to_int64().value_or(0);
    const std::string_view unit = text.substr(text.rfind(' ') + 1);
    std::int64_t seconds = 1;
    if (unit.starts_with("day")) {
        seconds = 86'400;
    } else if (unit.starts_with("hour")) {
        seconds = 3'600;
    } else if (unit.starts_with("minute")) {
        seconds = 60;
    }
    return Duration::seconds(amount * seconds);
}

} // namespace accrue::grammar
