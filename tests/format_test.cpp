// `accrue fmt`: the canonical layout (hand-written expectations), idempotence
// on every program and library of the repository, and the same figures
// before and after formatting.
#include "grammar/format/format.hpp"
#include "grammar/format/marks.hpp"
#include "grammar/format/tokens.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <sstream>

using namespace accrue;
using namespace accrue::test;
namespace fs = std::filesystem;

namespace {

std::string formatted(const std::string& path) {
    return format_source(SourceFile{path, read_text(path)});
}

// The .accrue files of a folder of the repository, as paths.
std::vector<std::string> accrue_files(const std::string& folder) {
    std::vector<std::string> paths;
    for (const std::string& name : files_in(folder, ".accrue")) {
        paths.push_back(source_path(folder + "/" + name));
    }
    return paths;
}

// The same tokens with another layout that still shows the structure as
// the parser reads it (grammar/format/layout_check.hpp): each construct on a
// line of its own, indented 4 a level instead of 2, runs of blanks between
// tokens, and expressions broken onto deep continuation lines (never a break
// inside `30 days` or `10.00 USD`, where the grammar wants a space).
std::string scrambled(const std::string& text) {
    const format::LayoutMarks marks = format::layout_marks(SourceFile{"scrambled", text});
    std::string out;
    std::size_t n = 0;
    bool after_number = false;
    for (const format::Token& t : format::tokenize(text)) {
        if (const auto start = marks.line_starts.find(t.offset); start != marks.line_starts.end()) {
            out += "\n" + std::string(static_cast<std::size_t>(2 * start->second.indent), ' ');
        } else if (!out.empty() && (out.back() == '\n' || (!after_number && ++n % 3 == 0))) {
            out += "\n" + std::string(40, ' ');
        }
        out += t.text;
        out += t.kind == format::Token::Kind::comment ? "\n" : "   ";
        after_number = t.kind == format::Token::Kind::number;
    }
    return out;
}

} // namespace

TEST_CASE("fmt lays out a messy program as written in tests/format", "[fmt]") {
    for (const std::string name : {"messy", "comments_crlf"}) {
        SECTION(name) {
            const std::string expected =
                read_text(source_path("tests/format/" + name + ".formatted.accrue"));
            CHECK(formatted(source_path("tests/format/" + name + ".accrue")) == expected);
            CHECK(format_source(SourceFile{name, expected}) == expected);
        }
    }
}

TEST_CASE("every program and library of the repository is formatted", "[fmt]") {
    std::size_t count = 0;
    for (const std::string folder : {"programs", "stdlib", "tests/golden", "tests/programs/good"}) {
        for (const std::string& file : accrue_files(folder)) {
            INFO(file);
            CHECK(formatted(file) == read_text(file));
            ++count;
        }
    }
    CHECK(count >= 10);
}

TEST_CASE("fmt is idempotent, also on programs that fail their checks", "[fmt]") {
    for (const std::string& file : accrue_files("tests/programs/bad")) {
        INFO(file);
        std::string once;
        try {
            once = formatted(file);
        } catch (const ProgramError&) {
            continue; // a syntax error: nothing to format
        }
        CHECK(format_source(SourceFile{file, once}) == once);
        const std::string again = format_source(SourceFile{file, scrambled(read_text(file))});
        CHECK(format_source(SourceFile{file, again}) == again);
    }
}

TEST_CASE("a program gives the same figures before and after formatting", "[fmt]") {
    const fs::path folder = fs::temp_directory_path() / "accrue_fmt_test";
    fs::create_directories(folder);
    for (const std::string name : {"ukraine_hosting", "message_help", "umnico", "ringostat"}) {
        SECTION(name) {
            const std::string program = source_path("programs/" + name + ".accrue");
            const std::string ledger = source_path("programs/" + name + ".sample.jsonl");
            const std::string messy = (folder / (name + ".accrue")).string();
            {
                std::ofstream out(messy, std::ios::binary);
                out << scrambled(read_text(program));
            }
            const CliResult fmt = run({"fmt", messy});
            REQUIRE(fmt.exit_code == 0);
            CHECK(fmt.out == messy + ": reformatted\n");
            const CliResult before = run({"run", program, "--ledger", ledger, "--format", "json"});
            const CliResult after = run({"run", messy, "--ledger", ledger, "--format", "json"});
            REQUIRE(before.exit_code == 0);
            nlohmann::json a = nlohmann::json::parse(before.out);
            nlohmann::json b = nlohmann::json::parse(after.out);
            a["program"].erase("file");
            b["program"].erase("file");
            CHECK(a == b);
            CHECK(a["accruals"].size() > 3);
        }
    }
    fs::remove_all(folder);
}

TEST_CASE("fmt --check names the files that would change; - is standard input", "[fmt]") {
    const std::string messy = source_path("tests/format/messy.accrue");
    const std::string tidy = source_path("tests/format/messy.formatted.accrue");
    const CliResult check = run({"fmt", "--check", messy, tidy});
    CHECK(check.exit_code == 1);
    CHECK(check.out == messy + ": would be reformatted (run `accrue fmt` on it)\n" + tidy +
                           ": ok\n1 passed, 1 failed\n");
    CHECK(read_text(messy).find("program   messy") != std::string::npos); // untouched
    CHECK(run({"fmt", "--check", tidy}).exit_code == 0);

    std::istringstream input(read_text(messy));
    std::ostringstream out;
    std::ostringstream err;
    const char* argv[] = {"accrue", "fmt", "-"};
    CHECK(run_cli(3, argv, out, err, input) == 0);
    CHECK(out.str() == read_text(tidy));
}

TEST_CASE("fmt leaves a file with a syntax error as it is (exit 2)", "[fmt]") {
    const fs::path file = fs::temp_directory_path() / "accrue_fmt_broken.accrue";
    const std::string text = "program t\n  currency EUR\ncommission c on payment\n  amount 5 +\n";
    {
        std::ofstream out(file, std::ios::binary);
        out << text;
    }
    const CliResult result = run({"fmt", file.string()});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("4:13: error: expected a value after the operator"));
    CHECK(read_text(file.string()) == text);
    fs::remove(file);
}
