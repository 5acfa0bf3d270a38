// Helpers shared by the tests: run the `accrue` command in-process, and
// compare a report with an expectation that lists only the fields it checks.
#pragma once

#include "cli/commands.hpp"
#include "cli/expectations.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <streambuf>
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

// The non-empty lines of a JSON Lines text.
inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) {
            lines.push_back(line);
        }
    }
    return lines;
}

// The lines as a ledger file in the temporary folder; its path.
inline std::string write_ledger(const std::string& name, const std::vector<std::string>& lines) {
    const auto path = std::filesystem::temp_directory_path() / name;
    std::ofstream out(path, std::ios::binary);
    for (const std::string& line : lines) {
        out << line << '\n';
    }
    return path.string();
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

// Every field of `expected` must be in `actual` with the same value (the
// matcher of `accrue test`, cli/expectations.hpp).
inline void match(const nlohmann::json& expected, const nlohmann::json& actual,
                  const std::string& path, std::vector<std::string>& differences) {
    std::vector<Difference> found;
    compare_expected(expected, actual, path, found);
    for (const Difference& d : found) {
        differences.push_back(d.path + ": " + d.text);
    }
}

// An endless stream of zero bytes, like /dev/zero.
class Zeros : public std::streambuf {
  protected:
    int_type underflow() override {
        std::fill(buffer_, buffer_ + sizeof buffer_, '\0');
        setg(buffer_, buffer_, buffer_ + sizeof buffer_);
        return traits_type::to_int_type('\0');
    }

  private:
    char buffer_[4096]{};
};

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

struct ShellResult {
    int status = 0;
    std::string out;
};

// `command` run by the shell, with what it writes on standard output.
inline ShellResult shell(const std::string& command) {
    FILE* pipe = popen(command.c_str(), "r");
    ShellResult result;
    if (pipe == nullptr) {
        result.status = -1;
        return result;
    }
    char buffer[4096];
    while (const std::size_t n = std::fread(buffer, 1, sizeof buffer, pipe)) {
        result.out.append(buffer, n);
    }
    result.status = pclose(pipe);
    return result;
}

} // namespace accrue::test
