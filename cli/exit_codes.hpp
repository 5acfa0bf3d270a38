// The exit codes of every command (docs/cli.md), and the one place that turns
// invalid input into a message and exit 2.
#pragma once

#include "interpreter/diagnostics/diagnostic.hpp"

#include <exception>
#include <ostream>

namespace accrue {

constexpr int exit_ok = 0;
constexpr int exit_check_failed = 1;  // check, test, fmt --check
constexpr int exit_invalid_input = 2; // a program or ledger that does not load, a bad argument

// Runs a command that reads a program and a ledger: invalid input of any kind
// is reported on stderr with exit 2, and nothing reaches stdout (the command
// writes only once it has succeeded).
template <typename Command> int guarded(std::ostream& err, Command&& command) {
    try {
        command();
        return exit_ok;
    } catch (const Error& error) {
        err << error.terminal_text();
    } catch (const std::exception& error) {
        err << "error: " << error.what() << "\n";
    }
    return exit_invalid_input;
}

} // namespace accrue
