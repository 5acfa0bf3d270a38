#include "interpreter/values/decimal.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace accrue {
namespace {

using int128 = __int128;

constexpr int max_digits = limits::max_digits;

constexpr std::array<int128, max_digits + 1> make_powers() {
    std::array<int128, max_digits + 1> powers{};
    int128 p = 1;
    for (auto& entry : powers) {
        entry = p;
        if (&entry != &powers.back()) {
            p *= 10;
        }
    }
    return powers;
}
constexpr auto powers_of_ten = make_powers();

[[noreturn]] void overflow(const char* operation) {
    throw DecimalOverflow(fmt::format("decimal overflow: {} gives more than 38 digits", operation));
}

// Coefficients stay within 38 decimal digits, the documented range.
int128 in_range(int128 value, const char* operation) {
    if (value >= powers_of_ten[max_digits] || value <= -powers_of_ten[max_digits]) {
        overflow(operation);
    }
    return value;
}

int128 checked_mul(int128 a, int128 b, const char* operation) {
    int128 result = 0;
    if (__builtin_mul_overflow(a, b, &result)) {
        overflow(operation);
    }
    return in_range(result, operation);
}

int128 checked_add(int128 a, int128 b) {
    int128 result = 0;
    if (__builtin_add_overflow(a, b, &result)) {
        overflow("an addition");
    }
    return in_range(result, "an addition");
}

int128 pow10(int exponent, const char* operation) {
    if (exponent < 0 || exponent > max_digits) {
        overflow(operation);
    }
    return powers_of_ten[static_cast<std::size_t>(exponent)];
}

bool fits_64(int128 v) {
    return v >= INT64_MIN && v <= INT64_MAX;
}

// q = n / d rounded as asked, from the truncated quotient and remainder.
int128 round_quotient(int128 n, int128 d, Rounding mode) {
    // Money fits in 64 bits almost always, and a 64-bit division is many
    // times cheaper than a 128-bit one.
    // INT64_MIN / -1 does not fit in 64 bits: that one takes the wide path.
    const bool narrow = fits_64(n) && fits_64(d) && n != INT64_MIN;
    const int128 q =
        narrow ? static_cast<int128>(static_cast<std::int64_t>(n) / static_cast<std::int64_t>(d))
               : n / d;
    const int128 r =
        narrow ? static_cast<int128>(static_cast<std::int64_t>(n) % static_cast<std::int64_t>(d))
               : n % d;
    if (r == 0 || mode == Rounding::down) {
        return q;
    }
    const int128 abs_r = r < 0 ? -r : r;
    const int128 abs_d = d < 0 ? -d : d;
    const bool negative = (n < 0) != (d < 0);
    const int128 rest = abs_d - abs_r; // compared with abs_r instead of doubling it: no overflow
    bool away = false;
    if (abs_r > rest) {
        away = true;
    } else if (abs_r == rest) {
        away = mode == Rounding::half_away_from_zero || (q % 2 != 0);
    }
    return away ? (negative ? q - 1 : q + 1) : q;
}

} // namespace

std::string Decimal::why_refused(std::string_view text) {
    const std::string_view digits_part = text.starts_with('-') ? text.substr(1) : text;
    const std::size_t point = digits_part.find('.');
    const std::string_view whole = digits_part.substr(0, point);
    const std::string_view fraction =
        point == std::string_view::npos ? std::string_view{} : digits_part.substr(point + 1);
    const auto all_digits = [](std::string_view part) {
        return !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
    };
    if (!all_digits(whole) || (point != std::string_view::npos && !all_digits(fraction))) {
        return "is not a plain decimal (digits, an optional '.', no exponent or thousands "
               "separator)";
    }
    if (fraction.size() > static_cast<std::size_t>(max_scale)) {
        return fmt::format("has {} digits after the point: a decimal has at most {}",
                           fraction.size(), max_scale);
    }
    std::string significant = std::string(whole) + std::string(fraction);
    significant.erase(0, std::min(significant.find_first_not_of('0'), significant.size()));
    return fmt::format("has {} significant digits: a decimal has at most {}", significant.size(),
                       max_digits);
}

std::optional<Decimal> Decimal::parse(std::string_view text) {
    std::size_t i = 0;
    bool negative = false;
    if (i < text.size() && text[i] == '-') {
        negative = true;
        ++i;
    }
    int128 units = 0;
    int digits = 0;
    int scale = 0;
    bool seen_point = false;
    bool integer_digit = false;
    bool fraction_digit = false;
    for (; i < text.size(); ++i) {
        const char c = text[i];
        if (c == '.') {
            if (seen_point || !integer_digit) {
                return std::nullopt;
            }
            seen_point = true;
            continue;
        }
        if (c < '0' || c > '9') {
            return std::nullopt;
        }
        (seen_point ? fraction_digit : integer_digit) = true;
        if (units != 0 || c != '0') {
            ++digits;
        }
        if (digits > max_digits) {
            return std::nullopt;
        }
        units = units * 10 + (c - '0');
        if (seen_point) {
            ++scale;
        }
    }
    if (!integer_digit || (seen_point && !fraction_digit) || scale > max_scale) {
        return std::nullopt;
    }
    return Decimal(negative ? -units : units, scale);
}

