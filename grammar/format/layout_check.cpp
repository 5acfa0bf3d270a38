#include "grammar/format/layout_check.hpp"

#include "grammar/lexer.hpp"

#include <fmt/format.h>

#include <optional>
#include <string_view>

namespace accrue::format {
namespace {

// A line that begins a construct, or a construct on the line of another.
struct Start {
    std::size_t offset = 0;
    int depth = 0;          // the canonical indent: how deep the parse nests it
    std::size_t indent = 0; // the indent of the line it is on, as written
    bool begins_line = false;
};

std::size_t line_begin(std::string_view text, std::size_t offset) {
    const std::size_t newline = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    return offset == 0 || newline == std::string_view::npos ? 0 : newline + 1;
}

std::size_t indent_at(std::string_view text, std::size_t begin) {
    std::size_t end = begin;
    while (end < text.size() && (text[end] == ' ' || text[end] == '\t')) {
        ++end;
    }
    return end - begin;
}

// The words a construct starts with, for a message: "terms from 2024-07-01".
std::string opening_of(std::string_view text, std::size_t offset) {
    std::string words;
    int count = 0;
    grammar::Lexeme lexeme;
    for (std::size_t at = offset; at < text.size() && count < 3; at = lexeme.end) {
        lexeme = grammar::lex_at(text, at);
        if (lexeme.kind == grammar::LexemeKind::newline ||
            lexeme.kind == grammar::LexemeKind::comment) {
            break;
        }
        if (lexeme.kind == grammar::LexemeKind::blank) {
            continue;
        }
        words += (words.empty() ? "" : " ") +
                 std::string(text.substr(lexeme.begin, lexeme.end - lexeme.begin));
        ++count;
    }
    return words;
}

std::string first_word(std::string_view text, std::size_t offset) {
    const grammar::Lexeme lexeme = grammar::lex_at(text, offset);
    return std::string(text.substr(lexeme.begin, lexeme.end - lexeme.begin));
}

SourcePos pos_of(std::string_view text, const Start& s) {
    SourcePos pos = grammar::position_of(text, s.offset);
    pos.length = static_cast<std::uint32_t>(first_word(text, s.offset).size());
    return pos;
}

// A line not indented under the construct it belongs to.
Diagnostic not_under(std::string_view text, const Start& line, const Start& parent) {
    const SourcePos parent_pos = grammar::position_of(text, parent.offset);
    const std::string owner = opening_of(text, parent.offset);
    std::string hint =
        fmt::format("indent it further than line {}, or move it where it belongs", parent_pos.line);
    if (first_word(text, parent.offset) == "terms") {
        hint = fmt::format("indent it under `{}` (it then holds from that day on), or move it "
                           "above the `terms` line (it then holds for the whole rule)",
                           owner);
    }
    return Diagnostic{pos_of(text, line),
                      fmt::format("`{}` belongs to `{}` (line {}), but is not indented under it",
                                  first_word(text, line.offset), owner, parent_pos.line),
                      std::move(hint),
                      {Related{parent_pos, "the construct it belongs to"}}};
}

// A line indented as deep as the block that ends above it, so that it reads
// as part of that block, while the parse puts it beside the construct that
// opened the block.
Diagnostic as_if_inside(std::string_view text, const Start& line, const Start& sibling,
                        const Start& closed) {
    const SourcePos sibling_pos = grammar::position_of(text, sibling.offset);
    const SourcePos closed_pos = grammar::position_of(text, closed.offset);
    const std::string owner = opening_of(text, sibling.offset);
    return Diagnostic{
        pos_of(text, line),
        fmt::format("`{}` is indented like line {}, as if it were part of `{}` (line {}), but {}",
                    first_word(text, line.offset), closed_pos.line, owner, sibling_pos.line,
                    line.depth == 0 ? "it starts a new declaration"
                                    : fmt::format("it comes after `{}`, not inside it",
                                                  first_word(text, sibling.offset))),
        fmt::format("write it at column {}, as line {} is", sibling.indent + 1, sibling_pos.line),
        {Related{sibling_pos, "what it stands beside"}}};
}

// A declaration's own line of clauses written flat, at its column (`program
// p` then `currency USD`): only declarations stand at the top level, so such
// a line cannot be read as belonging anywhere else.
bool flat_clause(const Start& line, const Start& parent) {
    return parent.depth == 0 && line.indent == parent.indent;
}

} // namespace

std::vector<Diagnostic> misleading_layout(const SourceFile& source, const LayoutMarks& marks) {
    const std::string_view text = source.text;
    std::vector<Diagnostic> found;
    std::vector<Start> open; // the constructs that enclose the next line, outermost first
    for (const auto& [offset, line_start] : marks.line_starts) {
        const std::size_t begin = line_begin(text, offset);
        const Start start{offset, line_start.indent, indent_at(text, begin),
                          indent_at(text, begin) == offset - begin};
        // The constructs this line closes: the one beside it, and the
        // deepest line of the block that ends here.
        std::optional<Start> sibling;
        std::optional<Start> closed;
        while (!open.empty() && open.back().depth >= start.depth) {
            if (open.back().depth == start.depth && open.back().begins_line) {
                sibling = open.back();
            } else if (open.back().depth > start.depth && open.back().begins_line && !closed) {
                closed = open.back();
            }
            open.pop_back();
        }
        if (start.begins_line) {
            if (!open.empty() && start.indent <= open.back().indent &&
                !flat_clause(start, open.back())) {
                found.push_back(not_under(text, start, open.back()));
            } else if (sibling && closed && closed->indent > sibling->indent &&
                       start.indent >= closed->indent) {
                found.push_back(as_if_inside(text, start, *sibling, *closed));
            }
        }
        open.push_back(start);
    }
    return found;
}

std::vector<Diagnostic> misleading_layout(const SourceFile& source) {
    return misleading_layout(source, layout_marks(source));
}

} // namespace accrue::format
