// Every diagnostic is rendered here, and only here.
#include "interpreter/diagnostics/diagnostic.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue {

std::string_view SourceFile::line(std::uint32_t number) const {
    std::size_t begin = 0;
    for (std::uint32_t i = 1; i < number; ++i) {
        begin = text.find('\n', begin);
        if (begin == std::string::npos) {
            return {};
        }
        ++begin;
    }
    const std::size_t end = text.find('\n', begin);
    std::string_view result(text.data() + begin,
                            (end == std::string::npos ? text.size() : end) - begin);
    if (!result.empty() && result.back() == '\r') {
        result.remove_suffix(1);
    }
    return result;
}

namespace {

// What a message echoes of the input (a token, an id, a name) may be huge: it
// is cut, at a character boundary, so that a message stays readable.
constexpr std::size_t echoed_bytes = 300;

std::string shortened(std::string_view text) {
    if (text.size() <= echoed_bytes) {
        return std::string(text);
    }
    std::size_t cut = echoed_bytes;
    while (cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80) {
        --cut;
    }
    return std::string(text.substr(0, cut)) + "...";
}

// A long line is quoted around the span: `...` stands for what is left out.
constexpr std::size_t quoted_width = 240;

std::string_view window(std::string_view text, SourcePos& pos, std::string& prefix) {
    if (text.size() <= quoted_width) {
        return text;
    }
    const std::size_t column = std::min<std::size_t>(pos.column, text.size() + 1);
    const std::size_t begin = column > quoted_width / 2 ? column - quoted_width / 2 : 0;
    prefix = begin > 0 ? "..." : "";
    pos.column = static_cast<std::uint32_t>(column - begin + prefix.size());
    return text.substr(begin, quoted_width);
}

// ` 12 | the line` and under it the span marked with `mark`, then its label.
std::string quote(const SourceFile& source, SourcePos pos, std::size_t gutter_width, char mark,
                  std::string_view label) {
    std::string prefix;
    const std::string_view line = window(source.line(pos.line), pos, prefix);
    const std::string shown = prefix + std::string(line);
    const std::string_view text = shown;
    const std::string number = std::to_string(pos.line);
    const std::string gutter(gutter_width, ' ');
    std::string out = fmt::format(" {:>{}} | {}\n", number, gutter_width, text);
    std::string marker;
    for (std::uint32_t i = 1; i < pos.column && i <= text.size(); ++i) {
        marker.push_back(text[i - 1] == '\t' ? '\t' : ' ');
    }
    const std::size_t room = pos.column <= text.size() ? text.size() - pos.column + 1 : 1;
    marker.append(std::max<std::size_t>(1, std::min<std::size_t>(pos.length, room)), mark);
    if (!label.empty()) {
        marker += ' ';
        marker += label;
    }
    out += fmt::format(" {} | {}\n", gutter, marker);
    return out;
}

std::string render_all(const SourceFile& source, const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        out += render(source, d);
    }
    return out;
}

// A copy: the caller renders the originals in the same call.
std::vector<Diagnostic> in_file(std::vector<Diagnostic> diagnostics, const std::string& file) {
    for (Diagnostic& d : diagnostics) {
        d.file = file;
    }
    return diagnostics;
}

Diagnostic about_file(const std::string& file, const std::string& message) {
    Diagnostic d;
    d.file = file;
    d.message = message;
    return d;
}

} // namespace

std::string render(const SourceFile& source, const Diagnostic& d) {
    std::string out = fmt::format("{}:{}:{}: error: {}\n", source.path, d.pos.line, d.pos.column,
                                  shortened(d.message));
    std::size_t gutter = std::to_string(d.pos.line).size();
    for (const Related& related : d.related) {
        gutter = std::max(gutter, std::to_string(related.pos.line).size());
    }
    out += quote(source, d.pos, gutter, '^', "");
    for (const Related& related : d.related) {
        out += quote(source, related.pos, gutter, '-', related.message);
    }
    if (!d.hint.empty()) {
        out += fmt::format("hint: {}\n", shortened(d.hint));
    }
    return out;
}

std::string render_line(const Diagnostic& d) {
    std::string out = shortened(d.file);
    if (d.record) {
        out += ": " + d.record->where;
        if (!d.record->record_id.empty()) {
            out += fmt::format(": record \"{}\"", shortened(d.record->record_id));
        }
        if (!d.record->field.empty()) {
            out += fmt::format(": field \"{}\"", shortened(d.record->field));
        }
    }
    return out + ": " + shortened(d.message);
}

std::string Error::terminal_text() const {
    return fmt::format("error: {}\n", what());
}

ProgramError::ProgramError(const SourceFile& source, std::vector<Diagnostic> diagnostics)
    : Error(render_all(source, diagnostics), in_file(diagnostics, source.path)) {}

LedgerError::LedgerError(Diagnostic diagnostic) : Error(render_line(diagnostic), {diagnostic}) {}

LedgerError::LedgerError(const std::string& file, const std::string& message)
    : LedgerError(about_file(file, message)) {}

EvaluationError::EvaluationError(Diagnostic diagnostic)
    : Error(render_line(diagnostic), {diagnostic}) {}

EvaluationError::EvaluationError(const std::string& file, const std::string& message)
    : EvaluationError(about_file(file, message)) {}

} // namespace accrue
