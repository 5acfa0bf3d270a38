// The pipeline every command shares: load a program (parse, then check),
// read a ledger under the program's rules, evaluate, render. Throws
// ProgramError, LedgerError, EvaluationError or std::invalid_argument (a bad
// --as-of).
#pragma once

#include "grammar/parameters.hpp"
#include "interpreter/ast/ast.hpp"
#include "interpreter/ledger/ledger.hpp"
#include "interpreter/report/report.hpp"

#include <optional>
#include <ostream>
#include <string>

namespace accrue {

// Reads, parses and checks a program file: what `accrue check` does. A
// library of stdlib/ is checked as a program that uses each of its
// definitions (grammar::library_as_program).
// `settings`: the values of `--set`, for the program's parameters.
Program load_program(const std::string& path, const std::vector<ParameterSetting>& settings = {});

// What a ledger must satisfy for this program (roles, payout currencies).
LedgerRules ledger_rules(const Program& program);

// `--as-of`: an RFC 3339 time, or a date meaning 00:00 of that day in the
// program's time zone (ledger.md); nullopt when it is neither, or outside
// the years 0001 to 9999 in that zone.
std::optional<Instant> parse_as_of(const std::string& text, const Program& program);
// The `--as-of` option: nullopt when not given (the ledger's latest `at`);
// std::invalid_argument when given but not a time parse_as_of reads.
std::optional<Instant> as_of_option(const std::string& text, const Program& program);

// load_program, read_ledger, evaluate and write_report in one step: what
// `accrue run` prints, written to `out` as it is rendered. Nothing is written
// unless the program, the ledger and the evaluation all succeed.
// `progress`, when given, is shown the records read (`--progress`).
struct RunRequest {
    std::string program; // the program's path
    std::string ledger;  // the ledger's path, or `-`
    std::string as_of;   // empty: the ledger's latest `at`
    std::vector<ParameterSetting> settings = {};
};
void write_run_report(const RunRequest& request, const ReportOptions& options, std::ostream& out,
                      std::ostream* progress = nullptr);
// The same, as one string (test compares reports).
std::string run_report(const RunRequest& request, const ReportOptions& options);

// `--set NAME=VALUE` options as settings; SettingError on one without `=`.
std::vector<ParameterSetting> parse_settings(const std::vector<std::string>& options,
                                             const std::string& option = "--set");

} // namespace accrue
