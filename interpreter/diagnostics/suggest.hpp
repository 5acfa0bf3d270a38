// "Did you mean": the closest of the names a program could have meant.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace accrue {

// The closest candidate within two edits; empty when none is that close.
std::string closest(std::string_view word, const std::vector<std::string>& candidates);

} // namespace accrue
