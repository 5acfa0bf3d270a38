// Fuzz target: program text. Whatever the bytes, parsing and checking end
// in a program or a ProgramError; and whatever parses, `accrue fmt` lays out
// idempotently, keeps every token (format_source proves it), and keeps the
// meaning: the formatted text has the same diagnostics, or loads as well.
#include "cli/pipeline.hpp"
#include "grammar/format/format.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/evaluate/compile.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/report/report.hpp"

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

// A small ledger with a record of each kind, to compare what two texts mean.
constexpr std::string_view sample =
    R"({"type":"partner","id":"p1","joined_at":"2024-01-01T00:00:00Z","promo_codes":["P1"]}
{"type":"rate","at":"2024-01-01T00:00:00Z","base":"USD","quote":"EUR","rate":"0.9"}
{"type":"rate","at":"2024-01-01T00:00:01Z","base":"USD","quote":"UAH","rate":"38.5"}
{"type":"click","id":"k1","at":"2024-01-02T00:00:00Z","partner":"p1","visitor":"v1"}
{"type":"signup","id":"s1","at":"2024-01-02T01:00:00Z","customer":"c1","visitor":"v1","partner":"p1"}
{"type":"payment","id":"pay1","at":"2024-01-03T00:00:00Z","customer":"c1","amount":"120.00","currency":"USD","service":"hosting"}
{"type":"payment","id":"pay2","at":"2024-02-03T00:00:00Z","customer":"c1","amount":"80.50","currency":"EUR"}
{"type":"refund","id":"r1","at":"2024-02-04T00:00:00Z","payment":"pay1","amount":"20.00"}
{"type":"withdrawal","id":"w1","at":"2024-03-01T00:00:00Z","partner":"p1","amount":"1.00"}
)";

// The report of a loading text on the sample ledger, or its error.
std::string meaning(const SourceFile& source) {
    try {
        Program program = parse_program(source);
        check_program(program, source);
        compile_expressions(program);
        const Ledger ledger = read_ledger_text("sample.jsonl", sample, ledger_rules(program));
        return render_report(evaluate(program, ledger, {}), program, ledger,
                             {ReportFormat::json, false});
    } catch (const Error& error) {
        return error.what();
    }
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
    if (before.empty() && meaning(source) != meaning(again)) {
        std::abort(); // fmt changed what the program computes
    }
    return 0;
}
