#include "interpreter/values/time.hpp"

#include "interpreter/values/limits.hpp"

#include <date/date.h>
#include <date/tz.h>

#include <chrono>
#include <fmt/format.h>

namespace accrue {
namespace {

constexpr std::int64_t micros_per_second = 1'000'000;
constexpr std::int64_t seconds_per_day = 86'400;

bool read_digits(std::string_view text, std::size_t at, std::size_t count, int& value) {
    if (at + count > text.size()) {
        return false;
    }
    value = 0;
    for (std::size_t i = at; i < at + count; ++i) {
        if (text[i] < '0' || text[i] > '9') {
            return false;
        }
        value = value * 10 + (text[i] - '0');
    }
    return true;
}

std::optional<std::int64_t> days_of(int year, int month, int day) {
    const date::year_month_day ymd{date::year{year}, date::month{static_cast<unsigned>(month)},
                                   date::day{static_cast<unsigned>(day)}};
    if (!ymd.ok()) {
        return std::nullopt;
    }
    return date::sys_days{ymd}.time_since_epoch().count();
}

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    const std::int64_t q = a / b;
    return (a % b != 0 && ((a < 0) != (b < 0))) ? q - 1 : q;
}

void append_two(std::string& out, int value) {
    out.push_back(static_cast<char>('0' + value / 10));
    out.push_back(static_cast<char>('0' + value % 10));
}

} // namespace

std::optional<Instant> parse_rfc3339(std::string_view text) {
    int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
    if (text.size() < 20 || !read_digits(text, 0, 4, year) || text[4] != '-' ||
        !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day) ||
        (text[10] != 'T' && text[10] != 't') || !read_digits(text, 11, 2, hour) ||
        text[13] != ':' || !read_digits(text, 14, 2, minute) || text[16] != ':' ||
        !read_digits(text, 17, 2, second)) {
        return std::nullopt;
    }
    if (month < 1 || month > 12 || hour > 23 || minute > 59 || second > 59) {
        return std::nullopt;
    }
    std::size_t i = 19;
    std::int64_t fraction = 0;
    if (text[i] == '.') {
        ++i;
        int digits = 0;
        while (i < text.size() && text[i] >= '0' && text[i] <= '9') {
            if (++digits > 6) {
                return std::nullopt;
            }
            fraction = fraction * 10 + (text[i] - '0');
            ++i;
        }
        if (digits == 0) {
            return std::nullopt;
        }
        for (int d = digits; d < 6; ++d) {
            fraction *= 10;
        }
    }
    std::int64_t offset_seconds = 0;
    if (i < text.size() && (text[i] == 'Z' || text[i] == 'z')) {
        ++i;
    } else if (i < text.size() && (text[i] == '+' || text[i] == '-')) {
        int offset_hours = 0, offset_minutes = 0;
        if (!read_digits(text, i + 1, 2, offset_hours) || i + 3 >= text.size() ||
            text[i + 3] != ':' || !read_digits(text, i + 4, 2, offset_minutes) ||
            offset_hours > 23 || offset_minutes > 59) {
            return std::nullopt;
        }
        offset_seconds = (offset_hours * 3600 + offset_minutes * 60) * (text[i] == '-' ? -1 : 1);
        i += 6;
    } else {
        return std::nullopt;
    }
    if (i != text.size()) {
        return std::nullopt;
    }
    const auto days = days_of(year, month, day);
    if (!days) {
        return std::nullopt;
    }
    const std::int64_t seconds =
        *days * seconds_per_day + hour * 3600 + minute * 60 + second - offset_seconds;
    return Instant{seconds * micros_per_second + fraction};
}

std::optional<LocalDate> parse_iso_date(std::string_view text) {
    int year = 0, month = 0, day = 0;
    if (text.size() != 10 || !read_digits(text, 0, 4, year) || text[4] != '-' ||
        !read_digits(text, 5, 2, month) || text[7] != '-' || !read_digits(text, 8, 2, day) ||
        month < 1 || month > 12) {
        return std::nullopt;
    }
    const auto days = days_of(year, month, day);
    if (!days) {
        return std::nullopt;
    }
    return LocalDate{*days};
}

std::string format_date(LocalDate date) {
    const date::year_month_day ymd{date::sys_days{date::days{date.days}}};
    return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()),
                       static_cast<unsigned>(ymd.month()), static_cast<unsigned>(ymd.day()));
}

