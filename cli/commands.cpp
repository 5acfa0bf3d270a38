#include "cli/commands.hpp"

#include "cli/check_command.hpp"
#include "cli/diff_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/explain_command.hpp"
#include "cli/fmt_command.hpp"
#include "cli/run_command.hpp"
#include "cli/test_command.hpp"
#include "lsp/server.hpp"

#include <CLI/CLI.hpp>

namespace accrue {
namespace {

// An option given with an empty value is a mistake, not the option left out.
const CLI::Validator not_empty(
    [](const std::string& value) {
        return value.empty() ? std::string("needs a value, not an empty one") : std::string();
    },
    "NOT EMPTY");

// What the command line said, filled in by CLI11.
struct Arguments {
    std::vector<std::string> check_files_list;
    RunArguments run_args;
    DiffArguments diff_args;
    ExplainArguments explain_args;
    std::vector<std::string> test_paths;
    FmtArguments fmt_args;
};

CLI::App* add_check(CLI::App& app, Arguments& a) {
    auto& check_files_list = a.check_files_list;
    auto* check =
        app.add_subcommand("check", "Parse and check programs; exit 1 if any has an error");
    check->add_option("FILE", check_files_list, "Program files (.accrue)")
        ->required()
        ->check(CLI::ExistingFile);

    return check;
}

CLI::App* add_run(CLI::App& app, Arguments& a) {
    auto& run_args = a.run_args;
    auto* run =
        app.add_subcommand("run", "Evaluate a program against a ledger and print the report");
    run->add_option("PROGRAM", run_args.program, "Program file (.accrue)")
        ->required()
        ->check(CLI::ExistingFile);
    run->add_option("--ledger", run_args.ledger,
                    "Ledger file (.jsonl or .json); - reads standard input")
        ->required()
        ->check(CLI::ExistingFile | CLI::IsMember({"-"}));
    run->add_option("--as-of", run_args.as_of,
                    "Evaluate as of this time (RFC 3339) or date (00:00 in the program's zone); "
                    "default: the latest `at` of the ledger")
        ->check(not_empty);
    run->add_option("--format", run_args.format,
                    "table (default, for people), json (the contract) or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}));
    run->add_flag("--totals", run_args.totals, "Print the partner totals only (for simulations)");
    run->add_flag_function(
        "--progress,!--no-progress",
        [&run_args](std::int64_t count) { run_args.progress = count > 0; },
        "Show the records read and the rate on standard error (default: when it is a terminal)");
    run->add_option("--explain", run_args.explain,
                    "Explain how this record (an event id) got its figures, instead of the report")
        ->check(not_empty);

    return run;
}

CLI::App* add_diff(CLI::App& app, Arguments& a) {
    auto& diff_args = a.diff_args;
    auto* diff = app.add_subcommand(
        "diff", "Evaluate the same ledger under two versions of a program and compare the figures");
    diff->add_option("OLD", diff_args.old_program, "The program as it is (.accrue)")
        ->required()
        ->check(CLI::ExistingFile);
    diff->add_option("NEW", diff_args.new_program, "The program as it would be (.accrue)")
        ->required()
        ->check(CLI::ExistingFile);
    diff->add_option("--ledger", diff_args.ledger,
                     "Ledger file (.jsonl or .json); - reads standard input")
        ->required()
        ->check(CLI::ExistingFile | CLI::IsMember({"-"}));
    diff->add_option("--as-of", diff_args.as_of,
                     "As of this time or date (default: the latest `at` of the ledger)")
        ->check(not_empty);
    diff->add_option("--format", diff_args.format, "table (default) or json")
        ->check(CLI::IsMember({"table", "json"}));

    return diff;
}

CLI::App* add_explain(CLI::App& app, Arguments& a) {
    auto& explain_args = a.explain_args;
    auto* explain =
        app.add_subcommand("explain", "Show the path from one ledger record to its figures");
    explain->add_option("PROGRAM", explain_args.program, "Program file (.accrue)")
        ->required()
        ->check(CLI::ExistingFile);
    explain
        ->add_option("--ledger", explain_args.ledger,
                     "Ledger file (.jsonl or .json); - reads standard input")
        ->required()
        ->check(CLI::ExistingFile | CLI::IsMember({"-"}));
    explain->add_option("--event", explain_args.event, "The id of the record to explain")
        ->required()
        ->check(not_empty);
    explain
        ->add_option("--as-of", explain_args.as_of,
                     "As of this time or date (default: the latest `at`)")
        ->check(not_empty);

    return explain;
}

CLI::App* add_test(CLI::App& app, Arguments& a) {
    auto& test_paths = a.test_paths;
    auto* test = app.add_subcommand(
        "test", "Run the test cases (*.test.json) kept beside programs; exit 1 if any fails");
    test->add_option("PATH", test_paths,
                     "Test case files or folders to search (default: programs)");

    return test;
}

CLI::App* add_fmt(CLI::App& app, Arguments& a) {
    auto& fmt_args = a.fmt_args;
    auto* format = app.add_subcommand(
        "fmt", "Rewrite program and library files in the canonical layout (comments kept)");
    format
        ->add_option("FILE", fmt_args.files,
                     "Files to format in place; - reads standard input "
                     "and writes standard output")
        ->required();
    format->add_flag("--check", fmt_args.check,
                     "Change nothing; name the files that would change and exit 1 if any would");

    return format;
}

CLI::App* add_lsp(CLI::App& app) {
    return app.add_subcommand(
        "lsp", "Serve the Language Server Protocol on standard input and output, for editors "
               "(docs/editors.md)");
}

} // namespace

int run_cli(int argc, const char* const* argv, std::ostream& out, std::ostream& err,
            std::istream& in) {
    CLI::App app{"accrue: partner programs as code, evaluated exactly against a ledger"};
    app.name("accrue");
    app.set_version_flag("--version", std::string("accrue ") + ACCRUE_VERSION);
    app.require_subcommand(1);
    Arguments a;
    auto* check = add_check(app, a);
    add_run(app, a);
    auto* diff = add_diff(app, a);
    auto* explain = add_explain(app, a);
    auto* test = add_test(app, a);
    auto* format = add_fmt(app, a);
    auto* lsp = add_lsp(app);
    try {
        app.parse(argc, argv);
    } catch (const CLI::ParseError& error) {
        const int code = app.exit(error, out, err);
        return code == 0 ? exit_ok : exit_invalid_input;
    }
    if (check->parsed()) {
        return run_check(a.check_files_list, out, err);
    }
    if (explain->parsed()) {
        return guarded(err, [&] { run_explain(a.explain_args, out); });
    }
    if (diff->parsed()) {
        return guarded(err, [&] { run_diff(a.diff_args, out); });
    }
    if (format->parsed()) {
        return run_fmt(a.fmt_args, in, out, err);
    }
    if (lsp->parsed()) {
        return lsp::Server(in, out).run();
    }
    if (test->parsed()) {
        return run_tests(a.test_paths.empty() ? std::vector<std::string>{"programs"} : a.test_paths,
                         out);
    }
    return run_program(a.run_args, out, err);
}

} // namespace accrue
