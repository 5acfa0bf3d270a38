// `accrue test [PATH...]`: the test cases kept beside the programs.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace accrue {

// Runs every *.test.json under the paths (directories are searched
// recursively); prints one line a case, the differences of a failed one, and
// `N passed, N failed`. Returns 0 when every case passed, 1 otherwise.
int run_tests(const std::vector<std::string>& paths, std::ostream& out, std::ostream& err);

} // namespace accrue
