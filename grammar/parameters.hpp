// Program parameters (`parameter top_rate = 10%`) and the values a run sets
// for them (`--set top_rate=12%`). The values are put into the program
// before the checks: each use of a parameter's name becomes a copy of its
// value, so that the checks (types, tiers' order and coverage) and the walk
// see the program as if the value were written there.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/diagnostics/diagnostic.hpp"

#include <stdexcept>
#include <string>
#include <vector>

namespace accrue {

// `NAME=VALUE`, as given on the command line.
struct ParameterSetting {
    std::string name;
    std::string value;
    std::string option = "--set"; // where it was given, for messages
};

// A `--set` that does not say a parameter's value: no `=`, an unknown name,
// a value of another type. `accrue` exits 2 on it.
class SettingError : public std::invalid_argument {
  public:
    using std::invalid_argument::invalid_argument;
};

// "top_rate=12%" -> {top_rate, 12%}; SettingError without `=` or a name.
ParameterSetting parse_setting(const std::string& text, const std::string& option = "--set");

// Sets each parameter given, then puts every parameter's value where its name
// is used. Throws SettingError for a setting the program cannot take, and
// ProgramError for parameters the program itself declares wrongly (twice,
// or named like a set or a name the language gives a meaning).
void apply_parameters(Program& program, const SourceFile& source,
                      const std::vector<ParameterSetting>& settings);

} // namespace accrue
