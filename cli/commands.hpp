// The `accrue` command line. Kept apart from main() so that tests run the
// very same code in-process, with their own streams.
#pragma once

#include <iostream>

namespace accrue {

// Exit codes: 0 ok, 1 a program failed its checks, 2 invalid input (a
// program that does not load, a ledger that does not read, a bad argument).
// `in` is read by `accrue fmt -`.
int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            std::istream& in = std::cin);

} // namespace accrue
