// Fuzz target: program text. Whatever the bytes, parsing and checking end
// in a program or a ProgramError; and whatever parses, `accrue fmt` lays out
// idempotently, keeps every token (format_source proves it), and keeps the
// meaning: the formatted text has the same diagnostics, or loads as well.
#include "grammar/format/format.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace accrue;

namespace {

// The messages a text gets (empty: it loads), without their places, which
// formatting moves.
std::vector<std::string> messages_of(const SourceFile& source) {
    std::vector<std::string> messages;
    try {
        Program program = parse_program(source);
        check_program(program, source);
    } catch (const ProgramError& error) {
        for (const Diagnostic& d : error.diagnostics()) {
            messages.push_back(d.message);
        }
    }
    return messages;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const SourceFile source{"fuzz.accrue", std::string(reinterpret_cast<const char*>(data), size)};
    const std::vector<std::string> before = messages_of(source);
    std::string formatted;
    try {
        formatted = format_source(source);
    } catch (const ProgramError&) {
        return 0; // a syntax error: nothing to lay out
    }
    const SourceFile again{"fuzz.accrue", formatted};
    if (format_source(again) != formatted) {
        std::abort(); // fmt is not idempotent
    }
    const std::vector<std::string> after = messages_of(again);
    // Messages may quote line numbers, which formatting moves: what must not
    // change is whether the program loads, and how many mistakes it has.
    if (before.empty() != after.empty() || before.size() != after.size()) {
        std::abort(); // fmt changed whether the program loads
    }
    return 0;
}
