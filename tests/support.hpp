// Helpers shared by the tests: run the `accrue` command in-process, and
// compare a report with an expectation that lists only the fields it checks.
#pragma once

#include "cli/commands.hpp"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace accrue::test {

inline std::string source_path(const std::string& relative) {
    return std::string(ACCRUE_SOURCE_DIR) + "/" + relative;
}

struct CliResult {
    int exit_code = 0;
    std::string out;
    std::string err;
};

inline CliResult run(std::vector<std::string> args) {
    args.insert(args.begin(), "accrue");
    std::vector<const char*> argv;
    for (const std::string& a : args) {
        argv.push_back(a.c_str());
    }
    std::ostringstream out;
    std::ostringstream err;
    const int code = run_cli(static_cast<int>(argv.size()), argv.data(), out, err);
    return {code, out.str(), err.str()};
}

inline nlohmann::json read_json(const std::string& path) {
    std::ifstream in(path);
    return nlohmann::json::parse(in);
}

inline std::string read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

// Every field of `expected` must be in `actual` with the same value; keys
// starting with `_` are instructions, not fields; arrays match element by
// element and must have the same length.
inline void match(const nlohmann::json& expected, const nlohmann::json& actual,
                  const std::string& path, std::vector<std::string>& differences) {
    if (expected.is_object()) {
        if (!actual.is_object()) {
            differences.push_back(path + ": expected an object, got " + actual.dump());
            return;
        }
        for (const auto& [key, value] : expected.items()) {
            if (key.starts_with("_")) {
                continue;
            }
            if (!actual.contains(key)) {
                differences.push_back(path + "." + key + ": missing");
                continue;
            }
            match(value, actual.at(key), path + "." + key, differences);
        }
    } else if (expected.is_array()) {
        if (!actual.is_array() || actual.size() != expected.size()) {
            differences.push_back(path + ": expected " + std::to_string(expected.size()) +
                                  " elements, got " + actual.dump());
            return;
        }
        for (std::size_t i = 0; i < expected.size(); ++i) {
            match(expected[i], actual[i], path + "[" + std::to_string(i) + "]", differences);
        }
    } else if (expected != actual) {
        differences.push_back(path + ": expected " + expected.dump() + ", got " + actual.dump());
    }
}

inline std::vector<std::string> files_in(const std::string& relative_dir,
                                         const std::string& suffix) {
    std::vector<std::string> files;
    for (const auto& entry : std::filesystem::directory_iterator(source_path(relative_dir))) {
        const std::string name = entry.path().filename().string();
        if (name.ends_with(suffix)) {
            files.push_back(name);
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

} // namespace accrue::test
