// `accrue run PROGRAM --ledger FILE`: the report, or one record's explanation.
#pragma once

#include <optional>
#include <ostream>
#include <string>
#include <vector>

namespace accrue {

struct RunArguments {
    std::string program;
    std::string ledger;
    std::string as_of;
    std::string format = "table";
    bool totals = false;
    std::string explain;               // an event id: explain it instead of printing the report
    std::vector<std::string> settings; // `--set NAME=VALUE`, for the program's parameters
    // `--progress` / `--no-progress`; unset: shown when standard error is a terminal.
    std::optional<bool> progress;
};

// Exit 0 with the report on `out`; 2 with the message on `err` for invalid input.
int run_program(const RunArguments& args, std::ostream& out, std::ostream& err);

} // namespace accrue
