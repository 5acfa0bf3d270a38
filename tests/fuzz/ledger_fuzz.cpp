// Fuzz target: ledger bytes, evaluated under one program of a rotating set
// (the vendor programs, programs/examples/, tests/golden/: every construct
// the language has), read whole and streamed in tiny blocks. Whatever the
// bytes: a report that is valid JSON, or a LedgerError / EvaluationError
// that names the ledger; never another exception, a crash or a hang; and
// where the streamed read gives totals, they are the whole read's, byte
// for byte.
//
// The input's first byte chooses the program, the streamed block size and
// how long the texts are: each `@@` of the ledger becomes a run of letters
// just under, at or just over a text arena's thresholds (16 KiB, 64 KiB), so
// that short inputs reach the long-text paths (fuzz_support.hpp).
#include "fuzz_support.hpp"

#include "cli/pipeline.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/report/report.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <string>

using namespace accrue;
using namespace accrue::fuzz;

namespace {

void expect_placed(const Error& error, const std::string& file) {
    const std::string text = error.what();
    if (error.diagnostics().empty() || text.rfind(file, 0) != 0) {
        std::abort(); // an error must name the ledger
    }
}

// The partner totals of the whole read, or nothing on an error it reports.
std::optional<std::string> whole_totals(const Program& program, const std::string& ledger_text) {
    try {
        const Ledger ledger = read_ledger_text("fuzz.jsonl", ledger_text, ledger_rules(program));
        const Report report = evaluate(program, ledger, {});
        const std::string json =
            render_report(report, program, ledger, {ReportFormat::json, false});
        if (!nlohmann::json::accept(json)) {
            std::abort(); // the report must be valid JSON
        }
        return render_report(report, program, ledger, {ReportFormat::json, true});
    } catch (const LedgerError& error) {
        expect_placed(error, "fuzz.jsonl");
    } catch (const EvaluationError& error) {
        expect_placed(error, "fuzz.jsonl");
    }
    return std::nullopt;
}

// The streamed read's totals in blocks of `block_bytes`; nothing where it
// hands over to the whole read (an error, a JSON document, ...).
std::optional<std::string> streamed_totals(const Program& program, const std::string& path,
                                           std::size_t block_bytes) {
    LedgerRules rules = ledger_rules(program);
    rules.block_bytes = block_bytes;
    EvaluationOptions options;
    options.keep_lines = false;
    options.stream_twice_from_bytes = 0; // programs with period aggregates stream too
    try {
        Ledger ledger;
        if (const auto report = evaluate_streamed(program, ledger, path, rules, options)) {
            return render_report(*report, program, ledger, {ReportFormat::json, true});
        }
    } catch (const LedgerError& error) {
        expect_placed(error, path);
    } catch (const EvaluationError& error) {
        expect_placed(error, path);
    }
    return std::nullopt;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    if (size == 0) {
        return 0;
    }
    const Choice choice(data[0]);
    const Program& program = rotating_programs()[choice.program % rotating_programs().size()];
    const std::string ledger_text =
        with_long_texts(std::string_view(reinterpret_cast<const char*>(data) + 1, size - 1),
                        choice.long_text_bytes());
    const auto whole = whole_totals(program, ledger_text);
    const std::string& path = scratch_file(ledger_text);
    const auto streamed = streamed_totals(program, path, choice.block_bytes());
    if (streamed && (!whole || *streamed != *whole)) {
        std::abort(); // the streamed read must give the whole read's totals
    }
    return 0;
}
