#include "interpreter/values/currency.hpp"

#include <algorithm>
#include <array>

namespace accrue {
namespace {

struct Entry {
    std::string_view code;
    std::uint8_t minor_units;
};

// ISO 4217 codes with their minor units, generated from stdlib/iso4217.accrue
// (sorted by code).
constexpr std::array<Entry, ACCRUE_ISO4217_COUNT> iso_4217{{
#include "interpreter/values/iso4217_table.inc"
}};

constexpr bool sorted() {
    for (std::size_t i = 1; i < iso_4217.size(); ++i) {
        if (!(iso_4217[i - 1].code < iso_4217[i].code)) {
            return false;
        }
    }
    return true;
}
static_assert(sorted(), "keep the ISO 4217 table sorted by code");

constexpr std::uint32_t pack(std::string_view code) {
    return (static_cast<std::uint32_t>(static_cast<unsigned char>(code[0])) << 16) |
           (static_cast<std::uint32_t>(static_cast<unsigned char>(code[1])) << 8) |
           static_cast<std::uint32_t>(static_cast<unsigned char>(code[2]));
}

// Every three-letter code maps to its table entry (or none) in one lookup.
struct CodeIndex {
    static constexpr std::size_t size = 26 * 26 * 26;
    std::array<std::int16_t, size> entry{};
    constexpr CodeIndex() {
        for (auto& e : entry) {
            e = -1;
        }
        for (std::size_t i = 0; i < iso_4217.size(); ++i) {
            entry[slot(iso_4217[i].code)] = static_cast<std::int16_t>(i);
        }
    }
    static constexpr std::size_t slot(std::string_view code) {
        return static_cast<std::size_t>((code[0] - 'A') * 676 + (code[1] - 'A') * 26 +
                                        (code[2] - 'A'));
    }
    [[nodiscard]] constexpr const Entry* find(std::string_view code) const {
        if (code.size() != 3) {
            return nullptr;
        }
        for (const char c : code) {
            if (c < 'A' || c > 'Z') {
                return nullptr;
            }
        }
        const std::int16_t i = entry[slot(code)];
        return i < 0 ? nullptr : &iso_4217[static_cast<std::size_t>(i)];
    }
};
constexpr CodeIndex code_index;

} // namespace

std::optional<Currency> Currency::from_code(std::string_view code) {
    const Entry* entry = code_index.find(code);
    if (entry == nullptr) {
        return std::nullopt;
    }
    return Currency(pack(code), entry->minor_units);
}

std::string_view Currency::code_view() const {
    const char code[3] = {static_cast<char>((packed() >> 16) & 0xff),
                          static_cast<char>((packed() >> 8) & 0xff),
                          static_cast<char>(packed() & 0xff)};
    const Entry* entry = code_index.find(std::string_view(code, 3));
    return entry == nullptr ? std::string_view{} : entry->code;
}

std::string Currency::code() const {
    return {static_cast<char>((packed() >> 16) & 0xff), static_cast<char>((packed() >> 8) & 0xff),
            static_cast<char>(packed() & 0xff)};
}

std::vector<std::string_view> Currency::codes() {
    std::vector<std::string_view> codes;
    for (const Entry& e : iso_4217) {
        codes.push_back(e.code);
    }
    return codes;
}

} // namespace accrue
