#include "cli/expectations.hpp"

#include "interpreter/diagnostics/suggest.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace accrue {
namespace {

using nlohmann::json;

// The fields that name an entry of a report's list, most telling first: the
// first one an expected entry gives is its key when the others do not match.
constexpr std::array<const char*, 7> identity_keys{"event", "partner", "name",   "period",
                                                   "kind",  "rule",    "benefit"};

std::string type_name(const json& value) {
    if (value.is_string()) {
        return "the string " + value.dump();
    }
    if (value.is_number()) {
        return "the number " + value.dump();
    }
    if (value.is_boolean()) {
        return value.dump();
    }
    if (value.is_null()) {
        return "null";
    }
    return value.is_array() ? "a list" : "an object";
}

std::string value_mismatch(const json& expected, const json& actual) {
    if (expected.is_number() && actual.is_string()) {
        return fmt::format("expected {}, got {} (the report writes figures as strings, with the "
                           "currency's decimals: write {})",
                           type_name(expected), type_name(actual), actual.dump());
    }
    return fmt::format("expected {}, got {}", expected.dump(), actual.dump());
}

// "pay4, commission": the identity fields an entry gives; empty if none.
std::string identity_of(const json& entry) {
    std::string label;
    if (entry.is_object()) {
        for (const char* key : identity_keys) {
            if (const auto it = entry.find(key); it != entry.end() && it->is_primitive()) {
                label += (label.empty() ? "" : ", ") +
                         (it->is_string() ? it->get<std::string>() : it->dump());
            }
        }
    }
    return label;
}

// "[pay4, commission]", or "[3]" for an entry that nothing names.
std::string label_of(const json& entry, std::size_t position) {
    const std::string identity = identity_of(entry);
    return "[" + (identity.empty() ? std::to_string(position) : identity) + "]";
}

// An entry in a few words: what names it and its figure, in that order.
std::string summary_of(const json& entry) {
    if (!entry.is_object()) {
        return entry.dump();
    }
    nlohmann::ordered_json summary;
    for (const char* key : identity_keys) {
        if (entry.contains(key)) {
            summary[key] = entry.at(key);
        }
    }
    for (const char* key : {"amount", "currency", "reason", "approved"}) {
        if (entry.contains(key)) {
            summary[key] = entry.at(key);
        }
    }
    return summary.empty() ? entry.dump() : summary.dump();
}

bool same_identity(const json& expected, const json& actual, bool primary_only) {
    if (!expected.is_object() || !actual.is_object()) {
        return false;
    }
    bool any = false;
    for (const char* key : identity_keys) {
        const auto it = expected.find(key);
        if (it == expected.end() || !it->is_primitive()) {
            continue;
        }
        if (!actual.contains(key) || actual.at(key) != *it) {
            return false;
        }
        any = true;
        if (primary_only) {
            break;
        }
    }
    return any;
}

bool matches(const json& expected, const json& actual) {
    std::vector<Difference> none;
    compare_expected(expected, actual, "", none);
    return none.empty();
}

// The unused entry of `actual` that `expected` names: one that matches it
// whole if there is one, else the first of the same identity, else the first
// of the same key (its differences then say what changed).
constexpr std::size_t no_entry = static_cast<std::size_t>(-1);

std::size_t find_entry(const json& expected, const json& actual, const std::vector<bool>& used) {
    for (const bool primary_only : {false, true}) {
        std::size_t first = no_entry;
        for (std::size_t i = 0; i < actual.size(); ++i) {
            if (used[i] || !same_identity(expected, actual[i], primary_only)) {
                continue;
            }
            if (matches(expected, actual[i])) {
                return i;
            }
            first = std::min(first, i);
        }
        if (first != no_entry) {
            return first;
        }
    }
    return no_entry;
}

void compare_entries(const json& expected, const json& actual, bool whole_list,
                     const std::string& path, std::vector<Difference>& differences) {
    std::vector<bool> used(actual.size(), false);
    for (std::size_t i = 0; i < expected.size(); ++i) {
        const json& entry = expected[i];
        // An entry that nothing names is matched by its position.
        const std::size_t found = !identity_of(entry).empty()     ? find_entry(entry, actual, used)
                                  : i < actual.size() && !used[i] ? i
                                                                  : no_entry;
        const std::string here = path + label_of(entry, i);
        if (found == no_entry) {
            differences.push_back({here, "missing: the report has no such entry"});
            continue;
        }
        used[found] = true;
        compare_expected(entry, actual[found], here, differences);
    }
    if (!whole_list) {
        return;
    }
    for (std::size_t i = 0; i < actual.size(); ++i) {
        if (!used[i]) {
            differences.push_back(
                {path + label_of(actual[i], i),
                 fmt::format("extra: the report has {} (an expectation written as "
                             "{{\"including\": [...]}} lists only some entries)",
                             summary_of(actual[i]))});
        }
    }
}

void compare_fields(const json& expected, const json& actual, const std::string& path,
                    std::vector<Difference>& differences) {
    for (const auto& [key, value] : expected.items()) {
        if (key.starts_with("_")) {
            continue;
        }
        const std::string here = path.empty() ? key : path + "." + key;
        if (!actual.contains(key)) {
            std::vector<std::string> fields;
            for (const auto& [name, unused] : actual.items()) {
                fields.push_back(name);
            }
            const std::string near = closest(key, fields);
            differences.push_back(
                {here, near.empty() ? "the report has no such field"
                                    : fmt::format("the report has no such field (did you mean "
                                                  "\"{}\"?)",
                                                  near)});
            continue;
        }
        compare_expected(value, actual.at(key), here, differences);
    }
}

// {"including": [...]}: only some of a list's entries.
bool is_partial_list(const json& expected) {
    return expected.is_object() && expected.size() == 1 && expected.contains("including") &&
           expected.at("including").is_array();
}

} // namespace

void compare_expected(const json& expected, const json& actual, const std::string& path,
                      std::vector<Difference>& differences) {
    if (expected.is_array() || is_partial_list(expected)) {
        if (!actual.is_array()) {
            differences.push_back({path, fmt::format("expected a list, got {}", actual.dump())});
            return;
        }
        const bool whole_list = expected.is_array();
        compare_entries(whole_list ? expected : expected.at("including"), actual, whole_list, path,
                        differences);
    } else if (expected.is_object()) {
        if (!actual.is_object()) {
            differences.push_back({path, fmt::format("expected an object, got {}", actual.dump())});
            return;
        }
        compare_fields(expected, actual, path, differences);
    } else if (expected != actual) {
        differences.push_back({path, value_mismatch(expected, actual)});
    }
}

} // namespace accrue
