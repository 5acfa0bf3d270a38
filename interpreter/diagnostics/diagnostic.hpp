// Messages about a program, in compiler form:
//
//   programs/x.accrue:12:7: error: unknown field `payment.amont`
//      12 |   base payment.amont in UAH
//         |        ^^^^^^^^^^^^^
//   hint: did you mean `payment.amount`?
#pragma once

#include "interpreter/diagnostics/source.hpp"

#include <stdexcept>
#include <string>
#include <string_view>
#include <vector>

namespace accrue {

struct Diagnostic {
    SourcePos pos;
    std::string message;
    std::string hint;
};

// The file's text, kept to quote the offending line.
struct SourceFile {
    std::string path;
    std::string text;
    [[nodiscard]] std::string_view line(std::uint32_t number) const;
};

std::string render(const SourceFile& source, const Diagnostic& diagnostic);

// Thrown when a program does not parse or fails its checks; what() holds
// every rendered message.
class ProgramError : public std::runtime_error {
  public:
    ProgramError(const SourceFile& source, std::vector<Diagnostic> diagnostics);
    [[nodiscard]] const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

  private:
    std::vector<Diagnostic> diagnostics_;
};

// The closest candidate within two edits, for "did you mean".
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

} // namespace accrue
