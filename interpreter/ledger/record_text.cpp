#include "interpreter/ledger/record_text.hpp"

#include "interpreter/ledger/fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>

namespace accrue::reading {
namespace {

// Short keys compared byte by byte: for keys of a few bytes a library call
// per comparison costs more than the comparison (this runs for every key of
// every record).
bool same(std::string_view a, std::string_view b) {
    if (a.size() != b.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (a[i] != b[i]) {
            return false;
        }
    }
    return true;
}

// Key names by length and first letter: a key is compared with the one or
// two names that could match, not with all of them.
struct Keys {
    static constexpr std::size_t max_length = 24;
    std::vector<std::string_view> names{"type"};
    std::array<std::array<std::vector<int>, 26>, max_length> buckets;
    Keys() {
        for (const LedgerField& field : ledger_fields()) {
            if (field.stored() && std::find(names.begin(), names.end(), field.key) == names.end()) {
                names.push_back(field.key);
            }
        }
        for (std::size_t i = 0; i < names.size(); ++i) {
            buckets.at(names[i].size())
                .at(static_cast<std::size_t>(names[i][0] - 'a'))
                .push_back(static_cast<int>(i));
        }
    }
};

const Keys& keys() {
    static const Keys table;
    return table;
}

// A JSON string literal (with its quotes) with its escapes resolved. Escapes
// are rare in ledgers, so simdjson's DOM parser, which does this, is called
// only for strings that have one.
std::optional<std::string> unescape(std::string_view quoted) {
    simdjson::dom::parser parser;
    std::string_view text;
    if (parser.parse(simdjson::padded_string(quoted)).get_string().get(text) != simdjson::SUCCESS) {
        return std::nullopt;
    }
    return std::string(text);
}

} // namespace

int KeyIndex::of(std::string_view key) {
    if (key.empty() || key.size() >= Keys::max_length || key[0] < 'a' || key[0] > 'z') {
        return unknown;
    }
    const Keys& k = keys();
    for (const int i : k.buckets[key.size()][static_cast<std::size_t>(key[0] - 'a')]) {
        if (same(k.names[static_cast<std::size_t>(i)], key)) {
            return i;
        }
    }
    return unknown;
}

int KeyIndex::count() {
    return static_cast<int>(keys().names.size());
}

const RecordLayout& layout_of(RecordType type) {
    static const auto layouts = [] {
        std::array<RecordLayout, 9> all;
        static_assert(sizeof(RecordLayout::listed_keys) * 8 >= 64);
        if (KeyIndex::count() > 64) {
            throw std::logic_error("the field table has more than 64 distinct keys");
        }
        for (std::size_t t = 0; t < all.size(); ++t) {
            RecordLayout& layout = all[t];
            layout.listed_keys = 1ULL << KeyIndex::type;
            for (const LedgerField* field : fields_of_record(static_cast<RecordType>(t))) {
                const int key = KeyIndex::of(field->key);
                layout.fields.emplace_back(field, key);
                layout.listed_keys |= 1ULL << static_cast<unsigned>(key);
            }
        }
        return all;
    }();
    return layouts.at(static_cast<std::size_t>(type));
}

void RecordText::clear() {
    members.clear();
    strings.clear();
    slots.assign(static_cast<std::size_t>(KeyIndex::count()), 0);
    repeated_key.reset();
}

const Member* RecordText::member(int key_number) const {
    if (key_number < 0) {
        return nullptr;
    }
    const std::int16_t slot = slots[static_cast<std::size_t>(key_number)];
    if (slot == 0 || members[static_cast<std::size_t>(slot - 1)].type == od::json_type::null) {
        return nullptr;
    }
    return &members[static_cast<std::size_t>(slot - 1)];
}

void fail(const Ledger& ledger, std::uint32_t position, std::string_view id, std::string_view field,
          const std::string& message) {
    Diagnostic d;
    d.file = ledger.file;
    d.record = RecordPlace{ledger.where(position), std::string(id), std::string(field)};
    d.message = message;
    throw LedgerError(std::move(d));
}

std::string_view text_of(Ledger& ledger, const Member& m, std::uint32_t position,
                         std::string_view id) {
    if (m.type != od::json_type::string) {
        fail(ledger, position, id, m.key,
             fmt::format("expected a string, found {}", json_shown(m)));
    }
    std::string_view body = m.token.substr(1, m.token.size() - 2);
    // Values are short: a plain loop beats a library call here.
    if (std::none_of(body.begin(), body.end(), [](char c) { return c == '\\'; })) {
        return body;
    }
    const auto plain = unescaped(ledger, m.token);
    if (!plain) {
        fail(ledger, position, id, m.key, "malformed JSON string escape");
    }
    return *plain;
}

std::optional<std::string_view> unescaped(Ledger& ledger, std::string_view quoted) {
    auto plain = unescape(quoted);
    if (!plain) {
        return std::nullopt;
    }
    ledger.arena.push_back(std::move(*plain));
    return ledger.arena.back();
}

} // namespace accrue::reading
