// Fuzz target: ledger bytes, read and evaluated under each of the four
// vendor programs. Whatever the bytes: a report that is valid JSON, or a
// LedgerError / EvaluationError that names the ledger; never another
// exception, a crash or a hang.
#include "cli/pipeline.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/report/report.hpp"

#include <nlohmann/json.hpp>

#include <cstdint>
#include <cstdlib>
#include <string>
#include <vector>

using namespace accrue;

namespace {

const std::vector<Program>& programs() {
    static const std::vector<Program> loaded = [] {
        std::vector<Program> all;
        for (const char* name : {"ukraine_hosting", "message_help", "umnico", "ringostat"}) {
            all.push_back(
                load_program(std::string(ACCRUE_SOURCE_DIR) + "/programs/" + name + ".accrue"));
        }
        return all;
    }();
    return loaded;
}

void expect_placed(const Error& error) {
    const std::string text = error.what();
    if (error.diagnostics().empty() || text.rfind("fuzz.jsonl", 0) != 0) {
        std::abort(); // an error must name the ledger
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    for (const Program& program : programs()) {
        try {
            const Ledger ledger = read_ledger_text("fuzz.jsonl", text, ledger_rules(program));
            const Report report = evaluate(program, ledger, {});
            const std::string json =
                render_report(report, program, ledger, {ReportFormat::json, false});
            if (!nlohmann::json::accept(json)) {
                std::abort(); // the report must be valid JSON
            }
        } catch (const LedgerError& error) {
            expect_placed(error);
        } catch (const EvaluationError& error) {
            expect_placed(error);
        }
    }
    return 0;
}
