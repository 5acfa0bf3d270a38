// Keys that are numbered 0, 1, 2, ... and kept elsewhere, found by key: a
// slot of the table is the number alone, 4 bytes, and its key is read from
// where it is kept (KeyOf). A map of views would take 24 bytes a slot or
// more, for every payment a refund names (the streamed check's kept
// payments). The customers have a table of their own (customer_numbers.hpp).
#pragma once

#include <absl/container/flat_hash_set.h>
#include <absl/hash/hash.h>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace accrue::reading {

// KeyOf: number -> its key, a view that outlives the table.
template <typename KeyOf> class NumberedKeys {
  public:
    explicit NumberedKeys(KeyOf key_of) : numbers_(0, Hash{key_of}, Equal{key_of}) {}

    [[nodiscard]] std::optional<std::uint32_t> find(std::string_view key) const {
        const auto it = numbers_.find(key);
        return it == numbers_.end() ? std::nullopt : std::optional(*it);
    }
    // The number of a key just made known to KeyOf.
    void add(std::uint32_t number) { numbers_.insert(number); }
    // Forgets a number; its key must still be readable.
    void erase(std::uint32_t number) { numbers_.erase(number); }
    void reserve(std::size_t count) { numbers_.reserve(count); }

  private:
    struct Hash {
        using is_transparent = void;
        KeyOf key_of;
        std::size_t operator()(std::string_view key) const {
            return absl::Hash<std::string_view>{}(key);
        }
        std::size_t operator()(std::uint32_t number) const { return (*this)(key_of(number)); }
    };
    struct Equal {
        using is_transparent = void;
        KeyOf key_of;
        [[nodiscard]] std::string_view key(std::string_view k) const { return k; }
        [[nodiscard]] std::string_view key(std::uint32_t number) const { return key_of(number); }
        template <typename A, typename B> bool operator()(const A& a, const B& b) const {
            return key(a) == key(b);
        }
    };
    absl::flat_hash_set<std::uint32_t, Hash, Equal> numbers_;
};

} // namespace accrue::reading
