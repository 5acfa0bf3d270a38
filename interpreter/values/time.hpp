// Instants, durations and IANA time zones. An instant is a count of
// microseconds since 1970-01-01T00:00:00Z (RFC 3339 allows at most 6
// fractional digits in a ledger, so nothing is lost).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace date {
class time_zone;
}

namespace accrue {

struct Duration {
    std::int64_t micros = 0;
    static constexpr Duration seconds(std::int64_t n) { return {n * 1'000'000}; }
    static constexpr Duration days(std::int64_t n) { return seconds(n * 86'400); }
    friend auto operator<=>(const Duration&, const Duration&) = default;
};

struct Instant {
    std::int64_t micros = 0;
    friend auto operator<=>(const Instant&, const Instant&) = default;
    friend Instant operator+(Instant t, Duration d) { return {t.micros + d.micros}; }
    friend Instant operator-(Instant t, Duration d) { return {t.micros - d.micros}; }
};

// RFC 3339: `YYYY-MM-DDTHH:MM:SS[.ffffff](Z|+HH:MM|-HH:MM)`, at most six
// fractional digits; nullopt on anything else (a calendar date that does not
// exist included).
std::optional<Instant> parse_rfc3339(std::string_view text);

// A local calendar date, as days since 1970-01-01.
struct LocalDate {
    std::int64_t days = 0;
    friend auto operator<=>(const LocalDate&, const LocalDate&) = default;
};
std::optional<LocalDate> parse_iso_date(std::string_view text); // YYYY-MM-DD
std::string format_date(LocalDate date);                        // YYYY-MM-DD
inline LocalDate add_days(LocalDate date, std::int64_t days) {
    return LocalDate{date.days + days};
}

// A calendar month. Month arithmetic is on months, never on dates, so that
// "31 May + 1 month" cannot arise: a period is a month, and its first day is
// first_day(month).
struct YearMonth {
    int year = 1970;
    int month = 1; // 1..12
    friend auto operator<=>(const YearMonth&, const YearMonth&) = default;
};
YearMonth month_of(LocalDate date);
YearMonth add_months(YearMonth month, int count);
LocalDate first_day(YearMonth month);
std::string format_month(YearMonth month); // YYYY-MM

// An IANA zone from the system's time zone database. Offsets are looked up
// once per DST period and cached, so formatting a million instants is cheap.
class TimeZone {
  public:
    // nullopt when the system database has no such zone.
    static std::optional<TimeZone> locate(std::string_view name);

    [[nodiscard]] const std::string& name() const { return name_; }
    // Offset from UTC in seconds at an instant.
    [[nodiscard]] std::int64_t offset_at(Instant t) const;
    [[nodiscard]] LocalDate local_date(Instant t) const;
    // 00:00 of a local date (the earliest such instant where DST repeats it,
    // the first instant of the day where DST skips midnight).
    [[nodiscard]] Instant start_of(LocalDate date) const;

    // Calendar arithmetic (docs/language.md, "Calendar time"); nullopt when the
    // result falls outside the years 0001 to 9999.
    //
    // The same local clock time `months` later (or earlier), the day clamped
    // to the target month's last day (Jan 31 + 1 month = Feb 29 in 2024). A
    // clock time that the target day skips (DST) moves on by the gap; one it
    // repeats is its earlier instant.
    [[nodiscard]] std::optional<Instant> add_months(Instant t, std::int64_t months) const;
    // 00:00 of the first day of the month, or of the year, containing t.
    [[nodiscard]] Instant start_of_month(Instant t) const;
    [[nodiscard]] Instant start_of_year(Instant t) const;
    // The first 00:00 of a day `day` of a month (clamped to a shorter month's
    // last day) at or after t.
    [[nodiscard]] std::optional<Instant> day_of_month_from(Instant t, int day) const;
    // Whether format() writes the instant as RFC 3339 with a year from 0001
    // to 9999 (limits.hpp), here and in UTC.
    [[nodiscard]] bool writable(Instant t) const;
    // RFC 3339 in this zone, e.g. `2024-03-05T10:15:00+02:00`; fractional
    // seconds only where the instant has them. An offset with seconds (local
    // mean time before 1880, +02:02:04) is written cut to whole minutes, and
    // the clock time with it, so that the written instant is exact.
    [[nodiscard]] std::string format(Instant t) const;
    void append_formatted(std::string& out, Instant t) const;

  private:
    // The instant of a local clock time given as microseconds since
    // 1970-01-01T00:00 local.
    [[nodiscard]] Instant from_local(std::int64_t local_micros) const;
    explicit TimeZone(const date::time_zone* zone, std::string name)
        : zone_(zone), name_(std::move(name)) {}
    const date::time_zone* zone_;
    std::string name_;
    // The cache is an optimisation only: results never depend on it.
    mutable std::int64_t cached_begin_ = 1;
    mutable std::int64_t cached_end_ = 0;
    mutable std::int64_t cached_offset_ = 0;
};

} // namespace accrue
