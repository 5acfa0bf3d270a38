// Writing a Report: JSON (the contract of report.md), CSV (accrual lines, for
// spreadsheets) and a table for people. Output is built in one string, in a
// fixed order, so the same inputs give byte-identical output.
#pragma once

#include "interpreter/evaluate/evaluate.hpp"

#include <string>

namespace accrue {

enum class ReportFormat { table, json, csv };

struct ReportOptions {
    ReportFormat format = ReportFormat::table;
    bool totals_only = false; // partner totals only, for simulations
};

std::string render_report(const Report& report, const Program& program, const Ledger& ledger,
                          const ReportOptions& options);

} // namespace accrue
