#include "cli/fmt_command.hpp"

#include "cli/paths.hpp"

#include "grammar/format/format.hpp"
#include "interpreter/values/bounded_read.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>

namespace accrue {
namespace {

std::string read_all(std::istream& in, const std::string& path) {
    auto text = read_bounded(in, limits::max_program_bytes);
    if (!text) {
        throw std::runtime_error(
            fmt::format("{}: the file is larger than {} bytes", path, limits::max_program_bytes));
    }
    return std::move(*text);
}

// Through a temporary file and a rename, so that an interrupted run never
// leaves half a program behind.
void replace_file(const std::string& path, const std::string& text) {
    const std::string temporary = path + ".accrue-fmt.tmp";
    {
        std::ofstream file(temporary, std::ios::binary | std::ios::trunc);
        file << text;
        if (!file.flush()) {
            throw std::runtime_error(fmt::format("{}: cannot write {}", path, temporary));
        }
    }
    std::filesystem::rename(temporary, path);
}

} // namespace

int run_fmt(const FmtArguments& args, std::istream& in, std::ostream& out, std::ostream& err) {
    std::vector<std::string> files;
    try {
        files = expand_paths(args.files, ".accrue");
    } catch (const NoSuchPath& error) {
        err << "error: " << error.what() << "\n";
        return 2;
    }
    int unformatted = 0;
    int broken = 0;
    for (const std::string& path : files) {
        try {
            SourceFile source{path == "-" ? "<stdin>" : path, {}};
            if (path == "-") {
                source.text = read_all(in, source.path);
            } else {
                std::ifstream file(path, std::ios::binary);
                if (!file) {
                    throw std::runtime_error(fmt::format("{}: cannot read the file", path));
                }
                source.text = read_all(file, path);
            }
            const std::string formatted = format_source(source);
            const bool changes = formatted != source.text;
            if (args.check) {
                out << fmt::format("{}: {}\n", source.path,
                                   changes ? "would be reformatted (run `accrue fmt` on it)"
                                           : "ok");
                unformatted += changes ? 1 : 0;
            } else if (path == "-") {
                out << formatted;
            } else if (changes) {
                replace_file(path, formatted);
                out << fmt::format("{}: reformatted\n", path);
            }
        } catch (const ProgramError& error) {
            err << error.what();
            ++broken;
        } catch (const std::exception& error) {
            err << "error: " << error.what() << "\n";
            ++broken;
        }
    }
    if (args.check && files.size() > 1) {
        out << fmt::format("{} passed, {} failed\n", files.size() - unformatted - broken,
                           unformatted + broken);
    }
    return broken > 0 ? 2 : unformatted > 0 ? 1 : 0;
}

} // namespace accrue
