// The paths a command is given: a folder stands for the files under it with
// the command's suffix (`check programs/`, `fmt --check programs/`, `test
// programs/`), in a stable order; a path that does not exist is invalid
// input, for every command alike.
#pragma once

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace accrue {

struct NoSuchPath : std::invalid_argument {
    using std::invalid_argument::invalid_argument;
};

// Each path as given (`-`, standard input, too), each folder replaced by its
// files ending in `suffix`, recursively and sorted. Throws NoSuchPath.
std::vector<std::string> expand_paths(const std::vector<std::string>& paths,
                                      std::string_view suffix);

} // namespace accrue
