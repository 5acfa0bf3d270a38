// The static types of the language: every expression has one, and the checks
// refuse programs that mix units (money of two currencies, a percentage with
// money) before anything is evaluated.
#pragma once

#include "interpreter/values/currency.hpp"

#include <cstdint>
#include <string>

namespace accrue {

enum class TypeKind : std::uint8_t {
    invalid, // an expression whose error was already reported
    boolean,
    number,
    percent,
    money,
    time,
    duration,
    calendar, // months and years: no fixed length, added to a time in the program's zone
    text,
    set,
};

// The type of an extra field a program declares (`field signup.trial: bool`).
enum class ExtraType : std::uint8_t { text, boolean, number, time, money };

// Whose currency a money value is in.
enum class MoneyOf : std::uint8_t {
    fixed,   // a currency named in the program (`30.00 USD`, `x in UAH`)
    payment, // the currency of the payment at hand
    payout,  // the partner's payout currency
};

struct Type {
    TypeKind kind = TypeKind::invalid;
    bool optional = false; // the value may be absent (a field a record may lack)
    MoneyOf money_of = MoneyOf::fixed;
    Currency currency;   // with MoneyOf::fixed
    bool rounded = true; // money: known to have at most the currency's minor digits

    static Type of(TypeKind kind, bool optional = false) {
        Type t;
        t.kind = kind;
        t.optional = optional;
        return t;
    }
    static Type money(Currency c, bool rounded = true) {
        Type t = of(TypeKind::money);
        t.currency = c;
        t.rounded = rounded;
        return t;
    }
    static Type money_of_kind(MoneyOf whose, bool rounded = true) {
        Type t = of(TypeKind::money);
        t.money_of = whose;
        t.rounded = rounded;
        return t;
    }
    [[nodiscard]] Type required() const {
        Type t = *this;
        t.optional = false;
        return t;
    }
    [[nodiscard]] bool is(TypeKind k) const { return kind == k; }
};

// Same unit: same kind, and for money the same currency.
bool same_unit(const Type& a, const Type& b);
// For messages: "money in USD", "a percentage", "text that may be absent".
std::string describe(const Type& type);

} // namespace accrue
