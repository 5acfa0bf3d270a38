// `accrue check FILE...`: parse and check programs.
#pragma once

#include <ostream>
#include <string>
#include <vector>

namespace accrue {

// One line a file (`FILE: ok`, or its messages on `err`), then `N passed, N
// failed` for several files. Returns 0 when every file passed, 1 otherwise.
int run_check(const std::vector<std::string>& files, std::ostream& out, std::ostream& err);

} // namespace accrue
