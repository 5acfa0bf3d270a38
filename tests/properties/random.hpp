// The draws both generators use (generate.cpp: programs,
// generate_ledger.cpp: ledgers), and the shape a program gives its ledger.
#pragma once

#include <fmt/format.h>
#include <rapidcheck.h>

#include <algorithm>
#include <random>
#include <string>
#include <vector>

namespace accrue::properties {

using rc::gen::inRange;

// A number in [min, max), drawn from the whole range whatever RapidCheck's
// size (inRange alone scales the range down with the size).
template <typename T> inline T uniform(T min, T max) {
    return *rc::gen::resize(rc::kNominalSize, inRange<T>(min, max));
}

// One chance in `n + 1`: chance(1) is a coin toss.
inline bool chance(int n) {
    return uniform(0, n + 1) == 0;
}

template <typename T> inline T pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(uniform<std::size_t>(0, items.size()))];
}

// Some of 0..n-1 (at least one), in a random order.
inline std::vector<std::size_t> some_of(std::size_t n) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::mt19937 random(*rc::gen::arbitrary<unsigned>());
    std::shuffle(order.begin(), order.end(), random);
    order.resize(uniform<std::size_t>(1, n + 1));
    return order;
}

inline std::string cents(int amount) {
    return fmt::format("{}.{:02}", amount / 100, amount % 100);
}

// What the rules may use, decided with the header.
struct Shape {
    bool partner_currency = false;
    std::string payout; // fixed payout (or the partner default)
    std::vector<std::string> roles;
};

// A ledger for a program of this shape (generate_ledger.cpp).
struct Case;
Case ledger_for(const Shape& shape, std::string program_text);

} // namespace accrue::properties
