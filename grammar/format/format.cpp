// The layout rules, in the order a reader meets them:
// - each declaration starts at column 0, after one blank line; its clauses
//   are indented by 2, rate cases and tiers by 4, a version's clauses one
//   step further; blank lines inside a declaration are kept (at most one);
// - one space between tokens, none inside brackets, before `,` `:` `%`, after
//   a unary minus or between a function and its `(`;
// - the names of exclusions and benefits, the values of rate cases and the
//   rates of tiers line up in a column per block;
// - a condition is broken only where its author broke it, before an `and` or
//   `or`, which is then right-aligned so that the operands line up;
// - comments stay where they are: at the end of their line, or on their own
//   line at the indent of what follows.
#include "grammar/format/format.hpp"

#include "grammar/format/layout_check.hpp"
#include "grammar/format/marks.hpp"
#include "grammar/format/tokens.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <optional>
#include <stdexcept>

namespace accrue {
namespace {

using format::LayoutMarks;
using format::Span;
using format::Token;

struct Piece {
    std::string_view text;
    bool space_before = false;
};

struct PieceRef {
    std::size_t line = 0;
    std::size_t piece = 0;
};

// A line of the output; its indent is final except on a continuation that
// lines up under an expression (river).
struct Line {
    int indent = 0;
    bool blank_before = false;
    std::vector<Piece> pieces;
    std::string_view comment;
    std::optional<std::size_t> aligned_piece;
    std::size_t align_block = 0;
    // `and`/`or` continuation: its operand lines up with the expression's first.
    std::optional<PieceRef> river;
    std::size_t river_operator = 0; // width of the `and`/`or` it starts with
};

class Layout {
  public:
    Layout(const std::vector<Token>& tokens, const LayoutMarks& marks)
        : tokens_(tokens), marks_(marks) {}

    std::string render() {
        for (std::size_t i = 0; i < tokens_.size(); ++i) {
            if (tokens_[i].kind == Token::Kind::comment) {
                comment(i);
            } else {
                token(i);
            }
        }
        return text();
    }

  private:
    const std::vector<Token>& tokens_;
    const LayoutMarks& marks_;
    std::vector<Line> lines_;
    bool open_line_ = false;   // the last line takes more tokens
    int statement_indent_ = 0; // indent of the last line a clause began
    bool after_own_comment_ = false;
    // The outermost expression being laid out.
    std::size_t expression_ = 0; // index into marks_.expressions
    std::optional<PieceRef> expression_start_;
    int depth_ = 0; // brackets open inside it

    [[nodiscard]] bool is_comment(std::size_t i) const {
        return tokens_[i].kind == Token::Kind::comment;
    }
    [[nodiscard]] std::optional<std::size_t> next_token(std::size_t i) const {
        for (std::size_t j = i + 1; j < tokens_.size(); ++j) {
            if (!is_comment(j)) {
                return j;
            }
        }
        return std::nullopt;
    }
    [[nodiscard]] const Span* expression_at(std::size_t offset) const {
        const auto& spans = marks_.expressions;
        const auto it = std::upper_bound(spans.begin(), spans.end(), offset,
                                         [](std::size_t o, const Span& s) { return o < s.first; });
        if (it == spans.begin() || offset >= std::prev(it)->second) {
            return nullptr;
        }
        return &*std::prev(it);
    }
    // An `and`/`or` between the operands of an outermost expression.
    [[nodiscard]] bool joins_operands(std::size_t i) const {
        const Token& t = tokens_[i];
        return (t.text == "and" || t.text == "or") && expression_at(t.offset) != nullptr &&
               depth_ == 0;
    }
    // The author broke the line around this `and`/`or`.
    [[nodiscard]] bool broken_at(std::size_t i) const {
        const auto next = next_token(i);
        return tokens_[i].breaks_before > 0 || (next && tokens_[*next].breaks_before > 0);
    }

    Line& new_line(int indent, bool blank_before) {
        Line line;
        line.indent = indent;
        line.blank_before = blank_before && !lines_.empty();
        lines_.push_back(line);
        open_line_ = true;
        return lines_.back();
    }

    void make_river(Line& line, std::size_t operator_token) {
        if (expression_start_) {
            line.river = expression_start_;
            line.river_operator = tokens_[operator_token].text.size();
        }
    }

    void comment(std::size_t i) {
        const Token& c = tokens_[i];
        if (c.breaks_before == 0 && open_line_ && lines_.back().comment.empty() &&
            !lines_.back().pieces.empty()) {
            lines_.back().comment = c.text;
            open_line_ = false;
            after_own_comment_ = false;
            return;
        }
        const auto next = next_token(i);
        int indent = 0;
        bool blank = c.breaks_before >= 2;
        bool river = false;
        if (next) {
            const auto start = marks_.line_starts.find(tokens_[*next].offset);
            if (start != marks_.line_starts.end()) {
                indent = start->second.indent;
                blank = blank || (start->second.declaration && !after_own_comment_);
            } else {
                indent = statement_indent_ + 4;
                river = joins_operands(*next);
            }
        }
        Line& line = new_line(indent, blank);
        line.comment = c.text;
        if (river) {
            make_river(line, *next);
        }
        open_line_ = false;
        after_own_comment_ = true;
    }

