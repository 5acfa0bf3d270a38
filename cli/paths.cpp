#include "cli/paths.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <filesystem>

namespace accrue {

std::vector<std::string> expand_paths(const std::vector<std::string>& paths,
                                      std::string_view suffix) {
    namespace fs = std::filesystem;
    std::vector<std::string> files;
    for (const std::string& path : paths) {
        std::error_code error;
        if (!fs::is_directory(path, error)) {
            if (path != "-" && !fs::exists(path, error)) {
                throw NoSuchPath(fmt::format("no such file or folder: {}", path));
            }
            files.push_back(path); // a file, a pipe, a device: read as it is
            continue;
        }
        std::vector<std::string> found;
        for (const auto& entry : fs::recursive_directory_iterator(path)) {
            if (entry.is_regular_file() && entry.path().filename().string().ends_with(suffix)) {
                found.push_back(entry.path().string());
            }
        }
        std::sort(found.begin(), found.end());
        files.insert(files.end(), found.begin(), found.end());
    }
    return files;
}

} // namespace accrue
