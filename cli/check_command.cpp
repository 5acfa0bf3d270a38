#include "cli/check_command.hpp"

#include "cli/exit_codes.hpp"
#include "cli/paths.hpp"
#include "cli/pipeline.hpp"

#include <fmt/format.h>

namespace accrue {

int run_check(const std::vector<std::string>& paths, std::ostream& out, std::ostream& err) {
    std::vector<std::string> files;
    try {
        files = expand_paths(paths, ".accrue");
    } catch (const NoSuchPath& error) {
        err << "error: " << error.what() << "\n";
        return exit_invalid_input;
    }
    int failed = 0;
    for (const std::string& file : files) {
        try {
            load_program(file);
            out << file << ": ok\n";
        } catch (const ProgramError& error) {
            err << error.what();
            ++failed;
        } catch (const std::exception& error) {
            err << error.what() << "\n";
            ++failed;
        }
    }
    if (files.size() > 1) {
        out << fmt::format("{} passed, {} failed\n", files.size() - failed, failed);
    }
    return failed == 0 ? exit_ok : exit_check_failed;
}

} // namespace accrue
