// Collects a phase's diagnostics (the builder's, the checks'), each said once.
#pragma once

#include "interpreter/diagnostics/diagnostic.hpp"

#include <string>
#include <vector>

namespace accrue {

class Reporter {
  public:
    // A rule's clauses are checked again in each version of its terms that
    // keeps them: a mistake at the same place with the same message is said once.
    void error(SourcePos pos, std::string message, std::string hint = {},
               std::vector<Related> related = {});

    [[nodiscard]] bool empty() const { return diagnostics_.empty(); }
    // The diagnostics in the order of the file.
    std::vector<Diagnostic> take();

  private:
    std::vector<Diagnostic> diagnostics_;
};

} // namespace accrue
