// `accrue diff OLD NEW --ledger FILE`: the same ledger under two versions of
// a program, the what-if before a change ships.
#pragma once

#include <ostream>
#include <string>

namespace accrue {

struct DiffArguments {
    std::string old_program;
    std::string new_program;
    std::string ledger;
    std::string as_of;
    std::string format = "table";
    bool summary = false; // the partner figures and the count, not each event
};

// Throws like run_report on invalid input.
void run_diff(const DiffArguments& args, std::ostream& out);

} // namespace accrue
