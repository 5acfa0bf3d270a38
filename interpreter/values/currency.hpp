// ISO 4217 currency codes and their minor units.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accrue {

// A currency as its three-letter code packed into an integer: cheap to copy,
// compare and hash. Only codes listed in ISO 4217 are constructed.
class Currency {
  public:
    constexpr Currency() = default;
    static std::optional<Currency> from_code(std::string_view code);
    // Every ISO 4217 code, sorted (for completion in editors).
    static std::vector<std::string_view> codes();

    [[nodiscard]] bool valid() const { return packed_ != 0; }
    [[nodiscard]] int minor_units() const { return minor_units_; }
    [[nodiscard]] std::string code() const;
    // The code as a view of static storage (valid for the whole run).
    [[nodiscard]] std::string_view code_view() const;
    [[nodiscard]] std::uint32_t packed() const { return packed_; }

    friend bool operator==(const Currency&, const Currency&) = default;
    friend auto operator<=>(const Currency& a, const Currency& b) {
        return a.packed_ <=> b.packed_;
    }

  private:
    constexpr Currency(std::uint32_t packed, std::uint8_t minor)
        : packed_(packed), minor_units_(minor) {}
    std::uint32_t packed_ = 0;
    std::uint8_t minor_units_ = 0;
};

} // namespace accrue