YearMonth month_of(LocalDate date) {
    const date::year_month_day ymd{date::sys_days{date::days{date.days}}};
    return YearMonth{static_cast<int>(ymd.year()),
                     static_cast<int>(static_cast<unsigned>(ymd.month()))};
}

YearMonth add_months(YearMonth month, int count) {
    const int index = month.year * 12 + (month.month - 1) + count;
    const int year = index >= 0 ? index / 12 : (index - 11) / 12;
    return YearMonth{year, index - year * 12 + 1};
}

LocalDate first_day(YearMonth month) {
    return LocalDate{*days_of(month.year, month.month, 1)};
}

std::string format_month(YearMonth month) {
    return fmt::format("{:04}-{:02}", month.year, month.month);
}

std::optional<TimeZone> TimeZone::locate(std::string_view name) {
    try {
        return TimeZone(date::locate_zone(name), std::string(name));
    } catch (const std::runtime_error&) {
        return std::nullopt;
    }
}

std::int64_t TimeZone::offset_at(Instant t) const {
    const std::int64_t seconds = floor_div(t.micros, micros_per_second);
    if (seconds >= cached_begin_ && seconds < cached_end_) {
        return cached_offset_;
    }
    const auto info = zone_->get_info(date::sys_seconds{std::chrono::seconds{seconds}});
    cached_begin_ = info.begin.time_since_epoch().count();
    cached_end_ = info.end.time_since_epoch().count();
    cached_offset_ = info.offset.count();
    return cached_offset_;
}

LocalDate TimeZone::local_date(Instant t) const {
    const std::int64_t local_seconds = floor_div(t.micros, micros_per_second) + offset_at(t);
    return LocalDate{floor_div(local_seconds, seconds_per_day)};
}

Instant TimeZone::start_of(LocalDate date) const {
    const date::local_seconds midnight{std::chrono::seconds{date.days * seconds_per_day}};
    const auto info = zone_->get_info(midnight);
    std::int64_t utc_seconds = 0;
    if (info.result == date::local_info::nonexistent) {
        utc_seconds = info.second.begin.time_since_epoch().count(); // first instant of the day
    } else {
        utc_seconds = date.days * seconds_per_day - info.first.offset.count();
    }
    return Instant{utc_seconds * micros_per_second};
}

Instant TimeZone::from_local(std::int64_t local_micros) const {
    const date::local_seconds local{
        std::chrono::seconds{floor_div(local_micros, micros_per_second)}};
    // Unique: its one offset. Skipped: the offset before the gap, which moves
    // the clock time on by the gap. Repeated: the earlier of the two.
    const auto info = zone_->get_info(local);
    return Instant{local_micros - info.first.offset.count() * micros_per_second};
}

namespace {

struct LocalClock {
    date::year_month_day date;
    std::int64_t micros_of_day = 0;
};

LocalClock local_clock(const TimeZone& zone, Instant t) {
    const std::int64_t local = t.micros + zone.offset_at(t) * micros_per_second;
    const std::int64_t days = floor_div(local, seconds_per_day * micros_per_second);
    return {date::year_month_day{date::sys_days{date::days{days}}},
            local - days * seconds_per_day * micros_per_second};
}

// Day `day` of a month, or its last day when the month is shorter.
date::sys_days clamped_day(date::year_month month, unsigned day) {
    const unsigned last = static_cast<unsigned>((month / date::last).day());
    return date::sys_days{month / date::day{std::min(day, last)}};
}

bool in_years(date::year_month month) {
    return month.year() >= date::year{limits::min_year} &&
           month.year() <= date::year{limits::max_year};
}

} // namespace

std::optional<Instant> TimeZone::add_months(Instant t, std::int64_t months) const {
    const LocalClock clock = local_clock(*this, t);
    const std::int64_t index = static_cast<int>(clock.date.year()) * 12 +
                               static_cast<unsigned>(clock.date.month()) - 1 + months;
    const std::int64_t year = floor_div(index, 12);
    if (year < limits::min_year || year > limits::max_year) {
        return std::nullopt;
    }
    const date::year_month target{date::year{static_cast<int>(year)},
                                  date::month{static_cast<unsigned>(index - year * 12 + 1)}};
    const date::sys_days day = clamped_day(target, static_cast<unsigned>(clock.date.day()));
    const Instant result = from_local(
        day.time_since_epoch().count() * seconds_per_day * micros_per_second + clock.micros_of_day);
    return writable(result) ? std::optional<Instant>{result} : std::nullopt;
}

