#include "interpreter/ledger/decode.hpp"

#include "interpreter/ledger/fields.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace accrue::reading {
namespace {

std::optional<RecordType> record_type_from(std::string_view name) {
    static constexpr RecordType types[] = {
        RecordType::partner, RecordType::rate,   RecordType::click,
        RecordType::signup,  RecordType::attach, RecordType::status,
        RecordType::payment, RecordType::refund, RecordType::withdrawal,
    };
    for (const RecordType type : types) {
        if (record_type_name(type) == name) {
            return type;
        }
    }
    return std::nullopt;
}

} // namespace

RecordType Decoder::record_type(const RecordText& text) {
    const Member* type_member = text.member(KeyIndex::type);
    if (type_member == nullptr) {
        reading::fail(ledger_, text.position, {}, "type", "missing required field \"type\"");
    }
    if (type_member->type != od::json_type::string) {
        reading::fail(ledger_, text.position, {}, "type",
                      fmt::format("expected a string, found {}", json_shown(*type_member)));
    }
    const std::string_view name = text_of(ledger_, *type_member, text.position, {});
    const auto type = record_type_from(name);
    if (!type) {
        reading::fail(ledger_, text.position, {}, "type",
                      fmt::format("unknown record type \"{}\" (expected partner, rate, click, "
                                  "signup, attach, status, payment, refund or withdrawal)",
                                  name));
    }
    return *type;
}

std::string_view Decoder::record_id(const RecordText& text, RecordType type) {
    for (const auto& [field, key] : layout_of(type).fields) {
        if (field->decode != Decode::id) {
            continue;
        }
        const Member* m = text.member(key);
        if (m == nullptr) {
            return {};
        }
        const std::string_view id = text_of(ledger_, *m, text.position, {});
        if (id.empty()) {
            reading::fail(ledger_, text.position, {}, "id", "an id must not be empty");
        }
        return id;
    }
    return {};
}

void Decoder::check_required(const Context& c) const {
    for (const auto& [field, key] : layout_of(c.type).fields) {
        if (field->required && c.text.member(key) == nullptr) {
            fail(c, field->key,
                 fmt::format("missing required field \"{}\" of a {} record", field->key,
                             record_type_name(c.type)));
        }
    }
}

Decimal Decoder::money(const Context& c, const LedgerField& field, const Member& m) const {
    if (m.type != od::json_type::string && m.type != od::json_type::number) {
        fail(c, field.key,
             fmt::format("expected {} as a decimal string, found {}", field.what, json_shown(m)));
    }
    const std::string_view literal =
        m.type == od::json_type::string ? m.token.substr(1, m.token.size() - 2) : m.token;
    const auto value = Decimal::parse(literal);
    if (!value) {
        fail(c, field.key,
             fmt::format("{} \"{}\" {}", field.what, literal, Decimal::why_refused(literal)));
    }
    if (value->sign() <= 0) {
        fail(c, field.key, fmt::format("{} must be greater than 0, found {}", field.what, literal));
    }
    return *value;
}

Currency Decoder::currency(const Context& c, const LedgerField& field, const Member& m) {
    const std::string_view code = text_of(ledger_, m, c.text.position, c.id);
    const auto parsed = Currency::from_code(code);
    if (!parsed) {
        fail(c, field.key,
             fmt::format("\"{}\" is not an ISO 4217 currency code (upper case)", code));
    }
    if (field.decode == Decode::usd && parsed->code_view() != "USD") {
        fail(c, field.key,
             fmt::format("rates are quoted against USD in ledger version 1: base must be USD, "
                         "found \"{}\"",
                         code));
    }
    return *parsed;
}

Currency Decoder::payout_currency(const Context& c, const Member& m) {
    const std::string_view code = text_of(ledger_, m, c.text.position, c.id);
    const auto parsed = Currency::from_code(code);
    if (!parsed) {
        fail(c, "currency", fmt::format("\"{}\" is not an ISO 4217 currency code", code));
    }
    if (rules_.fixed_payout_currency && *parsed != *rules_.fixed_payout_currency) {
        fail(c, "currency",
             fmt::format("payout currency \"{}\" is not allowed: this program pays in {}", code,
                         rules_.fixed_payout_currency->code()));
    }
    return *parsed;
}

