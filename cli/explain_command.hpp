// `accrue explain PROGRAM --ledger FILE --event ID`: the path from one ledger
// record to its figures, step by step.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace accrue {

struct ExplainArguments {
    std::string program;
    std::string ledger;
    std::string as_of;
    std::string event;
    std::vector<std::string> settings; // `--set NAME=VALUE`
};

// Throws like run_report on invalid input, and std::invalid_argument when
// the ledger has no record with that id.
void run_explain(const ExplainArguments& args, std::ostream& out);

} // namespace accrue
