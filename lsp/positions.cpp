#include "lsp/positions.hpp"

#include <algorithm>

namespace accrue::lsp {
namespace {

// The bytes of the UTF-8 sequence that starts with `lead` (1 for a stray byte).
std::size_t sequence_bytes(unsigned char lead) {
    return lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
}

} // namespace

LineIndex::LineIndex(std::string_view text, Encoding encoding) : text_(text), encoding_(encoding) {
    starts_.push_back(0);
    for (std::size_t i = 0; i < text.size(); ++i) {
        if (text[i] == '\n') {
            starts_.push_back(i + 1);
        }
    }
}

std::string_view LineIndex::line_text(std::size_t line) const {
    if (line >= starts_.size()) {
        return {};
    }
    const std::size_t begin = starts_[line];
    const std::size_t end = line + 1 < starts_.size() ? starts_[line + 1] - 1 : text_.size();
    return text_.substr(begin, end - begin);
}

nlohmann::json LineIndex::position(std::uint32_t line, std::uint32_t byte_column) const {
    const std::size_t zero_line = line == 0 ? 0 : line - 1;
    const std::string_view text = line_text(zero_line);
    const std::size_t bytes =
        std::min<std::size_t>(byte_column == 0 ? 0 : byte_column - 1, text.size());
    std::size_t units = bytes;
    if (encoding_ == Encoding::utf16) {
        units = 0;
        for (std::size_t i = 0; i < bytes;) {
            const std::size_t n = sequence_bytes(static_cast<unsigned char>(text[i]));
            units += n == 4 ? 2 : 1;
            i += n;
        }
    }
    return {{"line", zero_line}, {"character", units}};
}

nlohmann::json LineIndex::range(const SourcePos& pos) const {
    return {{"start", position(pos.line, pos.column)},
            {"end", position(pos.line, pos.column + std::max<std::uint32_t>(pos.length, 1))}};
}

std::size_t LineIndex::offset(std::size_t line, std::size_t character) const {
    if (line >= starts_.size()) {
        return text_.size();
    }
    const std::string_view text = line_text(line);
    if (encoding_ == Encoding::utf8) {
        return starts_[line] + std::min(character, text.size());
    }
    std::size_t units = 0;
    std::size_t i = 0;
    while (i < text.size() && units < character) {
        const std::size_t n = sequence_bytes(static_cast<unsigned char>(text[i]));
        units += n == 4 ? 2 : 1;
        i += n;
    }
    return starts_[line] + std::min(i, text.size());
}

nlohmann::json LineIndex::whole() const {
    const std::size_t last = starts_.size() - 1;
    const std::string_view text = line_text(last);
    return {{"start", {{"line", 0}, {"character", 0}}},
            {"end", position(static_cast<std::uint32_t>(last + 1),
                             static_cast<std::uint32_t>(text.size() + 1))}};
}

} // namespace accrue::lsp