Instant Decoder::time(const Context& c, const LedgerField& field, const Member& m) {
    const auto at = parse_rfc3339(text_of(ledger_, m, c.text.position, c.id));
    if (!at) {
        fail(c, field.key,
             field.decode == Decode::time
                 ? fmt::format("not an RFC 3339 time (like 2024-03-05T10:15:00+02:00, at most 6 "
                               "fractional digits): {}",
                               m.token)
                 : fmt::format("not an RFC 3339 time: {}", m.token));
    }
    check_years(c, field.key, m, *at);
    return *at;
}

void Decoder::check_years(const Context& c, std::string_view key, const Member& m,
                          Instant at) const {
    if (rules_.zone && !rules_.zone->writable(at)) {
        fail(c, key,
             fmt::format("{} is outside the years {:04} to {} in the program's time zone ({})",
                         m.token, limits::min_year, limits::max_year, rules_.zone->name()));
    }
}

std::string_view Decoder::choice(const Context& c, const LedgerField& field, const Member& m) {
    const std::string_view text = text_of(ledger_, m, c.text.position, c.id);
    if (!text.empty() &&
        std::find(field.choices.begin(), field.choices.end(), text) == field.choices.end()) {
        fail(c, field.key,
             fmt::format("expected \"{}\", found \"{}\"", fmt::join(field.choices, "\" or \""),
                         text));
    }
    return text;
}

std::uint32_t Decoder::months(const Context& c, const LedgerField& field, const Member& m) const {
    // A whole number as written: `2`, not `2.0` or `2e0`.
    const bool digits_only = m.type == od::json_type::number && !m.token.empty() &&
                             m.token.find_first_not_of("0123456789") == std::string_view::npos;
    const auto number = digits_only ? Decimal::parse(m.token) : std::nullopt;
    const auto whole = number ? number->to_int64() : std::nullopt;
    if (!whole || *whole < 1 || *whole > 1'000'000) {
        fail(c, field.key,
             fmt::format("expected a whole number of months >= 1, found {}", json_shown(m)));
    }
    return static_cast<std::uint32_t>(*whole);
}

Decoded Decoder::value(const Context& c, const LedgerField& field, const Member& m) {
    Decoded d;
    switch (field.decode) {
    case Decode::id:
        d.text = keep(c.id);
        break;
    case Decode::time:
    case Decode::joined_at:
        d.time = time(c, field, m);
        break;
    case Decode::text:
    case Decode::partner_ref:
        d.text = keep(text_of(ledger_, m, c.text.position, c.id));
        break;
    case Decode::customer: // kept once per customer, by number_customer
        d.text = text_of(ledger_, m, c.text.position, c.id);
        break;
    case Decode::choice:
        d.text = keep(choice(c, field, m));
        break;
    case Decode::money:
        d.number = money(c, field, m);
        break;
    case Decode::currency:
    case Decode::usd:
        d.currency = currency(c, field, m);
        break;
    case Decode::payout_currency:
        d.currency = payout_currency(c, m);
        break;
    case Decode::boolean:
        if (m.type != od::json_type::boolean) {
            fail(c, field.key, fmt::format("expected true or false, found {}", json_shown(m)));
        }
        d.boolean = m.token == "true";
        break;
    case Decode::months:
        d.count = months(c, field, m);
        break;
    case Decode::role:
        d.text = keep(text_of(ledger_, m, c.text.position, c.id));
        if (std::find(rules_.roles.begin(), rules_.roles.end(), d.text) == rules_.roles.end()) {
            fail(c, field.key,
                 fmt::format("role \"{}\" is not a role of this program (roles: {})", d.text,
                             fmt::join(rules_.roles, ", ")));
        }
        break;
    case Decode::strings:
        if (m.type != od::json_type::array || !m.array_of_strings) {
            fail(c, field.key, "expected an array of strings");
        }
        d.strings = std::span(c.text.strings).subspan(m.strings_begin, m.strings_count);
        break;
    case Decode::object:
        if (m.type != od::json_type::object) {
            fail(c, field.key, "expected an object");
        }
        break;
    }
    return d;
}

