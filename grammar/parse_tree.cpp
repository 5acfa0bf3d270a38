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

std::optional<Decimal> leading_number(std::string_view text) {
    std::size_t end = 0;
    while (end < text.size() && ((text[end] >= '0' && text[end] <= '9') || text[end] == '.')) {
        ++end;
    }
    return Decimal::parse(text.substr(0, end));
}

std::int64_t unit_seconds(std::string_view text) {
    const std::string_view unit = text.substr(text.rfind(' ') + 1);
    if (unit.starts_with("day")) {
        return 86'400;
    }
    if (unit.starts_with("hour")) {
        return 3'600;
    }
    if (unit.starts_with("minute")) {
        return 60;
    }
    return 1;
}

} // namespace accrue::grammar
