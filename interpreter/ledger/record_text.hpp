// One record object as the JSON framing found it, before decoding: each
// member's key and the raw text of its value. Shared by the framing
// (framing.cpp), which fills it, and the decoder (decode.cpp), which reads it.
#pragma once

#include "interpreter/ledger/fields.hpp"
#include "interpreter/ledger/ledger.hpp"

#include <simdjson.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accrue::reading {

namespace od = simdjson::ondemand;

// The distinct keys of the field table, plus "type", as small numbers: a
// record's members are found by key number, not by comparing strings.
struct KeyIndex {
    static constexpr int unknown = -1;
    static constexpr int type = 0;
    static int of(std::string_view key);
    static int count();
};

// The fields the table lists for one record type, with their key numbers.
struct RecordLayout {
    std::vector<std::pair<const LedgerField*, int>> fields; // in the table's order
    std::uint64_t listed_keys = 0; // bit per key number: "type" and the type's fields

    [[nodiscard]] bool lists(int key_number) const {
        return key_number >= 0 && (listed_keys >> static_cast<unsigned>(key_number) & 1U) != 0;
    }
};
const RecordLayout& layout_of(RecordType type);

struct Member {
    std::string_view key;
    int key_number = KeyIndex::unknown;
    od::json_type type = od::json_type::null;
    std::string_view token;          // a scalar's raw JSON text
    std::uint32_t strings_begin = 0; // an array of strings: in RecordText::strings
    std::uint32_t strings_count = 0;
    bool array_of_strings = true;
};

// A member's value as a message shows it: its JSON text, or what it is
// when it has none (an array or an object).
inline std::string_view json_shown(const Member& m) {
    if (!m.token.empty()) {
        return m.token;
    }
    return m.type == od::json_type::array    ? "an array"
           : m.type == od::json_type::object ? "an object"
                                             : "nothing";
}

struct RecordText {
    std::uint32_t position = 0; // line (JSON Lines) or array index (JSON)
    std::vector<Member> members;
    std::vector<std::string_view> strings; // the string arrays' elements
    std::vector<std::int16_t> slots;       // key number -> index in members + 1; 0: absent
    std::optional<std::pair<std::string, std::string>> repeated_key; // field, message

    void clear();
    // The member with this key, or null when absent or JSON null (the same,
    // per ledger.md).
    [[nodiscard]] const Member* member(int key_number) const;
};

// Errors name the file, the line or index, the record id and the field.
[[noreturn]] void fail(const Ledger& ledger, std::uint32_t position, std::string_view id,
                       std::string_view field, const std::string& message);

// A JSON string literal (with its quotes) with its escapes resolved, kept
// in the ledger's arena; nullopt when an escape is malformed.
std::optional<std::string_view> unescaped(Ledger& ledger, std::string_view quoted);

// A string member's text with its escapes resolved (kept in the ledger's
// arena when it had any).
std::string_view text_of(Ledger& ledger, const Member& m, std::uint32_t position,
                         std::string_view id);

} // namespace accrue::reading
