#include "interpreter/diagnostics/suggest.hpp"

#include "interpreter/values/limits.hpp"

#include <algorithm>

namespace accrue {
namespace {

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

std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
    std::string best;
    if (word.size() > limits::max_suggestion_bytes) {
        return best; // no name is that long: comparing would only cost time
    }
    std::size_t best_distance = 3;
    for (const std::string& candidate : candidates) {
        const std::size_t gap = candidate.size() > word.size() ? candidate.size() - word.size()
                                                               : word.size() - candidate.size();
        if (gap >= best_distance) {
            continue; // at least that many edits apart
        }
        const std::size_t distance = edit_distance(word, candidate);
        if (distance < best_distance && distance < std::max<std::size_t>(candidate.size(), 2)) {
            best_distance = distance;
            best = candidate;
        }
    }
    return best;
}

} // namespace accrue
