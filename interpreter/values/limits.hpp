// Every limit on what accrue reads, in one place (docs/limits.md lists the
// same numbers, and a test keeps the two equal). Input that exceeds one gets
// a message naming its place, never a crash, a hang or a silent wrong value.
#pragma once

#include <cstddef>
#include <cstdint>

namespace accrue::limits {

// Program files. A recursive-descent parser must bound nesting, or a hostile
// file overflows the stack instead of getting a message.
inline constexpr std::size_t max_program_bytes = 1 << 20;
// Brackets open at once, plus prefix constructs in a row (`-`, `not`,
// `sum of`, `start of day of`, `the 10th on or after`: grammar::prefix_rules).
inline constexpr std::size_t max_nesting = 64;
// Levels of one expression's tree: `a and b and ... ` counts one per operand.
inline constexpr std::size_t max_expression_depth = 256;
// Bytes of a name (a rule, set, role, field...).
inline constexpr std::size_t max_name_bytes = 128;

// Ledger files.
inline constexpr std::uint64_t max_ledger_bytes = std::uint64_t{4} << 30;
// Bytes of one line of a JSON Lines ledger (one record): a reader holds a
// line whole, so without this /dev/zero or a huge line grows memory to
// max_ledger_bytes before any message.
inline constexpr std::size_t max_line_bytes = std::size_t{64} << 20;
// Objects and arrays open at once inside one record.
inline constexpr std::size_t max_json_depth = 64;

// Test cases (`*.test.json`): bytes, read no further; objects and arrays
// nest at most max_json_depth deep, since comparing them recurses.
inline constexpr std::uint64_t max_test_case_bytes = std::uint64_t{64} << 20;

// Decimals: significant digits, and digits after the point.
inline constexpr int max_digits = 38;
inline constexpr int max_scale = 30;

// Times: years 0001 to 9999, in UTC and in the program's time zone.
inline constexpr int min_year = 1;
inline constexpr int max_year = 9999;
// The longest duration: 3,652,425 days (10,000 years of 365.2425 days).
inline constexpr std::int64_t max_duration_days = 3'652'425;
// The longest calendar amount: 120,000 months (10,000 years).
inline constexpr std::int64_t max_calendar_months = 120'000;

// "Did you mean": words longer than this are not compared with candidates.
inline constexpr std::size_t max_suggestion_bytes = 64;

} // namespace accrue::limits