bool Decimal::is_integer() const {
    return units_ % pow10(scale_, "a scale") == 0;
}

std::optional<std::int64_t> Decimal::to_int64() const {
    if (!is_integer()) {
        return std::nullopt;
    }
    const int128 whole = units_ / pow10(scale_, "a scale");
    if (whole > INT64_MAX || whole < INT64_MIN) {
        return std::nullopt;
    }
    return static_cast<std::int64_t>(whole);
}

Decimal Decimal::with_scale(int scale) const {
    if (scale == scale_) {
        return *this;
    }
    return Decimal(
        checked_mul(units_, pow10(scale - scale_, "widening the scale"), "widening the scale"),
        scale);
}

Decimal Decimal::rounded(int scale, Rounding mode) const {
    if (scale >= scale_) {
        return with_scale(scale);
    }
    return Decimal(round_quotient(units_, pow10(scale_ - scale, "rounding"), mode), scale);
}

Decimal Decimal::normalized() const {
    Decimal result = *this;
    while (result.scale_ > 0 && result.units_ % 10 == 0) {
        result.units_ /= 10;
        --result.scale_;
    }
    return result;
}

Decimal Decimal::divide(const Decimal& dividend, const Decimal& divisor, int scale, Rounding mode) {
    if (divisor.units_ == 0) {
        throw std::domain_error("division by zero");
    }
    // dividend / divisor = (a / 10^sa) / (b / 10^sb); scaled to 10^scale:
    // a * 10^(scale + sb - sa) / b.
    const int exponent = scale + divisor.scale_ - dividend.scale_;
    int128 numerator = dividend.units_;
    int128 denominator = divisor.units_;
    if (exponent >= 0) {
        numerator = checked_mul(numerator, pow10(exponent, "a division"), "a division");
    } else {
        denominator = checked_mul(denominator, pow10(-exponent, "a division"), "a division");
    }
    return Decimal(round_quotient(numerator, denominator, mode), scale);
}

Decimal operator+(const Decimal& a, const Decimal& b) {
    const int scale = std::max(a.scale_, b.scale_);
    return Decimal(checked_add(a.with_scale(scale).units_, b.with_scale(scale).units_), scale);
}

Decimal operator-(const Decimal& a) {
    return Decimal(checked_mul(a.units_, -1, "a negation"), a.scale_);
}

Decimal operator-(const Decimal& a, const Decimal& b) {
    return a + (-b);
}

Decimal operator*(const Decimal& a, const Decimal& b) {
    Decimal product(checked_mul(a.units_, b.units_, "a multiplication"), a.scale_ + b.scale_);
    if (product.scale_ > Decimal::max_scale) {
        product = product.normalized();
        if (product.scale_ > Decimal::max_scale) {
            overflow("a multiplication");
        }
    }
    return product;
}

std::strong_ordering operator<=>(const Decimal& a, const Decimal& b) {
    const int scale = std::max(a.scale_, b.scale_);
    return a.with_scale(scale).units_ <=> b.with_scale(scale).units_;
}

void Decimal::append_to(std::string& out) const {
    char digits[48];
    int length = 0;
    int128 magnitude = units_ < 0 ? -units_ : units_;
    // Money fits in 64 bits: dividing those is many times cheaper than 128.
    auto small = static_cast<std::uint64_t>(magnitude);
    if (magnitude == static_cast<int128>(small)) {
        do {
            digits[length++] = static_cast<char>('0' + small % 10);
            small /= 10;
        } while (small != 0 || length <= scale_);
    } else {
        do {
            digits[length++] = static_cast<char>('0' + static_cast<int>(magnitude % 10));
            magnitude /= 10;
        } while (magnitude != 0 || length <= scale_);
    }
    char text[52];
    int written = 0;
    if (units_ < 0) {
        text[written++] = '-';
    }
    for (int i = length - 1; i >= 0; --i) {
        text[written++] = digits[i];
        if (i == scale_ && scale_ > 0) {
            text[written++] = '.';
        }
    }
    out.append(text, static_cast<std::size_t>(written));
}

std::string Decimal::to_string() const {
    std::string out;
    append_to(out);
    return out;
}

} // namespace accrue
