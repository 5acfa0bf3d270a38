#include "cli/expectations.hpp"

namespace accrue {

void compare_expected(const nlohmann::json& expected, const nlohmann::json& actual,
                      const std::string& path, std::vector<Difference>& differences) {
    if (expected.is_object()) {
        if (!actual.is_object()) {
            differences.push_back({path, "an object", actual.dump()});
            return;
        }
        for (const auto& [key, value] : expected.items()) {
            if (key.starts_with("_")) {
                continue;
            }
            const std::string here = path.empty() ? key : path + "." + key;
            if (!actual.contains(key)) {
                differences.push_back({here, value.dump(), "(missing)"});
                continue;
            }
            compare_expected(value, actual.at(key), here, differences);
        }
    } else if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) {
            differences.push_back(
                {path, std::to_string(expected.size()) + " entries",
                 actual.is_array() ? std::to_string(actual.size()) + " entries" : actual.dump()});
            return;
        }
        for (std::size_t i = 0; i < expected.size(); ++i) {
            compare_expected(expected[i], actual[i], path + "[" + std::to_string(i) + "]",
                             differences);
        }
    } else if (expected != actual) {
        differences.push_back({path, expected.dump(), actual.dump()});
    }
}

} // namespace accrue