Instant TimeZone::start_of_month(Instant t) const {
    const date::year_month_day ymd = local_clock(*this, t).date;
    const date::sys_days first{ymd.year() / ymd.month() / 1};
    return start_of(LocalDate{first.time_since_epoch().count()});
}

Instant TimeZone::start_of_year(Instant t) const {
    const date::year_month_day ymd = local_clock(*this, t).date;
    const date::sys_days first{ymd.year() / 1 / 1};
    return start_of(LocalDate{first.time_since_epoch().count()});
}

std::optional<Instant> TimeZone::day_of_month_from(Instant t, int day) const {
    const date::year_month_day ymd = local_clock(*this, t).date;
    date::year_month month = ymd.year() / ymd.month();
    for (int tries = 0; tries < 2; ++tries, month += date::months{1}) {
        if (!in_years(month)) {
            return std::nullopt;
        }
        const date::sys_days payday = clamped_day(month, static_cast<unsigned>(day));
        const Instant start = start_of(LocalDate{payday.time_since_epoch().count()});
        if (start >= t) {
            return writable(start) ? std::optional<Instant>{start} : std::nullopt;
        }
    }
    // Unreachable: next month's payday begins after any time of this month.
    return std::nullopt;
}

namespace {

// The offset RFC 3339 can write: whole minutes, cut toward zero.
std::int64_t written_offset(std::int64_t offset_seconds) {
    return offset_seconds / 60 * 60;
}

int year_at(std::int64_t local_micros) {
    const std::int64_t days =
        floor_div(floor_div(local_micros, micros_per_second), seconds_per_day);
    return static_cast<int>(date::year_month_day{date::sys_days{date::days{days}}}.year());
}

} // namespace

bool TimeZone::writable(Instant t) const {
    // 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z; offsets stay within a day.
    constexpr std::int64_t first = -62'135'596'800LL * micros_per_second;
    constexpr std::int64_t last = 253'402'300'799LL * micros_per_second;
    constexpr std::int64_t day = seconds_per_day * micros_per_second;
    if (t.micros >= first + day && t.micros <= last - day) {
        return true; // the common case, without a look-up
    }
    if (t.micros < first - day || t.micros > last + day) {
        return false;
    }
    const std::int64_t local = t.micros + written_offset(offset_at(t)) * micros_per_second;
    const auto in_range = [](int year) {
        return year >= limits::min_year && year <= limits::max_year;
    };
    return in_range(year_at(t.micros)) && in_range(year_at(local));
}

void TimeZone::append_formatted(std::string& out, Instant t) const {
    const std::int64_t offset = written_offset(offset_at(t));
    const std::int64_t micros = t.micros + offset * micros_per_second;
    const std::int64_t local_seconds = floor_div(micros, micros_per_second);
    const std::int64_t fraction = micros - local_seconds * micros_per_second;
    const std::int64_t days = floor_div(local_seconds, seconds_per_day);
    const std::int64_t in_day = local_seconds - days * seconds_per_day;
    const date::year_month_day ymd{date::sys_days{date::days{days}}};
    const int year = static_cast<int>(ymd.year());
    if (year < 0 || year > 9999) {
        out += fmt::format("{:04}", year);
    } else {
        append_two(out, year / 100);
        append_two(out, year % 100);
    }
    out.push_back('-');
    append_two(out, static_cast<int>(static_cast<unsigned>(ymd.month())));
    out.push_back('-');
    append_two(out, static_cast<int>(static_cast<unsigned>(ymd.day())));
    out.push_back('T');
    append_two(out, static_cast<int>(in_day / 3600));
    out.push_back(':');
    append_two(out, static_cast<int>(in_day / 60 % 60));
    out.push_back(':');
    append_two(out, static_cast<int>(in_day % 60));
    if (fraction != 0) {
        std::string digits = fmt::format("{:06}", fraction);
        while (digits.back() == '0') {
            digits.pop_back();
        }
        out.push_back('.');
        out += digits;
    }
    if (offset == 0 && (name_ == "UTC" || name_ == "Etc/UTC")) {
        out.push_back('Z');
        return;
    }
    const std::int64_t magnitude = offset < 0 ? -offset : offset;
    out.push_back(offset < 0 ? '-' : '+');
    append_two(out, static_cast<int>(magnitude / 3600));
    out.push_back(':');
    append_two(out, static_cast<int>(magnitude / 60 % 60));
}

std::string TimeZone::format(Instant t) const {
    std::string out;
    append_formatted(out, t);
    return out;
}

} // namespace accrue
