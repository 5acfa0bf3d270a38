// Comparing a report with an expectation that lists only the figures it
// checks (docs/cli.md, `accrue test`): every field of the expectation must be
// in the report with the same value. A list's entries are matched by what
// names them (an accrual line by its event, kind, partner and rule; a partner
// by its id; a check by its name), not by position; a list written as an
// array is the whole list (missing and extra entries are differences), one
// written as {"including": [...]} names only some of its entries.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace accrue {

struct Difference {
    std::string path; // such as "partners[p1].balance" or "accruals[pay4, commission]"
    std::string text; // what differs, and what to write where that helps
};

// Keys starting with `_` are notes, not fields.
void compare_expected(const nlohmann::json& expected, const nlohmann::json& actual,
                      const std::string& path, std::vector<Difference>& differences);

} // namespace accrue
