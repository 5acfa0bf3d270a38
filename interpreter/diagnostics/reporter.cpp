#include "interpreter/diagnostics/reporter.hpp"

#include <algorithm>
#include <tuple>

namespace accrue {

void Reporter::error(SourcePos pos, std::string message, std::string hint,
                     std::vector<Related> related) {
    const bool said = std::any_of(diagnostics_.begin(), diagnostics_.end(), [&](const auto& d) {
        return d.pos.line == pos.line && d.pos.column == pos.column && d.message == message;
    });
    if (!said) {
        diagnostics_.push_back(
            Diagnostic{pos, std::move(message), std::move(hint), std::move(related)});
    }
}

std::vector<Diagnostic> Reporter::take() {
    std::stable_sort(
        diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic& a, const Diagnostic& b) {
            return std::tie(a.pos.line, a.pos.column) < std::tie(b.pos.line, b.pos.column);
        });
    return std::move(diagnostics_);
}

} // namespace accrue
