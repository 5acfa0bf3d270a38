#include "cli/run_command.hpp"

#include "cli/exit_codes.hpp"
#include "cli/explain_command.hpp"
#include "cli/pipeline.hpp"

#include <unistd.h>

#include <iostream>
#include <map>

namespace accrue {

int run_program(const RunArguments& args, std::ostream& out, std::ostream& err) {
    static const std::map<std::string, ReportFormat> formats{
        {"table", ReportFormat::table}, {"json", ReportFormat::json}, {"csv", ReportFormat::csv}};
    if (!args.explain.empty()) {
        return guarded(err, [&] {
            run_explain({args.program, args.ledger, args.as_of, args.explain, args.settings}, out);
        });
    }
    // By default only a person watching a terminal sees it (not a pipe, a
    // file, or a test's own stream).
    const bool progress = args.progress.value_or(&err == &std::cerr && isatty(STDERR_FILENO) == 1);
    return guarded(err, [&] {
        write_run_report({args.program, args.ledger, args.as_of, parse_settings(args.settings)},
                         {formats.at(args.format), args.totals}, out, progress ? &err : nullptr);
    });
}

} // namespace accrue
