// `accrue diff OLD NEW --ledger FILE`: the same ledger under two versions of
// a program, the what-if before a change ships.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace accrue {

struct DiffArguments {
    std::string old_program;
    std::string new_program;               // empty: the old one (two settings of one program)
    std::vector<std::string> old_settings; // `--old-set NAME=VALUE`
    std::vector<std::string> new_settings; // `--new-set NAME=VALUE`
    std::string ledger;
    std::string as_of;
    std::string format = "table";
    bool summary = false; // the partner figures and the count, not each event
};

// Throws like run_report on invalid input.
void run_diff(const DiffArguments& args, std::ostream& out);

} // namespace accrue
