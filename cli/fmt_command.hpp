// `accrue fmt [--check] FILE...`: program and library files in canonical
// layout (grammar/format.hpp). `-` reads standard input and writes standard
// output.
#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

namespace accrue {

struct FmtArguments {
    std::vector<std::string> files;
    bool check = false; // report files that would change instead of rewriting them
};

// Exit 0: every file formatted (or, with --check, already so); 1: --check
// found files that would change; 2: a file does not parse or cannot be read.
int run_fmt(const FmtArguments& args, std::istream& in, std::ostream& out, std::ostream& err);

} // namespace accrue
