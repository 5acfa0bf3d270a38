// A test case is a JSON file beside its program, such as
// programs/ukraine_hosting.sample.test.json:
//
//   {"description": "...", "program": "ukraine_hosting.accrue",
//    "ledger": "ukraine_hosting.sample.jsonl", "as_of": "2024-03-10",
//    "expect": { ...the figures of the report that must hold... }}
//
// Paths are relative to the case file; `as_of` is optional; `expect` lists
// only the fields it checks (cli/expectations.hpp).
#include "cli/test_command.hpp"

#include "cli/exit_codes.hpp"
#include "cli/expectations.hpp"
#include "cli/paths.hpp"
#include "cli/pipeline.hpp"
#include "interpreter/diagnostics/suggest.hpp"
#include "interpreter/values/bounded_read.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>

namespace accrue {
namespace {

namespace fs = std::filesystem;

// How deep objects and arrays nest (a scalar: 0), without recursing:
// comparing recurses, so a case's depth is bounded first.
std::size_t depth_of(const nlohmann::json& root) {
    std::size_t deepest = 0;
    std::vector<std::pair<const nlohmann::json*, std::size_t>> pending{{&root, 0}};
    while (!pending.empty()) {
        const auto [value, depth] = pending.back();
        pending.pop_back();
        if (!value->is_structured()) {
            continue;
        }
        deepest = std::max(deepest, depth + 1);
        for (const nlohmann::json& inner : *value) {
            pending.emplace_back(&inner, depth + 1);
        }
    }
    return deepest;
}

// A key of the case that is none of its fields (notes start with `_`).
std::optional<std::string> misnamed_key(const nlohmann::json& spec) {
    if (!spec.is_object()) {
        return "a test case is a JSON object: {\"program\", \"ledger\", \"as_of\", \"expect\"}";
    }
    const std::vector<std::string> keys{"description", "program",    "ledger",
                                        "as_of",       "parameters", "expect"};
    for (const auto& [key, unused] : spec.items()) {
        if (key.starts_with("_") || std::find(keys.begin(), keys.end(), key) != keys.end()) {
            continue;
        }
        const std::string near = closest(key, keys);
        return fmt::format("the test case has an unknown key \"{}\"{}: its keys are description, "
                           "program, ledger, as_of, parameters and expect (notes start with `_`)",
                           key, near.empty() ? "" : fmt::format(" (did you mean \"{}\"?)", near));
    }
    return std::nullopt;
}

// `"parameters": {"top_rate": "12%"}`: the values the case sets, as
// `--set` would; each value a string, as written in the program.
std::vector<ParameterSetting> case_settings(const nlohmann::json& spec) {
    std::vector<ParameterSetting> settings;
    if (const auto it = spec.find("parameters"); it != spec.end()) {
        if (!it->is_object()) {
            throw SettingError(
                "the test case's \"parameters\" is an object: {\"NAME\": \"VALUE\"}");
        }
        for (const auto& [name, value] : it->items()) {
            if (!value.is_string()) {
                throw SettingError(fmt::format(
                    "the test case's parameter \"{}\" is {}: write it as a string, as in the "
                    "program (\"12%\", \"30 days\")",
                    name, value.dump()));
            }
            settings.push_back({name, value.get<std::string>()});
        }
    }
    return settings;
}

// The differences of one case; empty when it passes. Invalid input is a
// failure with its message.
std::vector<std::string> run_case(const fs::path& file) {
    nlohmann::json spec;
    try {
        std::ifstream in(file);
        if (!in) {
            return {"cannot read the test case"};
        }
        const auto text = read_bounded(in, limits::max_test_case_bytes);
        if (!text) {
            return {
                fmt::format("the test case is larger than {} bytes", limits::max_test_case_bytes)};
        }
        spec = nlohmann::json::parse(*text);
    } catch (const nlohmann::json::exception& error) {
        return {fmt::format("the test case is not valid JSON: {}", error.what())};
    }
    if (depth_of(spec) > limits::max_json_depth) {
        return {
            fmt::format("the test case nests more than {} levels deep", limits::max_json_depth)};
    }
    if (auto problem = misnamed_key(spec)) {
        return {*problem};
    }
    for (const char* key : {"program", "ledger", "expect"}) {
        if (!spec.contains(key)) {
            return {fmt::format("the test case has no \"{}\"", key)};
        }
    }
    for (const char* key : {"program", "ledger", "as_of"}) {
        if (spec.contains(key) && !spec.at(key).is_string()) {
            return {fmt::format("the test case's \"{}\" is {}: write it as a string", key,
                                spec.at(key).dump())};
        }
    }
    const fs::path dir = file.parent_path();
    nlohmann::json actual;
    try {
        const std::string as_of = spec.value("as_of", "");
        const std::string report = run_report(
            {(dir / spec.at("program").get<std::string>()).string(),
             (dir / spec.at("ledger").get<std::string>()).string(), as_of, case_settings(spec)},
            {ReportFormat::json, false});
        actual = nlohmann::json::parse(report);
    } catch (const std::exception& error) {
        return {fmt::format("could not run: {}", error.what())};
    }
    std::vector<Difference> differences;
    compare_expected(spec.at("expect"), actual, "", differences);
    std::vector<std::string> lines;
    for (const Difference& d : differences) {
        lines.push_back(fmt::format("{}: {}", d.path, d.text));
    }
    return lines;
}

} // namespace

int run_tests(const std::vector<std::string>& paths, std::ostream& out, std::ostream& err) {
    std::vector<fs::path> cases;
    try {
        for (const std::string& file : expand_paths(paths, ".test.json")) {
            cases.emplace_back(file);
        }
    } catch (const NoSuchPath& error) {
        err << "error: " << error.what() << "\n";
        return exit_invalid_input;
    }
    std::size_t passed = 0;
    std::size_t failed = 0;
    for (const fs::path& file : cases) {
        const std::vector<std::string> problems = run_case(file);
        if (problems.empty()) {
            ++passed;
            out << "ok    " << file.string() << "\n";
            continue;
        }
        ++failed;
        out << "FAIL  " << file.string() << "\n";
        for (const std::string& problem : problems) {
            std::string indented = problem;
            for (std::size_t at = indented.find('\n'); at != std::string::npos;
                 at = indented.find('\n', at + 7)) {
                indented.insert(at + 1, "      ");
            }
            out << "      " << indented << "\n";
        }
    }
    if (cases.empty()) {
        out << "no test cases (*.test.json) found\n";
    }
    out << fmt::format("{} passed, {} failed\n", passed, failed);
    return failed == 0 && !cases.empty() ? 0 : 1;
}

} // namespace accrue
