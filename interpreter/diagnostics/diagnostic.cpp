#include "interpreter/diagnostics/diagnostic.hpp"

#include <algorithm>
#include <fmt/format.h>

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

std::string render(const SourceFile& source, const Diagnostic& d) {
    std::string out =
        fmt::format("{}:{}:{}: error: {}\n", source.path, d.pos.line, d.pos.column, d.message);
    const std::string_view text = source.line(d.pos.line);
    const std::string number = std::to_string(d.pos.line);
    const std::string gutter(number.size(), ' ');
    out += fmt::format(" {} | {}\n", number, text);
    std::string marker;
    for (std::uint32_t i = 1; i < d.pos.column && i <= text.size(); ++i) {
        marker.push_back(text[i - 1] == '\t' ? '\t' : ' ');
    }
    const std::size_t room = d.pos.column <= text.size() ? text.size() - d.pos.column + 1 : 1;
    marker.append(std::max<std::size_t>(1, std::min<std::size_t>(d.pos.length, room)), '^');
    out += fmt::format(" {} | {}\n", gutter, marker);
    if (!d.hint.empty()) {
        out += fmt::format("hint: {}\n", d.hint);
    }
    return out;
}

namespace {
std::string render_all(const SourceFile& source, const std::vector<Diagnostic>& diagnostics) {
    std::string out;
    for (const Diagnostic& d : diagnostics) {
        out += render(source, d);
    }
    return out;
}

std::size_t edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::size_t> row(b.size() + 1);
    for (std::size_t j = 0; j <= b.size(); ++j) {
        row[j] = j;
    }
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diagonal = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const std::size_t above = row[j];
            row[j] =
                std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
            diagonal = above;
        }
    }
    return row[b.size()];
}
} // namespace

ProgramError::ProgramError(const SourceFile& source, std::vector<Diagnostic> diagnostics)
    : std::runtime_error(render_all(source, diagnostics)), diagnostics_(std::move(diagnostics)) {}

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_distance = 3;
    for (const std::string& candidate : candidates) {
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance && distance < std::max<std::size_t>(candidate.size(), 2)) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

} // namespace accrue