void Decoder::partner(const Context& c) {
    Partner partner;
    partner.position = c.text.position;
    const RecordLayout& layout = layout_of(RecordType::partner);
    for (const auto& [field, key] : layout.fields) {
        if (const Member* m = c.text.member(key)) {
            const Decoded d = value(c, *field, *m);
            if (field->store_partner != nullptr) {
                field->store_partner(partner, d);
            }
        }
    }
    for (const Member& m : c.text.members) {
        if (layout.lists(m.key_number) || m.type == od::json_type::null) {
            continue;
        }
        const bool declared = typed(c, m) != nullptr;
        if (m.type == od::json_type::string) {
            partner.extras.push_back(
                {keep(m.key), keep(text_of(ledger_, m, c.text.position, c.id))});
        } else if (declared) {
            partner.extras.push_back({keep(m.key), keep(m.token)});
        }
    }
    for (std::string_view& code : partner.promo_codes) {
        code = keep(code);
    }
    add_partner(std::move(partner), c.text.position);
}

const TypedExtra* Decoder::typed(const Context& c, const Member& m) {
    for (const TypedExtra& extra : rules_.typed_extras) {
        if (extra.record != c.type || extra.key != m.key) {
            continue;
        }
        const bool is_string = m.type == od::json_type::string;
        const std::string_view text =
            is_string ? text_of(ledger_, m, c.text.position, c.id) : m.token;
        switch (extra.type) {
        case ExtraType::text:
            if (!is_string) {
                fail(c, m.key,
                     fmt::format("expected text (a JSON string), found {}", json_shown(m)));
            }
            break;
        case ExtraType::boolean:
            if (m.type != od::json_type::boolean) {
                fail(c, m.key, fmt::format("expected true or false, found {}", json_shown(m)));
            }
            break;
        case ExtraType::number:
        case ExtraType::money:
            if ((!is_string && m.type != od::json_type::number) || !Decimal::parse(text)) {
                fail(c, m.key,
                     fmt::format("expected {} (a decimal, as a string or a number), found {}",
                                 extra.type == ExtraType::money ? "an amount" : "a number",
                                 json_shown(m)));
            }
            break;
        case ExtraType::time: {
            const auto at = is_string ? parse_rfc3339(text) : std::nullopt;
            if (!at) {
                fail(c, m.key,
                     fmt::format("expected an RFC 3339 time such as \"2024-03-05T10:15:00Z\", "
                                 "found {}",
                                 json_shown(m)));
            }
            check_years(c, m.key, m, *at);
            break;
        }
        }
        return &extra;
    }
    return nullptr;
}

void Decoder::add_partner(Partner partner, std::uint32_t position) {
    const auto index = static_cast<std::uint32_t>(ledger_.partners.size());
    if (auto [it, inserted] = references_.partner_ids.emplace(partner.id, index); !inserted) {
        reading::fail(ledger_, position, partner.id, "id",
                      fmt::format("duplicate partner id \"{}\", first used at {}", partner.id,
                                  ledger_.where(ledger_.partners[it->second].position)));
    }
    for (std::string_view code : partner.promo_codes) {
        if (auto [it, inserted] = promo_owner_.emplace(code, index); !inserted) {
            const Partner& owner = it->second == index ? partner : ledger_.partners[it->second];
            reading::fail(ledger_, position, partner.id, "promo_codes",
                          fmt::format("promo code \"{}\" is already held by partner \"{}\" ({})",
                                      code, owner.id, ledger_.where(owner.position)));
        }
    }
    ledger_.partners.push_back(std::move(partner));
}

