#include "interpreter/check/check.hpp"

#include "interpreter/check/declarations.hpp"

namespace accrue {

void check_program(Program& program, const SourceFile& source) {
    Reporter reporter;
    checking::Declarations(program, reporter).run();
    if (!reporter.empty()) {
        throw ProgramError(source, reporter.take());
    }
}

} // namespace accrue
