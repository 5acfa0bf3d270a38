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

    [[nodiscard]] bool valid() const { return bits_ != 0; }
    [[nodiscard]] int minor_units() const { return static_cast<int>(bits_ >> 24); }
    [[nodiscard]] std::string code() const;
    // The code as a view of static storage (valid for the whole run).
    [[nodiscard]] std::string_view code_view() const;
    [[nodiscard]] std::uint32_t packed() const { return bits_ & code_mask; }

    friend bool operator==(const Currency&, const Currency&) = default;
    friend auto operator<=>(const Currency& a, const Currency& b) {
        return a.packed() <=> b.packed();
    }

  private:
    static constexpr std::uint32_t code_mask = 0xFFFFFF;
    constexpr Currency(std::uint32_t packed, std::uint8_t minor)
        : bits_(packed | static_cast<std::uint32_t>(minor) << 24) {}
    // The code's three letters in the low bytes, the minor units in the top
    // one: four bytes in every record and line.
    std::uint32_t bits_ = 0;
};

} // namespace accrue