void Decoder::number_customers() {
    // A lookup's three reads (customer_numbers.hpp), each asked for this many
    // records before it is made: far enough ahead to arrive, near enough to
    // stay in the cache. The hashes of the records in between wait in a ring.
    constexpr std::size_t slot_ahead = 24, start_ahead = 12, text_ahead = 6, ring = 32;
    std::array<std::uint64_t, ring> hashes{};
    CustomerNumbers& numbers = references_.customers;
    const std::size_t count = unnumbered_.size();
    const auto ask_slot = [&](std::size_t k) {
        hashes[k % ring] = CustomerNumbers::hash_of(unnumbered_[k].text());
        numbers.prefetch_slot(hashes[k % ring]);
    };
    for (std::size_t k = 0; k < std::min(slot_ahead, count); ++k) {
        ask_slot(k);
    }
    for (std::size_t k = 0; k < count; ++k) {
        if (k + slot_ahead < count) {
            ask_slot(k + slot_ahead);
        }
        if (k + start_ahead < count) {
            numbers.prefetch_start(hashes[(k + start_ahead) % ring]);
        }
        if (k + text_ahead < count) {
            numbers.prefetch_text(hashes[(k + text_ahead) % ring]);
        }
        const std::string_view key = unnumbered_[k].text();
        Record& record = ledger_.records[unnumbered_[k].record];
        if (const auto number = numbers.find(key, hashes[k % ring])) {
            record.customer_index = *number;
            continue;
        }
        record.customer_index = ledger_.customer_count();
        ledger_.customers.push_back(key);
        numbers.add(record.customer_index, hashes[k % ring]);
    }
    unnumbered_.clear();
}

void Decoder::timed(const Context& c) {
    const std::uint64_t id_hash = streaming_ ? 0 : references_.timed_ids.prefetch(c.id);
    Record record;
    record.type = c.type;
    record.position = c.text.position;
    const auto index = ledger_.record_base + static_cast<std::uint32_t>(ledger_.records.size());
    std::array<std::string_view, text_slot::count> staged{};
    const RecordLayout& layout = layout_of(c.type);
    for (const auto& [field, key] : layout.fields) {
        const Member* m = c.text.member(key);
        if (m == nullptr) {
            continue;
        }
        const Decoded d = value(c, *field, *m);
        if (field->decode == Decode::partner_ref) {
            references_.partner_refs.emplace_back(index, d.text);
        }
        if (field->store != nullptr) {
            field->store(record, d);
        }
        if (field->text_slot != text_slot::none) {
            staged[field->text_slot] = d.text;
        }
        if (field->decode == Decode::customer) {
            unnumbered_.push_back({static_cast<std::uint32_t>(ledger_.records.size()),
                                   static_cast<std::uint32_t>(d.text.size()), d.text.data()});
        }
    }
    record.set_texts(ledger_.record_texts, staged);
    record.extras_begin = static_cast<std::uint32_t>(ledger_.extras.size());
    for (const Member& m : c.text.members) {
        if (layout.lists(m.key_number) || m.type == od::json_type::null) {
            continue;
        }
        typed(c, m);
        if (m.type == od::json_type::string) {
            ledger_.extras.push_back(
                {keep(m.key), keep(text_of(ledger_, m, c.text.position, c.id))});
        } else if (!m.token.empty()) {
            ledger_.extras.push_back({keep(m.key), keep(m.token)});
        }
    }
    record.extras_count = static_cast<std::uint32_t>(ledger_.extras.size()) - record.extras_begin;
    ledger_.records.push_back(record);
    if (c.type != RecordType::rate && !streaming_) {
        if (const auto first = references_.timed_ids.insert(index, id_hash)) {
            fail(c, "id",
                 fmt::format("duplicate id \"{}\", first used at {}", record.id,
                             ledger_.where(ledger_.records[*first].position)));
        }
    }
}

void Decoder::decode(const RecordText& text) {
    const RecordType type = record_type(text);
    const Context c{text, type, record_id(text, type)};
    check_required(c);
    texts_ = streaming_ && type == RecordType::partner ? &ledger_.kept_texts : &ledger_.texts;
    try {
        if (type == RecordType::partner) {
            partner(c);
        } else {
            timed(c);
        }
    } catch (const DecimalOverflow& overflow) {
        fail(c, {}, overflow.what());
    }
}

} // namespace accrue::reading
