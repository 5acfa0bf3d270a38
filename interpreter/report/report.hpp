// Writing a Report: JSON (the contract of report.md), CSV (accrual lines, for
// spreadsheets) and a table for people, in a fixed order, so the same inputs
// give byte-identical output.
#pragma once

#include "interpreter/evaluate/evaluate.hpp"

#include <ostream>
#include <string>

namespace accrue {

enum class ReportFormat { table, json, csv };

struct ReportOptions {
    ReportFormat format = ReportFormat::table;
    bool totals_only = false; // partner totals only, for simulations
};

// Writes the report to `out` as it is rendered, a megabyte at a time, so
// that a report of millions of lines is never held whole. Called only once
// the ledger is valid and evaluated, it cannot fail part way.
void write_report(const Report& report, const Program& program, const Ledger& ledger,
                  const ReportOptions& options, std::ostream& out);
// The same, as one string.
std::string render_report(const Report& report, const Program& program, const Ledger& ledger,
                          const ReportOptions& options);

} // namespace accrue
