// Positions as the protocol counts them: zero-based lines and, by default,
// UTF-16 code units within the line (a Cyrillic letter is one unit and two
// bytes, an emoji two units and four bytes); the client may negotiate UTF-8.
// accrue's own positions are one-based lines and byte columns.
#pragma once

#include "interpreter/diagnostics/source.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>
#include <vector>

namespace accrue::lsp {

enum class Encoding { utf16, utf8 };

class LineIndex {
  public:
    LineIndex(std::string_view text, Encoding encoding);

    // An accrue position (1-based line, byte column) as an LSP position.
    [[nodiscard]] nlohmann::json position(std::uint32_t line, std::uint32_t byte_column) const;
    // The span of a SourcePos as an LSP range.
    [[nodiscard]] nlohmann::json range(const SourcePos& pos) const;
    // The byte offset of an LSP position (clamped to the text).
    [[nodiscard]] std::size_t offset(std::size_t line, std::size_t character) const;
    // The range of the whole text.
    [[nodiscard]] nlohmann::json whole() const;

  private:
    [[nodiscard]] std::string_view line_text(std::size_t line) const;
    std::string_view text_;
    Encoding encoding_;
    std::vector<std::size_t> starts_; // byte offset of each line
};

} // namespace accrue::lsp
