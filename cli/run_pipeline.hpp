// What `accrue run` does, for every command that needs a report: load and
// check the program, read the ledger, evaluate, render. Throws ProgramError,
// LedgerError, EvaluationError or std::invalid_argument (a bad --as-of).
#pragma once

#include "interpreter/report.hpp"

#include <string>

namespace accrue {

std::string run_report(const std::string& program_path, const std::string& ledger_path,
                       const std::string& as_of, const ReportOptions& options);

} // namespace accrue
