#include "cli/pipeline.hpp"

#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/evaluate/evaluate.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace accrue {

Program load_program(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(fmt::format("{}: cannot read the program", path));
    }
    std::stringstream buffer;
    buffer << in.rdbuf();
    const SourceFile source{path, buffer.str()};
    Program program = parse_program(source);
    check_program(program, source);
    return program;
}

LedgerRules ledger_rules(const Program& program) {
    LedgerRules rules;
    for (const Named& role : program.header.roles) {
        rules.roles.push_back(role.name);
    }
    if (program.header.partner_currency) {
        rules.default_payout_currency = program.header.currency;
    } else {
        rules.fixed_payout_currency = program.header.currency;
        rules.default_payout_currency = program.header.currency;
    }
    return rules;
}

std::optional<Instant> parse_as_of(const std::string& text, const Program& program) {
    if (auto instant = parse_rfc3339(text)) {
        return instant;
    }
    if (auto date = parse_iso_date(text)) {
        return TimeZone::locate(program.header.time_zone->name)->start_of(*date);
    }
    return std::nullopt;
}

std::string run_report(const std::string& program_path, const std::string& ledger_path,
                       const std::string& as_of, const ReportOptions& options) {
    const Program program = load_program(program_path);
    EvaluationOptions evaluation;
    evaluation.keep_lines = !options.totals_only;
    if (!as_of.empty()) {
        evaluation.as_of = parse_as_of(as_of, program);
        if (!evaluation.as_of) {
            throw std::invalid_argument(fmt::format(
                "--as-of \"{}\" is neither an RFC 3339 time (2024-06-30T23:59:59+03:00) nor a date "
                "(2024-06-30)",
                as_of));
        }
    }
    const Ledger ledger = read_ledger(ledger_path, ledger_rules(program));
    const Report report = evaluate(program, ledger, evaluation);
    return render_report(report, program, ledger, options);
}

} // namespace accrue
