// Run-time values of expressions. Types were checked before evaluation, so a
// Value only needs to tell absent from present.
#pragma once

#include "interpreter/values/currency.hpp"
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/time.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace accrue {

struct Value {
    enum class Kind : std::uint8_t {
        absent,
        boolean,
        number,
        money,
        time,
        duration,
        calendar,
        text,
        set
    };
    Kind kind = Kind::absent;
    bool boolean = false;
    Decimal number;          // number, percent, money
    Currency currency;       // money
    std::int64_t micros = 0; // time, duration; calendar: months
    std::string_view text;
    const std::vector<std::string>* items = nullptr; // set

    static Value of_bool(bool b) {
        Value v;
        v.kind = Kind::boolean;
        v.boolean = b;
        return v;
    }
    static Value of_number(const Decimal& d) {
        Value v;
        v.kind = Kind::number;
        v.number = d;
        return v;
    }
    static Value of_money(const Decimal& d, Currency c) {
        Value v;
        v.kind = Kind::money;
        v.number = d;
        v.currency = c;
        return v;
    }
    static Value of_time(Instant t) {
        Value v;
        v.kind = Kind::time;
        v.micros = t.micros;
        return v;
    }
    static Value of_text(std::string_view s) {
        Value v;
        v.kind = Kind::text;
        v.text = s;
        return v;
    }
    static Value absent_if_empty(std::string_view s) { return s.empty() ? Value{} : of_text(s); }

    [[nodiscard]] bool present() const { return kind != Kind::absent; }
    [[nodiscard]] Instant instant() const { return Instant{micros}; }
};

} // namespace accrue
