// A whole program file: the header, then declarations to the end.
#pragma once

#include "grammar/declarations.hpp"

namespace accrue::grammar {

struct end_of_file : eof {};
struct declarations : seq<star<declaration>, must<end_of_file>> {};
struct program_start : kw_program {};
struct program_start_expected : at<program_start> {};
struct program_file : seq<ws, must<program_start_expected>, header, declarations> {};

// A library of stdlib/: definitions that programs import and use by name,
// and the ISO 4217 table (`currency USD minor 2`) the build turns into C++.
struct library_title : name {};
struct library_exclusion
    : seq<kw_exclusion, must<exclusion_name>, must<exclusion_when>, must<exclusion_condition>> {};
struct library_check : seq<kw_check, must<check_name>, must<colon>, must<check_condition>> {};
struct minor_units : token<digits> {};
struct library_currency_code : token<currency_code> {};
struct library_currency
    : seq<kw_currency, must<library_currency_code>, must<kw_minor>, must<minor_units>> {};
struct library_item : sor<set_declaration, library_exclusion, library_check, library_currency> {};
struct library_end : eof {};
struct library_file
    : seq<ws, must<kw_library>, must<library_title>, star<library_item>, must<library_end>> {};

} // namespace accrue::grammar
