// Fuzz target: `accrue diff` of two programs of the rotating set on one
// ledger. Whatever the bytes: valid JSON, or an error that names the
// ledger; never a crash or a hang; and a program compared with itself
// changes nothing (no event, every difference 0).
//
// The first byte chooses the old program and the long texts, the second
// the new program (fuzz_support.hpp); the rest is the ledger.
#include "fuzz_support.hpp"

#include "cli/diff_command.hpp"
#include "interpreter/values/decimal.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

using namespace accrue;
using namespace accrue::fuzz;

namespace {

// A program compared with itself: nothing changed.
void expect_unchanged(const nlohmann::json& result) {
    if (result.at("events_changed") != 0) {
        std::abort();
    }
    for (const char* list : {"partners", "totals"}) {
        for (const nlohmann::json& entry : result.at(list)) {
            for (const char* figure : {"accrued", "available", "balance"}) {
                const auto difference =
                    Decimal::parse(entry.at(figure).at("difference").get<std::string>());
                if (!difference || !difference->is_zero()) {
                    std::abort();
                }
            }
            if (entry.contains("can_withdraw") &&
                entry.at("can_withdraw").at("old") != entry.at("can_withdraw").at("new")) {
                std::abort();
            }
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const Choice old_choice(data[0]);
    const Choice new_choice(data[1]);
    const auto& paths = rotating_paths();
    DiffArguments args;
    args.old_program = paths[old_choice.program % paths.size()];
    args.new_program = paths[new_choice.program % paths.size()];
    args.ledger = scratch_file(
        with_long_texts(std::string_view(reinterpret_cast<const char*>(data) + 2, size - 2),
                        old_choice.long_text_bytes()));
    args.format = "json";
    std::ostringstream out;
    try {
        run_diff(args, out);
    } catch (const Error& error) { // the ledger's, or an evaluation's: named
        if (error.diagnostics().empty() || std::string(error.what()).rfind(args.ledger, 0) != 0) {
            std::abort();
        }
        return 0;
    }
    const auto result = nlohmann::json::parse(out.str(), nullptr, false);
    if (result.is_discarded()) {
        std::abort(); // diff --format json must write JSON
    }
    if (args.old_program == args.new_program) {
        expect_unchanged(result);
    }
    return 0;
}
