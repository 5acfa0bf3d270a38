#include "cli/run_command.hpp"

#include "cli/exit_codes.hpp"
#include "cli/explain_command.hpp"
#include "cli/pipeline.hpp"

#include <map>

namespace accrue {

int run_program(const RunArguments& args, std::ostream& out, std::ostream& err) {
    static const std::map<std::string, ReportFormat> formats{
        {"table", ReportFormat::table}, {"json", ReportFormat::json}, {"csv", ReportFormat::csv}};
    if (!args.explain.empty()) {
        return guarded(err, [&] {
            run_explain({args.program, args.ledger, args.as_of, args.explain}, out);
        });
    }
    return guarded(err, [&] {
        out << run_report(args.program, args.ledger, args.as_of,
                          {formats.at(args.format), args.totals});
    });
}

} // namespace accrue
