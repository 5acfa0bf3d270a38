#include "cli/pipeline.hpp"

#include "grammar/format/layout_check.hpp"
#include "grammar/libraries.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/evaluate/compile.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/ledger/fields.hpp"
#include "interpreter/ledger/spool.hpp"
#include "interpreter/values/bounded_read.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

#include <chrono>
#include <fstream>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace accrue {

namespace {

// A program checked with values `--set` gave says so, at each declaration:
// the mistake may be the value's, not the file's.
ProgramError with_settings(const ProgramError& error, const Program& program,
                           const SourceFile& source) {
    std::vector<Diagnostic> diagnostics = error.diagnostics();
    for (const Parameter& p : program.parameters) {
        if (p.set) {
            diagnostics.push_back(
                {p.name.pos,
                 fmt::format("checked with `{} = {}`, as --set gives it", p.name.name, p.text),
                 "the mistake above may be the value's: try another"});
        }
    }
    return ProgramError(source, std::move(diagnostics));
}

} // namespace

Program load_program(const std::string& path, const std::vector<ParameterSetting>& settings) {
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw std::runtime_error(fmt::format("{}: cannot read the program", path));
    }
    auto text = read_bounded(in, limits::max_program_bytes);
    if (!text) {
        throw std::runtime_error(
            fmt::format("{}: the program is larger than {} bytes: a program holds terms, not data",
                        path, limits::max_program_bytes));
    }
    const SourceFile source{path, std::move(*text)};
    Program program = grammar::is_library_text(source.text) ? grammar::library_as_program(source)
                                                            : parse_program(source, settings);
    if (auto misleading = format::misleading_layout(source); !misleading.empty()) {
        throw ProgramError(source, std::move(misleading));
    }
    try {
        check_program(program, source);
    } catch (const ProgramError& error) {
        throw with_settings(error, program, source);
    }
    compile_expressions(program);
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
    rules.zone = TimeZone::locate(program.header.time_zone->name);
    for (const FieldDeclaration& field : program.fields) {
        rules.typed_extras.push_back(
            TypedExtra{*record_of_object(field.object.name), field.name.name, field.type});
    }
    return rules;
}

std::optional<Instant> parse_as_of(const std::string& text, const Program& program) {
    const TimeZone zone = *TimeZone::locate(program.header.time_zone->name);
    std::optional<Instant> instant = parse_rfc3339(text);
    if (!instant) {
        if (const auto date = parse_iso_date(text)) {
            instant = zone.start_of(*date);
        }
    }
    if (instant && !zone.writable(*instant)) {
        return std::nullopt;
    }
    return instant;
}

std::optional<Instant> as_of_option(const std::string& text, const Program& program) {
    if (text.empty()) {
        return std::nullopt;
    }
    const auto instant = parse_as_of(text, program);
    if (!instant) {
        throw std::invalid_argument(fmt::format(
            "--as-of \"{}\" is neither an RFC 3339 time (2024-06-30T23:59:59+03:00) nor a date "
            "(2024-06-30) of the years 0001 to 9999",
            text));
    }
    return instant;
}

namespace {

// "reading ledger.jsonl: 1048576 records (78%), 912000 records/s", redrawn
// on one line of a terminal.
std::function<void(std::size_t, std::uint64_t, std::uint64_t)>
progress_line(std::ostream& out, const std::string& ledger) {
    const auto start = std::chrono::steady_clock::now();
    // The reader reports the end twice (its last block, then done): the
    // line is finished once.
    return [&out, ledger, start, ended = false](std::size_t records, std::uint64_t bytes,
                                                std::uint64_t size) mutable {
        if (ended) {
            return;
        }
        const auto micros = std::chrono::duration_cast<std::chrono::microseconds>(
                                std::chrono::steady_clock::now() - start)
                                .count();
        const auto rate =
            micros > 0 ? records * std::uint64_t{1'000'000} / static_cast<std::uint64_t>(micros)
                       : 0;
        const std::string share =
            size == 0 ? ""
                      : fmt::format(" ({}%)", std::min<std::uint64_t>(100, bytes * 100 / size));
        out << fmt::format("\rreading {}: {} records{}, {} records/s", ledger, records, share,
                           rate);
        if (bytes >= size) { // the end
            out << '\n';
            ended = true;
        }
        out.flush();
    };
}

} // namespace

std::vector<ParameterSetting> parse_settings(const std::vector<std::string>& options,
                                             const std::string& option) {
    std::vector<ParameterSetting> settings;
    for (const std::string& text : options) {
        settings.push_back(parse_setting(text, option));
    }
    return settings;
}

void write_run_report(const RunRequest& request, const ReportOptions& options, std::ostream& out,
                      std::ostream* progress) {
    const std::string& ledger_path = request.ledger;
    const std::string& as_of = request.as_of;
    const Program program = load_program(request.program, request.settings);
    EvaluationOptions evaluation;
    evaluation.keep_lines = !options.totals_only;
    evaluation.as_of = as_of_option(as_of, program);
    LedgerRules rules = ledger_rules(program);
    if (progress != nullptr) {
        rules.progress = progress_line(*progress, ledger_path);
    }
    if (options.totals_only) {
        // One pass, in memory that does not grow with the ledger; a ledger
        // it cannot stream is read whole below (and any error reported there).
        // Standard input is copied to a file first, which can be read again.
        std::optional<SpooledInput> spooled;
        if (ledger_path == "-") {
            spooled.emplace(std::cin, "<stdin>", limits::max_ledger_bytes);
        }
        const std::string path = spooled ? spooled->path() : ledger_path;
        Ledger streamed;
        if (const auto report = evaluate_streamed(program, streamed, path, rules, evaluation)) {
            write_report(*report, program, streamed, options, out);
            return;
        }
        if (spooled) {
            const Ledger ledger = read_ledger(path, "<stdin>", rules);
            write_report(evaluate(program, ledger, evaluation), program, ledger, options, out);
            return;
        }
    }
    const Ledger ledger = read_ledger(ledger_path, rules);
    const Report report = evaluate(program, ledger, evaluation);
    write_report(report, program, ledger, options, out);
}

std::string run_report(const RunRequest& request, const ReportOptions& options) {
    std::ostringstream out;
    write_run_report(request, options, out);
    return std::move(out).str();
}

} // namespace accrue
