// Exact decimal numbers for money and rates: an integer coefficient and a
// scale (digits after the point). Never binary floating point; overflow of the
// 128-bit coefficient is an error, not a wrap.
#pragma once

#include "interpreter/values/limits.hpp"

#include <compare>
#include <cstdint>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>

namespace accrue {

enum class Rounding : std::uint8_t {
    half_away_from_zero, // 0.5 -> 1, -0.5 -> -1: the vendors' and the spec's default
    half_even,           // 0.5 -> 0, 1.5 -> 2
    down,                // toward zero
};

struct DecimalOverflow : std::overflow_error {
    using std::overflow_error::overflow_error;
};

// Aligned to 8, not 16: 24 bytes instead of 32 in every record and line the
// ledger keeps (x86-64 reads an __int128 at any alignment at no cost).
#pragma pack(push, 8)
class Decimal {
  public:
    static constexpr int max_scale = limits::max_scale;

    constexpr Decimal() = default;
    static Decimal from_int(std::int64_t value) { return Decimal(value, 0); }

    // Parses `-?digits(.digits)?` exactly; anything else (exponents,
    // separators, spaces, a leading `+`) is not a decimal here.
    static std::optional<Decimal> parse(std::string_view text);
    // Why parse() refuses `text`, as the end of a sentence that names it:
    // the limit it breaks ("has 39 significant digits, ..."), or that it is
    // not a plain decimal.
    static std::string why_refused(std::string_view text);

    [[nodiscard]] int scale() const { return scale_; }
    [[nodiscard]] int sign() const { return units_ < 0 ? -1 : (units_ > 0 ? 1 : 0); }
    [[nodiscard]] bool is_zero() const { return units_ == 0; }
    [[nodiscard]] bool is_integer() const;
    [[nodiscard]] std::optional<std::int64_t> to_int64() const; // integers only

    // The same value with exactly `scale` digits, rounded as asked.
    [[nodiscard]] Decimal rounded(int scale, Rounding mode) const;
    // The same value with at least `scale` digits: widens, never rounds
    // ("10" with 2 becomes "10.00"; "0.004" stays "0.004").
    [[nodiscard]] Decimal widened(int scale) const {
        return scale > scale_ ? with_scale(scale) : *this;
    }
    // The smallest positive value with `scale` digits: 0.01 for 2, 1 for 0.
    static Decimal unit(int scale) { return Decimal(1, scale); }
    // The same value with trailing fractional zeros removed.
    [[nodiscard]] Decimal normalized() const;

    // Quotient rounded to `scale` digits; division by zero throws.
    static Decimal divide(const Decimal& dividend, const Decimal& divisor, int scale,
                          Rounding mode);

    friend Decimal operator+(const Decimal& a, const Decimal& b);
    friend Decimal operator-(const Decimal& a, const Decimal& b);
    friend Decimal operator*(const Decimal& a, const Decimal& b);
    friend Decimal operator-(const Decimal& a);
    friend std::strong_ordering operator<=>(const Decimal& a, const Decimal& b);
    friend bool operator==(const Decimal& a, const Decimal& b) {
        return (a <=> b) == std::strong_ordering::equal;
    }

    // Plain text with exactly scale() fractional digits, e.g. "-14.90".
    [[nodiscard]] std::string to_string() const;
    // Appends the same text to a buffer without allocating.
    void append_to(std::string& out) const;

  private:
    constexpr Decimal(__int128 units, int scale) : units_(units), scale_(scale) {}
    [[nodiscard]] Decimal with_scale(int scale) const; // exact upscale only

    __int128 units_ = 0;
    int scale_ = 0;
};
#pragma pack(pop)

} // namespace accrue
