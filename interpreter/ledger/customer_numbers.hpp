// Each customer key of a ledger once, numbered in the order first named
// (Record::customer_index). A slot of the table is the customer's number
// alone, 4 bytes, and its key is read from Ledger::customers: a map of
// views would take 24 bytes a slot, for every customer of the ledger.
#pragma once

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace accrue::reading {

class CustomerNumbers {
  public:
    // `keys`: Ledger::customers, which outlives the table and only grows.
    explicit CustomerNumbers(const std::vector<std::string_view>& keys)
        : numbers_(0, Hash{&keys}, Equal{&keys}) {}

    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key) const {
        const auto it = numbers_.find(key);
        return it == numbers_.end() ? std::nullopt : std::optional(*it);
    }
    // The number of a key just appended to `keys`.
    void add(std::uint32_t number) { numbers_.insert(number); }

  private:
    using Keys = const std::vector<std::string_view>*;
    struct Hash {
        using is_transparent = void;
        Keys keys;
        std::size_t operator()(std::string_view key) const {
            return absl::Hash<std::string_view>{}(key);
        }
        std::size_t operator()(std::uint32_t number) const { return (*this)((*keys)[number]); }
    };
    struct Equal {
        using is_transparent = void;
        Keys keys;
        [[nodiscard]] std::string_view key(std::string_view k) const { return k; }
        [[nodiscard]] std::string_view key(std::uint32_t number) const { return (*keys)[number]; }
        template <typename A, typename B> bool operator()(const A& a, const B& b) const {
            return key(a) == key(b);
        }
    };
    absl::flat_hash_set<std::uint32_t, Hash, Equal> numbers_;
};

} // namespace accrue::reading
