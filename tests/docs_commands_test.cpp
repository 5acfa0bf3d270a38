// The commands shown in the docs are run, so that a reader can follow them
// as written. In docs/tutorial.md and docs/cookbook.md:
// - a ```console block holds commands (`$ ` lines; a line ending in `\` goes
//   on) each followed by its exact output (standard output and error);
// - a fenced block right after `<!-- file: PATH -->` is written to PATH first.
// Each document runs in a fresh copy of programs/, with build/ on the PATH.
#include "support.hpp"

#include <catch2/catch.hpp>

#include <array>
#include <cstdio>
#include <filesystem>
#include <sstream>

using namespace accrue::test;
namespace fs = std::filesystem;

namespace {

struct Step {
    int line = 0;
    std::string file; // a file to write; empty for commands
    std::string command;
    std::string content; // the file's text, or the command's output
};

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::vector<Step> steps_of(const std::string& markdown) {
    const std::vector<std::string> lines = lines_of(markdown);
    std::vector<Step> steps;
    std::string file;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string& line = lines[i];
        if (line.starts_with("<!-- file: ")) {
            file = line.substr(11, line.find(" -->") - 11);
            continue;
        }
        if (!line.starts_with("```") || line == "```") {
            continue;
        }
        const bool console = line == "```console";
        std::size_t end = i + 1;
        while (end < lines.size() && lines[end] != "```") {
            ++end;
        }
        if (!file.empty()) {
            Step step{static_cast<int>(i + 1), file, {}, {}};
            for (std::size_t j = i + 1; j < end; ++j) {
                step.content += lines[j] + "\n";
            }
            steps.push_back(step);
            file.clear();
        } else if (console) {
            for (std::size_t j = i + 1; j < end;) {
                Step step{static_cast<int>(j + 1), {}, lines[j].substr(2), {}};
                while (step.command.ends_with("\\") && ++j < end) {
                    step.command += "\n" + lines[j];
                }
                for (++j; j < end && !lines[j].starts_with("$ "); ++j) {
                    step.content += lines[j] + "\n";
                }
                steps.push_back(step);
            }
        }
        i = end;
    }
    return steps;
}

// Runs a command with bash in `folder`; its output, standard error included.
std::string run_shell(const fs::path& folder, const std::string& command) {
    const fs::path script = folder.parent_path() / (folder.filename().string() + ".sh");
    {
        std::ofstream out(script);
        out << "cd '" << folder.string() << "'\nexport PATH='" << ACCRUE_BUILD_DIR
            << "':\"$PATH\"\n"
            << command << "\n";
    }
    std::string output;
    FILE* pipe = popen(("bash '" + script.string() + "' 2>&1").c_str(), "r");
    REQUIRE(pipe != nullptr);
    std::array<char, 4096> buffer{};
    while (const std::size_t n = std::fread(buffer.data(), 1, buffer.size(), pipe)) {
        output.append(buffer.data(), n);
    }
    pclose(pipe);
    fs::remove(script);
    return output;
}

void run_document(const std::string& doc, std::size_t expected_commands) {
    const fs::path folder =
        fs::temp_directory_path() / ("accrue_docs_" + fs::path(doc).stem().string());
    fs::remove_all(folder);
    fs::create_directories(folder);
    fs::copy(source_path("programs"), folder / "programs", fs::copy_options::recursive);
    std::size_t commands = 0;
    for (const Step& step : steps_of(read_text(source_path(doc)))) {
        INFO(doc << ":" << step.line << ": " << (step.file.empty() ? step.command : step.file));
        if (!step.file.empty()) {
            // The file is in the repository beside the doc, as shown, so
            // that its commands run from there as written.
            const fs::path kept = fs::path(source_path(doc)).parent_path() / step.file;
            CHECK(fs::exists(kept));
            if (fs::exists(kept)) {
                CHECK(read_text(kept.string()) == step.content);
            }
            // Written where the repository has it; commands run from the root.
            const fs::path written = folder / fs::path(doc).parent_path() / step.file;
            fs::create_directories(written.parent_path());
            std::ofstream(written) << step.content;
            continue;
        }
        CHECK(run_shell(folder, step.command) == step.content);
        ++commands;
    }
    CHECK(commands == expected_commands); // the blocks were all found
    fs::remove_all(folder);
}

} // namespace

TEST_CASE("docs/tutorial.md: every command works as written", "[docs]") {
    run_document("docs/tutorial.md", 21);
}

TEST_CASE("docs/cookbook.md: the recipes' runs give the figures worked out by hand", "[docs]") {
    run_document("docs/cookbook.md", 37);
}

TEST_CASE("every file of docs/cookbook/ is shown in docs/cookbook.md", "[docs]") {
    const std::string text = read_text(source_path("docs/cookbook.md"));
    std::size_t files = 0;
    for (const auto& entry : fs::directory_iterator(source_path("docs/cookbook"))) {
        const std::string name = entry.path().filename().string();
        INFO(name);
        CHECK(text.find("<!-- file: cookbook/" + name + " -->") != std::string::npos);
        ++files;
    }
    CHECK(files >= 25);
}
