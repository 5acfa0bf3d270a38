#include "cli/commands.hpp"

#include "cli/check_command.hpp"
#include "cli/diff_command.hpp"
#include "cli/exit_codes.hpp"
#include "cli/explain_command.hpp"
#include "cli/fmt_command.hpp"
#include "cli/run_command.hpp"
#include "cli/sweep_command.hpp"
#include "cli/test_command.hpp"
#include "lsp/server.hpp"

#include <CLI/CLI.hpp>

#include <algorithm>
#include <filesystem>

namespace accrue {
namespace {

// An option given with an empty value is a mistake, not the option left out.
// Validators have no description: `--help` shows the option's own words.
const CLI::Validator not_empty(
    [](const std::string& value) {
        return value.empty() ? std::string("needs a value, not an empty one") : std::string();
    },
    "");

// A program file that exists.
const CLI::Validator program_file(
    [](const std::string& value) {
        std::error_code error;
        return std::filesystem::exists(value, error) ? std::string() : "no such file: " + value;
    },
    "");

// A ledger: a path that exists (the reader says if it is a folder), or `-`.
const CLI::Validator ledger_path(
    [](const std::string& value) {
        std::error_code error;
        return value == "-" || std::filesystem::exists(value, error)
                   ? std::string()
                   : "no such file: " + value + " (`-` reads standard input)";
    },
    "");

constexpr const char* exit_codes_footer =
    "Exit codes: 0 ok; 1 a check failed (check, test, fmt --check); 2 invalid input (a program "
    "or ledger that does not load, a bad argument, a path that does not exist). Errors go to "
    "standard error, and nothing reaches standard output on error. docs/cli.md has the rest.";

// What the command line said, filled in by CLI11.
struct Arguments {
    std::vector<std::string> check_files_list;
    RunArguments run_args;
    DiffArguments diff_args;
    SweepArguments sweep_args;
    ExplainArguments explain_args;
    std::vector<std::string> test_paths;
    FmtArguments fmt_args;
};

CLI::App* add_check(CLI::App& app, Arguments& a) {
    auto& check_files_list = a.check_files_list;
    auto* check =
        app.add_subcommand("check", "Parse and check programs; exit 1 if any has an error");
    check->add_option("PATH", check_files_list, "Program files (.accrue), or folders of them")
        ->required()
        ->option_text("FILE|FOLDER ...");

    return check;
}

CLI::App* add_run(CLI::App& app, Arguments& a) {
    auto& run_args = a.run_args;
    auto* run =
        app.add_subcommand("run", "Evaluate a program against a ledger and print the report");
    run->add_option("PROGRAM", run_args.program, "Program file (.accrue)")
        ->required()
        ->check(program_file)
        ->option_text("FILE");
    run->add_option("--ledger", run_args.ledger,
                    "Ledger file (.jsonl or .json); - reads standard input")
        ->required()
        ->check(ledger_path)
        ->option_text("FILE");
    run->add_option("--as-of", run_args.as_of,
                    "Evaluate as of this time (RFC 3339) or date (00:00 in the program's zone); "
                    "default: the latest `at` of the ledger")
        ->check(not_empty)
        ->option_text("TIME|DATE");
    run->add_option("--format", run_args.format,
                    "table (default, for people), json (the contract) or csv")
        ->check(CLI::IsMember({"table", "json", "csv"}).description(""))
        ->option_text("table|json|csv");
    run->add_flag("--totals", run_args.totals, "Print the partner totals only (for simulations)");
    run->add_flag_callback(
        "--progress", [&run_args] { run_args.progress = true; },
        "Show the records read and the rate on standard error (default: when it is a terminal)");
    run->add_flag_callback(
        "--no-progress", [&run_args] { run_args.progress = false; },
        "Show no progress, even on a terminal");
    run->add_option("--set", run_args.settings,
                    "Set a parameter of the program for this run (repeatable), such as "
                    "--set top_rate=12%")
        ->option_text("NAME=VALUE");
    run->add_option("--explain", run_args.explain,
                    "Explain how this record (an event id) got its figures, instead of the report")
        ->check(not_empty)
        ->option_text("EVENT");

    return run;
}

CLI::App* add_diff(CLI::App& app, Arguments& a) {
    auto& diff_args = a.diff_args;
    auto* diff = app.add_subcommand(
        "diff", "Evaluate the same ledger under two versions of a program and compare the figures");
    diff->add_option("OLD", diff_args.old_program, "The program as it is (.accrue)")
        ->required()
        ->check(program_file)
        ->option_text("FILE");
    diff->add_option("NEW", diff_args.new_program,
                     "The program as it would be (.accrue); default: OLD, with --new-set")
        ->check(program_file)
        ->option_text("FILE");
    diff->add_option("--old-set", diff_args.old_settings,
                     "Set a parameter of OLD (repeatable), such as --old-set top_rate=10%")
        ->option_text("NAME=VALUE");
    diff->add_option("--new-set", diff_args.new_settings,
                     "Set a parameter of NEW (repeatable), such as --new-set top_rate=12%")
        ->option_text("NAME=VALUE");
    diff->add_option("--ledger", diff_args.ledger,
                     "Ledger file (.jsonl or .json); - reads standard input")
        ->required()
        ->check(ledger_path)
        ->option_text("FILE");
    diff->add_option("--as-of", diff_args.as_of,
                     "As of this time or date (default: the latest `at` of the ledger)")
        ->check(not_empty)
        ->option_text("TIME|DATE");
    diff->add_option("--format", diff_args.format, "table (default) or json")
        ->check(CLI::IsMember({"table", "json"}).description(""))
        ->option_text("table|json");
    diff->add_flag("--summary", diff_args.summary,
                   "Only the partners' figures and the number of events changed, not each event");

    return diff;
}

CLI::App* add_explain(CLI::App& app, Arguments& a) {
    auto& explain_args = a.explain_args;
    auto* explain =
        app.add_subcommand("explain", "Show the path from one ledger record to its figures");
    explain->add_option("PROGRAM", explain_args.program, "Program file (.accrue)")
        ->required()
        ->check(program_file)
        ->option_text("FILE");
    explain
        ->add_option("--ledger", explain_args.ledger,
                     "Ledger file (.jsonl or .json); - reads standard input")
        ->required()
        ->check(ledger_path)
        ->option_text("FILE");
    explain->add_option("--event", explain_args.event, "The id of the record to explain")
        ->required()
        ->check(not_empty)
        ->option_text("EVENT");
    explain
        ->add_option("--set", explain_args.settings,
                     "Set a parameter of the program (repeatable), such as --set top_rate=12%")
        ->option_text("NAME=VALUE");
    explain
        ->add_option("--as-of", explain_args.as_of,
                     "As of this time or date (default: the latest `at`)")
        ->check(not_empty)
        ->option_text("TIME|DATE");

    return explain;
}

CLI::App* add_test(CLI::App& app, Arguments& a) {
    auto& test_paths = a.test_paths;
    auto* test = app.add_subcommand(
        "test", "Run the test cases (*.test.json) kept beside programs; exit 1 if any fails");
    test->add_option("PATH", test_paths, "Test case files or folders to search (default: programs)")
        ->option_text("FILE|FOLDER ...");

    return test;
}

CLI::App* add_fmt(CLI::App& app, Arguments& a) {
    auto& fmt_args = a.fmt_args;
    auto* format = app.add_subcommand(
        "fmt", "Rewrite program and library files in the canonical layout (comments kept)");
    format
        ->add_option("PATH", fmt_args.files,
                     "Files or folders to format in place; - reads standard input "
                     "and writes standard output")
        ->required()
        ->option_text("FILE|FOLDER|- ...");
    format->add_flag("--check", fmt_args.check,
                     "Change nothing; name the files that would change and exit 1 if any would");

    return format;
}

CLI::App* add_sweep(CLI::App& app, Arguments& a) {
    auto& sweep_args = a.sweep_args;
    auto* sweep = app.add_subcommand(
        "sweep", "Evaluate every combination of parameter values on one read of the ledger");
    sweep->add_option("PROGRAM", sweep_args.program, "Program file (.accrue) with parameters")
        ->required()
        ->check(program_file)
        ->option_text("FILE");
    sweep
        ->add_option("--ledger", sweep_args.ledger,
                     "Ledger file (.jsonl or .json); - reads standard input")
        ->required()
        ->check(ledger_path)
        ->option_text("FILE");
    sweep
        ->add_option("--grid", sweep_args.grids,
                     "A parameter and its values (repeatable), such as --grid top_rate=8%,10%,12%")
        ->required()
        ->option_text("NAME=V1,V2,...");
    sweep->add_option("--as-of", sweep_args.as_of, "As of this time or date")
        ->check(not_empty)
        ->option_text("TIME|DATE");
    sweep->add_option("--format", sweep_args.format, "table (default), csv or json")
        ->check(CLI::IsMember({"table", "json", "csv"}).description(""))
        ->option_text("table|csv|json");
    sweep->add_flag("--per-partner", sweep_args.per_partner,
                    "One row per variant and partner, not only the totals");
    return sweep;
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
    auto* sweep = add_sweep(app, a);
    auto* explain = add_explain(app, a);
    auto* test = add_test(app, a);
    auto* format = add_fmt(app, a);
    auto* lsp = add_lsp(app);
    app.footer(exit_codes_footer);
    for (CLI::App* command : app.get_subcommands({})) {
        command->footer(exit_codes_footer);
    }
    if (argc <= 1) { // bare `accrue`: what there is to do
        err << app.help() << "error: name a command, such as `accrue check PROGRAM`\n";
        return exit_invalid_input;
    }
    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& help) {
        return app.exit(help, out, err);
    } catch (const CLI::CallForAllHelp& help) {
        return app.exit(help, out, err);
    } catch (const CLI::CallForVersion& version) {
        return app.exit(version, out, err);
    } catch (const CLI::ParseError& error) {
        const std::string command = argv[1];
        const auto commands = app.get_subcommands({});
        const bool known = std::any_of(commands.begin(), commands.end(),
                                       [&](const CLI::App* c) { return c->get_name() == command; });
        err << "error: " << error.what() << "\n"
            << (known ? "run `accrue " + command + " --help` for its options"
                      : std::string("run `accrue --help` for the commands"))
            << "\n";
        return exit_invalid_input;
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
    if (sweep->parsed()) {
        return guarded(err, [&] { run_sweep(a.sweep_args, out); });
    }
    if (format->parsed()) {
        return run_fmt(a.fmt_args, in, out, err);
    }
    if (lsp->parsed()) {
        return lsp::Server(in, out).run();
    }
    if (test->parsed()) {
        return run_tests(a.test_paths.empty() ? std::vector<std::string>{"programs"} : a.test_paths,
                         out, err);
    }
    return run_program(a.run_args, out, err);
}

} // namespace accrue
