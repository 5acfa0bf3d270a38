// The examples in the docs are checked, so that they cannot rot: every
// ```accrue block that is a whole program (it starts with `program`) must
// pass the static checks.
#include "grammar/format/format.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/ledger/fields.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

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
