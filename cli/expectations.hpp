// Comparing a report with an expectation that lists only the figures it
// checks: every field of the expectation must be in the report with the same
// value; arrays match element by element and must have the same length.
#pragma once

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

namespace accrue {

struct Difference {
    std::string path; // such as "partners[0].balance"
    std::string expected;
    std::string actual;
};

// Keys starting with `_` are notes, not fields.
void compare_expected(const nlohmann::json& expected, const nlohmann::json& actual,
                      const std::string& path, std::vector<Difference>& differences);

} // namespace accrue
