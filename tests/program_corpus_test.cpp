// Programs as a golden corpus, in the manner of taocpp/config: every file of
// tests/programs/good must load; every file of tests/programs/bad must fail
// with exactly the message kept next to it in NAME.expected. A new case is a
// new file, not new code.
#include "cli/pipeline.hpp"
#include "grammar/format/layout_check.hpp"
#include "grammar/parse.hpp"
#include "grammar/stdlib_sources.hpp"
#include "interpreter/check/check.hpp"
#include "lsp/document.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue;
using namespace accrue::test;

namespace {
std::string load_message(const std::string& relative_name) {
    const SourceFile source{relative_name,
                            read_text(source_path("tests/programs/" + relative_name))};
    try {
        Program program = parse_program(source);
        if (auto misleading = format::misleading_layout(source); !misleading.empty()) {
            throw ProgramError(source, std::move(misleading));
        }
        check_program(program, source);
    } catch (const ProgramError& error) {
        return error.what();
    }
    return "";
}
} // namespace

TEST_CASE("good programs load", "[programs]") {
    const auto files = files_in("tests/programs/good", ".accrue");
    REQUIRE(files.size() >= 3);
    for (const std::string& file : files) {
        SECTION(file) {
            CHECK(load_message("good/" + file).empty());
        }
    }
}

TEST_CASE("the vendor programs load", "[programs]") {
    for (const std::string& file : files_in("programs", ".accrue")) {
        SECTION(file) {
            CHECK_NOTHROW(load_program(source_path("programs/" + file)));
        }
    }
}

TEST_CASE("bad programs fail with their expected message", "[programs]") {
    const auto files = files_in("tests/programs/bad", ".accrue");
    REQUIRE(files.size() >= 12);
    for (const std::string& file : files) {
        SECTION(file) {
            const std::string name = file.substr(0, file.size() - std::string(".accrue").size());
            const std::string expected =
                read_text(source_path("tests/programs/bad/" + name + ".expected"));
            REQUIRE_FALSE(expected.empty());
            CHECK(load_message("bad/" + file) == expected);
        }
    }
}

TEST_CASE("every truncation of a program fails cleanly or loads", "[programs]") {
    // A product manager's half-typed file must get a message, never a crash.
    const std::string text = read_text(source_path("programs/ukraine_hosting.accrue"));
    std::size_t failed = 0;
    for (std::size_t length = 0; length <= text.size(); ++length) {
        const SourceFile source{"cut.accrue", text.substr(0, length)};
        try {
            Program program = parse_program(source);
            check_program(program, source);
        } catch (const ProgramError& error) {
            ++failed;
            CHECK_THAT(error.what(), Catch::StartsWith("cut.accrue:"));
        }
    }
    CHECK(failed > 0);
    CHECK(failed <= text.size());
}

TEST_CASE("every library of stdlib/ parses and can be imported", "[programs]") {
    REQUIRE(std::size(grammar::stdlib_sources) >= 1);
    for (const auto& [name, text] : grammar::stdlib_sources) {
        SECTION(std::string(name)) {
            const SourceFile source{"uses.accrue",
                                    "program uses\n  currency EUR\n  time zone \"UTC\"\n  roles r\n"
                                    "  import " +
                                        std::string(name) + "\n"};
            CHECK_NOTHROW(parse_program(source));
        }
    }
}

TEST_CASE("the libraries of stdlib/ check, in the terminal and in the editor", "[programs]") {
    for (const std::string& file : files_in("stdlib", ".accrue")) {
        SECTION(file) {
            const std::string path = source_path("stdlib/" + file);
            CHECK(run({"check", path}).exit_code == 0);
            CHECK(
                lsp::open_document("file://" + path, read_text(path)).analysis.diagnostics.empty());
        }
    }
}

TEST_CASE("a library's mistakes point into the library", "[programs]") {
    const std::string library =
        write_ledger("mine.accrue", {"library mine", "exclusion bad when payment.amont > 0",
                                     "check c: request.amount > 10.00 EUR"});
    const CliResult result = run({"check", library});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.err,
               Catch::Contains("mine.accrue:2:20: error: unknown field `payment.amont`"));
    // Any program may import it, whatever its payout currency.
    CHECK_THAT(result.err,
               Catch::Contains("mine.accrue:3:25: error: cannot compare money in the payout "
                               "currency with money in EUR"));
}
