// The examples in the docs are checked, so that they cannot rot: every
// ```accrue block that is a whole program (it starts with `program`) must
// pass the static checks.
#include "grammar/format/format.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/ledger/fields.hpp"
#include "interpreter/values/limits.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <map>

using namespace accrue;
using namespace accrue::test;

namespace {
std::vector<std::pair<int, std::string>> program_blocks(const std::string& text) {
    std::vector<std::pair<int, std::string>> blocks;
    std::size_t at = 0;
    while ((at = text.find("```accrue\n", at)) != std::string::npos) {
        const std::size_t begin = at + 10;
        const std::size_t end = text.find("```", begin);
        std::string block = text.substr(begin, end - begin);
        const std::size_t first = block.find_first_not_of(" \n");
        std::size_t start = first;
        while (start != std::string::npos && block[start] == '#') { // leading comments
            start = block.find_first_not_of(" \n", block.find('\n', start));
        }
        if (start != std::string::npos && block.compare(start, 8, "program ") == 0) {
            const int line = static_cast<int>(std::count(
                                 text.begin(), text.begin() + static_cast<long>(begin), '\n')) +
                             1;
            blocks.emplace_back(line, std::move(block));
        }
        at = end + 3;
    }
    return blocks;
}
} // namespace

TEST_CASE("whole programs shown in the docs pass the checks", "[docs]") {
    std::size_t checked = 0;
    for (const std::string doc :
         {"docs/language.md", "docs/cookbook.md", "docs/tutorial.md", "README.md"}) {
        const std::string text = read_text(source_path(doc));
        for (const auto& [line, block] : program_blocks(text)) {
            SECTION(doc + ":" + std::to_string(line)) {
                const SourceFile source{doc + ":" + std::to_string(line), block};
                try {
                    Program program = parse_program(source);
                    check_program(program, source);
                    // Shown as `accrue fmt` would write it.
                    CHECK(format_source(source) == block);
                } catch (const ProgramError& error) {
                    FAIL(error.what());
                }
            }
            ++checked;
        }
    }
    CHECK(checked >= 1);
}

TEST_CASE("docs/language.md lists exactly the fields of the field table", "[docs][fields]") {
    const std::string text = read_text(source_path("docs/language.md"));
    std::vector<std::string> documented;
    std::size_t at = 0;
    while ((at = text.find("\n| `", at)) != std::string::npos) {
        const std::size_t begin = at + 4;
        const std::size_t end = text.find('`', begin);
        const std::string cell = text.substr(begin, end - begin);
        const auto dot = cell.find('.');
        const bool is_field = dot != std::string::npos && cell.find(' ') == std::string::npos &&
                              text.compare(end, 3, "` |") == 0;
        if (is_field) {
            documented.push_back(cell);
        }
        at = end;
    }
    std::vector<std::string> declared; // by object, in the order messages list them
    for (const FieldObject& object : field_objects()) {
        for (const LedgerField& field : ledger_fields()) {
            if (field.object == object.name) {
                declared.push_back(std::string(field.object) + "." + std::string(field.name));
            }
        }
    }
    CHECK(documented == declared);
    REQUIRE(declared.size() >= 30);
}

TEST_CASE("docs/limits.md gives the numbers of the limits header", "[docs][limits]") {
    const std::map<std::string, std::uint64_t> header{
        {"max_program_bytes", limits::max_program_bytes},
        {"max_nesting", limits::max_nesting},
        {"max_expression_depth", limits::max_expression_depth},
        {"max_name_bytes", limits::max_name_bytes},
        {"max_ledger_bytes", limits::max_ledger_bytes},
        {"max_line_bytes", limits::max_line_bytes},
        {"max_json_depth", limits::max_json_depth},
        {"max_test_case_bytes", limits::max_test_case_bytes},
        {"max_digits", static_cast<std::uint64_t>(limits::max_digits)},
        {"max_scale", static_cast<std::uint64_t>(limits::max_scale)},
        {"min_year", static_cast<std::uint64_t>(limits::min_year)},
        {"max_year", static_cast<std::uint64_t>(limits::max_year)},
        {"max_duration_days", static_cast<std::uint64_t>(limits::max_duration_days)},
        {"max_calendar_months", static_cast<std::uint64_t>(limits::max_calendar_months)},
        {"max_suggestion_bytes", limits::max_suggestion_bytes},
    };
    const std::string text = read_text(source_path("docs/limits.md"));
    std::map<std::string, std::uint64_t> documented;
    std::size_t at = 0;
    while ((at = text.find("\n| `", at)) != std::string::npos) {
        const std::size_t name_end = text.find('`', at + 4);
        const std::string name = text.substr(at + 4, name_end - at - 4);
        const std::size_t value = text.find_first_of("0123456789", name_end);
        documented[name] = std::stoull(text.substr(value, text.find(' ', value) - value));
        at = name_end;
    }
    CHECK(documented == header);
}

TEST_CASE("docs/ledger.md and docs/report.md are the shared contracts, word for word", "[docs]") {
    // A clone alone has the contracts in docs/; where the team's shared folder is beside it
    // (as in CI), the copies must not have drifted from it.
    const std::filesystem::path shared =
        std::filesystem::path(ACCRUE_SOURCE_DIR).parent_path() / "shared" / "spec";
    for (const std::string name : {"ledger.md", "report.md"}) {
        const std::string ours = read_text(source_path("docs/" + name));
        CHECK_THAT(ours, Catch::Contains("Version 1.2 additions"));
        if (std::filesystem::exists(shared / name)) {
            CHECK(ours == read_text((shared / name).string()));
        } else {
            WARN("no " << (shared / name).string() << " to compare docs/" << name << " with");
        }
    }
}
