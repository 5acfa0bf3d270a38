// A whole program file: the header, then declarations to the end.
#pragma once

#include "grammar/declarations.hpp"

namespace accrue::grammar {

struct end_of_file : eof {};
struct declarations : seq<star<declaration>, must<end_of_file>> {};
struct program_start : kw_program {};
struct program_start_expected : at<program_start> {};
struct program_file : seq<ws, must<program_start_expected>, header, declarations> {};

} // namespace accrue::grammar
