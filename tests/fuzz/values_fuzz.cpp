// Fuzz target: the value parsers and decimal arithmetic. The input is two
// lines; each is tried as an RFC 3339 time, a date and a decimal. Parsed
// values survive a round trip through their text, and arithmetic is exact or
// a DecimalOverflow (division by zero a domain_error), never a wrap or a trap.
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/time.hpp"

#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string>

using namespace accrue;

namespace {

void times(std::string_view text) {
    static const TimeZone kyiv = *TimeZone::locate("Europe/Kyiv");
    if (const auto t = parse_rfc3339(text); t && kyiv.writable(*t)) {
        const auto back = parse_rfc3339(kyiv.format(*t));
        if (!back || back->micros != t->micros) {
            std::abort(); // a written time must read back as the same instant
        }
    }
    if (const auto day = parse_iso_date(text)) {
        if (parse_iso_date(format_date(*day))->days != day->days) {
            std::abort();
        }
    }
}

void arithmetic(const Decimal& a, const Decimal& b) {
    try {
        const Decimal sum = a + b;
        if (sum - b != a) {
            std::abort(); // exact: (a + b) - b is a
        }
    } catch (const DecimalOverflow&) {
    }
    try {
        const Decimal product = a * b;
        if (!b.is_zero() && Decimal::divide(product, b, a.scale(), Rounding::down) != a) {
            std::abort(); // exact: (a x b) / b is a
        }
    } catch (const DecimalOverflow&) {
    }
    for (const Rounding mode :
         {Rounding::half_away_from_zero, Rounding::half_even, Rounding::down}) {
        try {
            (void)Decimal::divide(a, b, 2, mode);
            (void)a.rounded(0, mode);
        } catch (const DecimalOverflow&) {
        } catch (const std::domain_error&) {
        }
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    const std::size_t newline = input.find('\n');
    const std::string_view first = input.substr(0, newline);
    const std::string_view second =
        newline == std::string_view::npos ? "1" : input.substr(newline + 1);
    times(first);
    times(second);
    const auto a = Decimal::parse(first);
    const auto b = Decimal::parse(second);
    if (a) {
        if (Decimal::parse(a->to_string()) != a) {
            std::abort(); // a decimal's text reads back as the same decimal
        }
    }
    if (a && b) {
        arithmetic(*a, *b);
    }
    return 0;
}