    void token(std::size_t i) {
        const Token& t = tokens_[i];
        if (expression_start_ && t.offset >= marks_.expressions[expression_].second) {
            expression_start_.reset();
        }
        const auto start = marks_.line_starts.find(t.offset);
        if (start != marks_.line_starts.end()) {
            const bool blank =
                t.breaks_before >= 2 || (start->second.declaration && !after_own_comment_);
            new_line(start->second.indent, blank);
            statement_indent_ = start->second.indent;
        } else if (joins_operands(i) && (broken_at(i) || !open_line_)) {
            Line& line = new_line(statement_indent_ + 4, false);
            make_river(line, i);
        } else if (!open_line_) {
            new_line(statement_indent_ + 4, false);
        }
        after_own_comment_ = false;
        Line& line = lines_.back();
        if (t.text == ")" || t.text == "}") {
            --depth_;
        }
        line.pieces.push_back(Piece{t.text, !line.pieces.empty() && spaced(i)});
        const PieceRef here{lines_.size() - 1, line.pieces.size() - 1};
        if (!expression_start_) {
            if (const Span* e = expression_at(t.offset); e != nullptr && e->first == t.offset) {
                expression_ = static_cast<std::size_t>(e - marks_.expressions.data());
                expression_start_ = here;
                depth_ = 0;
            }
        }
        if (t.text == "(" || t.text == "{") {
            ++depth_;
        }
        if (marks_.aligned.contains(t.offset)) {
            line.aligned_piece = here.piece;
            line.align_block = block_of(t.offset);
        }
    }

    [[nodiscard]] std::size_t block_of(std::size_t offset) const {
        // The innermost block holding the offset.
        std::size_t best = marks_.align_blocks.size();
        for (std::size_t b = 0; b < marks_.align_blocks.size(); ++b) {
            const Span& s = marks_.align_blocks[b];
            if (offset >= s.first && offset < s.second &&
                (best == marks_.align_blocks.size() ||
                 s.second - s.first <
                     marks_.align_blocks[best].second - marks_.align_blocks[best].first)) {
                best = b;
            }
        }
        return best;
    }

    [[nodiscard]] bool spaced(std::size_t i) const {
        const Token& t = tokens_[i];
        const Token& previous = tokens_[i - 1]; // a comment ends its line: never one
        if (t.text == "," || t.text == ":" || t.text == ")" || t.text == "}" || t.text == "%") {
            return false;
        }
        if (previous.text == "(" || previous.text == "{" ||
            marks_.unary_minus.contains(previous.offset)) {
            return false;
        }
        return !(t.text == "(" && marks_.calls.contains(previous.offset));
    }

    [[nodiscard]] static std::size_t width_before(const Line& line, std::size_t piece) {
        std::size_t width = static_cast<std::size_t>(line.indent);
        for (std::size_t p = 0; p < piece; ++p) {
            width += line.pieces[p].text.size() + (line.pieces[p + 1].space_before ? 1 : 0);
        }
        return width;
    }

    std::string text() {
        std::map<std::size_t, std::size_t> columns; // block -> column of its aligned pieces
        for (const Line& line : lines_) {
            if (line.aligned_piece) {
                std::size_t& column = columns[line.align_block];
                column = std::max(column, width_before(line, *line.aligned_piece));
            }
        }
        std::vector<std::vector<std::size_t>> starts(lines_.size());
        std::string out;
        for (std::size_t l = 0; l < lines_.size(); ++l) {
            Line& line = lines_[l];
            if (line.river) {
                const std::size_t operand = starts[line.river->line][line.river->piece];
                // Never left of the clause the continuation belongs to.
                const std::size_t floor = static_cast<std::size_t>(line.indent) - 4;
                line.indent = static_cast<int>(std::max(
                    operand >= line.river_operator + 1 ? operand - line.river_operator - 1 : floor,
                    floor));
            }
            if (line.blank_before) {
                out += '\n';
            }
            std::size_t column = static_cast<std::size_t>(line.indent);
            out.append(column, ' ');
            for (std::size_t p = 0; p < line.pieces.size(); ++p) {
                if (line.pieces[p].space_before) {
                    out += ' ';
                    ++column;
                }
                if (line.aligned_piece == p) {
                    const std::size_t target = columns[line.align_block];
                    out.append(target - column, ' ');
                    column = target;
                }
                starts[l].push_back(column);
                out += line.pieces[p].text;
                column += line.pieces[p].text.size();
            }
            if (!line.comment.empty()) {
                if (!line.pieces.empty()) {
                    out += ' ';
                }
                out += line.comment;
            }
            out += '\n';
        }
        return out;
    }
};

} // namespace

std::string format_source(const SourceFile& source) {
    const LayoutMarks marks = format::layout_marks(source);
    // A layout that misstates the parse is the author's to resolve: putting
    // the line where the parser reads it could be the opposite of what was meant.
    if (auto misleading = format::misleading_layout(source, marks); !misleading.empty()) {
        throw ProgramError(source, std::move(misleading));
    }
    const std::vector<Token> tokens = format::tokenize(source.text);
    std::string formatted = Layout(tokens, marks).render();
    // The proof that only the layout changed: the same tokens and comments,
    // and a file that still parses.
    const SourceFile result{source.path, formatted};
    format::layout_marks(result);
    if (!format::same_tokens(tokens, format::tokenize(result.text))) {
        throw std::logic_error(fmt::format(
            "{}: formatting would change the program's tokens; the file is left as it is "
            "(please report this)",
            source.path));
    }
    return formatted;
}

} // namespace accrue
