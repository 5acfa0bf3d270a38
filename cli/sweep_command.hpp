// `accrue sweep PROGRAM --ledger FILE --grid NAME=V1,V2 ...`: every
// combination of the parameters' values on one read of the ledger, one row
// per variant (docs/cli.md).
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace accrue {

struct SweepArguments {
    std::string program;
    std::string ledger;
    std::string as_of;
    std::vector<std::string> grids; // `--grid NAME=V1,V2,...`
    std::string format = "table";
    bool per_partner = false; // one row per variant and partner
};

// Throws like run_report on invalid input, SettingError on a bad grid.
void run_sweep(const SweepArguments& args, std::ostream& out);

} // namespace accrue
