// The one type of every message a user can get: about a program (a span of
// its text), about a ledger (a record, and a field of it), or about an
// evaluation (the record being evaluated). Rendered in one place (render.cpp):
//
//   programs/x.accrue:12:7: error: unknown field `payment.amont`
//      12 |   base payment.amont in UAH
//         |        ^^^^^^^^^^^^^
//   hint: did you mean `payment.amount`?
//
//   error: ledger.jsonl: line 3: record "pay1": field "currency": "usd" is not ...
#pragma once

#include "interpreter/diagnostics/source.hpp"

#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace accrue {

// A second place a message points at, in the same file ("first declared here").
struct Related {
    SourcePos pos;
    std::string message;
};

// A record of a ledger, as the ledger's encoding numbers it.
struct RecordPlace {
    std::string where;     // "line 7", or "index 3" in a JSON array
    std::string record_id; // empty: the record has no id (yet)
    std::string field;     // empty: the record as a whole
};

struct Diagnostic {
    SourcePos pos; // in a program: the primary span
    std::string message;
    std::string hint = {};
    std::vector<Related> related = {};
    std::optional<RecordPlace> record = {}; // in a ledger: the record; pos is unused
    std::string file = {};                  // set by the errors below
};

// The file's text, kept to quote the offending line.
struct SourceFile {
    std::string path;
    std::string text;
    [[nodiscard]] std::string_view line(std::uint32_t number) const;
};

// A program diagnostic in compiler form, quoting the source.
std::string render(const SourceFile& source, const Diagnostic& diagnostic);
// A ledger or evaluation diagnostic on one line: "FILE: line 3: record "x": ...".
std::string render_line(const Diagnostic& diagnostic);

// Every error a user can get carries its diagnostics; what() is their text.
class Error : public std::runtime_error {
  public:
    Error(std::string text, std::vector<Diagnostic> diagnostics)
        : std::runtime_error(std::move(text)), diagnostics_(std::move(diagnostics)) {}
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
    // The text for a terminal, as `accrue` prints it on standard error.
    [[nodiscard]] virtual std::string terminal_text() const;

  private:
    std::vector<Diagnostic> diagnostics_;
};

// A program does not parse or fails its checks: every message, in compiler form.
class ProgramError : public Error {
  public:
    ProgramError(const SourceFile& source, std::vector<Diagnostic> diagnostics);
    [[nodiscard]] std::string terminal_text() const override { return what(); }
};

// A ledger that does not read or validate (ledger.md, "Invalid ledgers").
class LedgerError : public Error {
  public:
    explicit LedgerError(Diagnostic diagnostic);
    // About the file as a whole ("cannot read the ledger").
    LedgerError(const std::string& file, const std::string& message);
};

// An error found while evaluating a valid program on a valid ledger (a
// conversion with no rate in force, a metric no tier covers, an overflow).
class EvaluationError : public Error {
  public:
    explicit EvaluationError(Diagnostic diagnostic);
    EvaluationError(const std::string& file, const std::string& message);
};

} // namespace accrue
