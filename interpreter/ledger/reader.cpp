// Reads a ledger with simdjson On-Demand: each value is taken from its literal
// text (numbers too, so money never passes through binary floating point),
// and every rule of ledger.md "Invalid ledgers" is checked before anything is
// computed.
#include "interpreter/ledger/ledger.hpp"

#include <absl/container/flat_hash_map.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstring>
#include <fmt/format.h>
#include <span>

namespace accrue {

std::string_view record_type_name(RecordType type) {
    switch (type) {
    case RecordType::partner:
        return "partner";
    case RecordType::rate:
        return "rate";
    case RecordType::click:
        return "click";
    case RecordType::signup:
        return "signup";
    case RecordType::attach:
        return "attach";
    case RecordType::status:
        return "status";
    case RecordType::payment:
        return "payment";
    case RecordType::refund:
        return "refund";
    case RecordType::withdrawal:
        return "withdrawal";
    }
    return "record";
}

std::string Ledger::where(std::uint32_t position) const {
    return fmt::format("{} {}", is_json_lines ? "line" : "index", position);
}

namespace {

namespace od = simdjson::ondemand;

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

// The fields ledger.md names; every other key of a record is an extra field.
enum class Field : std::uint8_t {
    type,
    id,
    at,
    customer,
    amount,
    currency,
    partner,
    visitor,
    source,
    url,
    via,
    promo_code,
    status,
    service,
    months,
    discounted,
    paid_by,
    project,
    integration,
    plan,
    evidence,
    payment,
    base,
    quote,
    rate,
    joined_at,
    role,
    promo_codes,
    offer_accepted,
    attributes,
    unknown,
};
constexpr std::size_t field_count = static_cast<std::size_t>(Field::unknown);

constexpr std::string_view field_names[field_count] = {
    "type",           "id",         "at",      "customer", "amount",      "currency", "partner",
    "visitor",        "source",     "url",     "via",      "promo_code",  "status",   "service",
    "months",         "discounted", "paid_by", "project",  "integration", "plan",     "evidence",
    "payment",        "base",       "quote",   "rate",     "joined_at",   "role",     "promo_codes",
    "offer_accepted", "attributes",
};

std::string_view name_of(Field field) {
    return field_names[static_cast<std::size_t>(field)];
}

// Field names by length and first letter: a key is compared with the one or
// two names that could match, not with all thirty (this runs for every key).
struct FieldIndex {
    static constexpr std::size_t max_length = 16;
    static constexpr std::size_t per_bucket = 4; // partner, payment, paid_by, project
    std::array<std::array<std::array<std::int8_t, per_bucket>, 26>, max_length> buckets{};
    constexpr FieldIndex() {
        for (auto& by_letter : buckets) {
            for (auto& bucket : by_letter) {
                bucket.fill(-1);
            }
        }
        for (std::size_t i = 0; i < field_count; ++i) {
            auto& bucket =
                buckets[field_names[i].size()][static_cast<std::size_t>(field_names[i][0] - 'a')];
            std::size_t slot = 0;
            while (bucket[slot] >= 0) {
                ++slot; // one name too many for a bucket does not compile
            }
            bucket[slot] = static_cast<std::int8_t>(i);
        }
    }
};
constexpr FieldIndex field_index;

Field field_of(std::string_view key) {
    if (key.empty() || key.size() >= FieldIndex::max_length || key[0] < 'a' || key[0] > 'z') {
        return Field::unknown;
    }
    for (const std::int8_t i :
         field_index.buckets[key.size()][static_cast<std::size_t>(key[0] - 'a')]) {
        if (i >= 0 && same(field_names[static_cast<std::size_t>(i)], key)) {
            return static_cast<Field>(i);
        }
    }
    return Field::unknown;
}

// One member of a record object, as written: its key and the raw JSON text of
// a scalar value (objects and arrays are walked when they are read).
struct Member {
    std::string_view key;
    Field field = Field::unknown;
    od::json_type type = od::json_type::null;
    std::string_view token;
    std::uint32_t strings_begin = 0; // an array of strings (promo_codes): in Reader::strings_
    std::uint32_t strings_count = 0;
    bool array_of_strings = true;
};

std::optional<RecordType> record_type_from(std::string_view name) {
    static constexpr std::pair<std::string_view, RecordType> names[] = {
        {"partner", RecordType::partner},       {"rate", RecordType::rate},
        {"click", RecordType::click},           {"signup", RecordType::signup},
        {"attach", RecordType::attach},         {"status", RecordType::status},
        {"payment", RecordType::payment},       {"refund", RecordType::refund},
        {"withdrawal", RecordType::withdrawal},
    };
    for (const auto& [text, type] : names) {
        if (!name.empty() && text[0] == name[0] && same(text, name)) {
            return type;
        }
    }
    return std::nullopt;
}

std::string_view trim_right(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
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

// A JSON number as written must be a plain JSON number: no leading zeros.
bool is_json_number(std::string_view token) {
    std::size_t i = token.starts_with('-') ? 1 : 0;
    if (i >= token.size()) {
        return false;
    }
    if (token[i] == '0' && i + 1 < token.size() && token[i + 1] >= '0' && token[i + 1] <= '9') {
        return false;
    }
    return true;
}

// Whether a document was read to its end (nothing follows the record).
bool at_end(od::document& document) {
    return document.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

// The fields ledger.md lists for each record type.
struct KnownFields {
    std::span<const Field> required;
    std::span<const Field> optional;
};

KnownFields known_fields(RecordType type) {
    using F = Field;
    static constexpr F partner_required[] = {F::id, F::joined_at};
    static constexpr F partner_optional[] = {F::role, F::currency, F::promo_codes,
                                             F::offer_accepted, F::attributes};
    static constexpr F rate_required[] = {F::at, F::base, F::quote, F::rate};
    static constexpr F click_required[] = {F::id, F::at, F::partner, F::visitor};
    static constexpr F click_optional[] = {F::source, F::url};
    static constexpr F signup_required[] = {F::id, F::at, F::customer};
    static constexpr F signup_optional[] = {F::visitor, F::partner, F::via, F::promo_code};
    static constexpr F attach_required[] = {F::id, F::at, F::partner, F::customer};
    static constexpr F attach_optional[] = {F::evidence};
    static constexpr F status_required[] = {F::id, F::at, F::customer, F::status};
    static constexpr F payment_required[] = {F::id, F::at, F::customer, F::amount, F::currency};
    static constexpr F payment_optional[] = {F::service, F::months,  F::promo_code,  F::discounted,
                                             F::paid_by, F::project, F::integration, F::plan};
    static constexpr F refund_required[] = {F::id, F::at, F::payment};
    static constexpr F refund_optional[] = {F::amount};
    static constexpr F withdrawal_required[] = {F::id, F::at, F::partner, F::amount};
    static constexpr F withdrawal_optional[] = {F::currency};
    switch (type) {
    case RecordType::partner:
        return {partner_required, partner_optional};
    case RecordType::rate:
        return {rate_required, {}};
    case RecordType::click:
        return {click_required, click_optional};
    case RecordType::signup:
        return {signup_required, signup_optional};
    case RecordType::attach:
        return {attach_required, attach_optional};
    case RecordType::status:
        return {status_required, {}};
    case RecordType::payment:
        return {payment_required, payment_optional};
    case RecordType::refund:
        return {refund_required, refund_optional};
    case RecordType::withdrawal:
        return {withdrawal_required, withdrawal_optional};
    }
    return {};
}

// Which fields each record type has, as bit sets built once from known_fields.
struct FieldSets {
    std::array<std::uint64_t, 9> by_type{};
    FieldSets() {
        for (std::size_t t = 0; t < by_type.size(); ++t) {
            const KnownFields known = known_fields(static_cast<RecordType>(t));
            by_type[t] = 1ULL << static_cast<unsigned>(Field::type);
            for (const Field f : known.required) {
                by_type[t] |= 1ULL << static_cast<unsigned>(f);
            }
            for (const Field f : known.optional) {
                by_type[t] |= 1ULL << static_cast<unsigned>(f);
            }
        }
    }
    [[nodiscard]] bool has(RecordType type, Field field) const {
        return field != Field::unknown &&
               (by_type[static_cast<std::size_t>(type)] >> static_cast<unsigned>(field) & 1U) != 0;
    }
};

class Reader {
  public:
    Reader(Ledger& ledger, const LedgerRules& rules) : ledger_(ledger), rules_(rules) {}

    void read_file(const std::string& path);

  private:
    [[noreturn]] void fail(std::uint32_t position, std::string_view id, std::string_view field,
                           const std::string& message) const {
        std::string text = fmt::format("{}: {}", ledger_.file, ledger_.where(position));
        if (!id.empty()) {
            text += fmt::format(": record \"{}\"", id);
        }
        if (!field.empty()) {
            text += fmt::format(": field \"{}\"", field);
        }
        text += ": " + message;
        throw LedgerError(text);
    }
    [[noreturn]] void fail_json(std::uint32_t position, simdjson::error_code error) const {
        fail(position, {}, {}, fmt::format("malformed JSON: {}", simdjson::error_message(error)));
    }

    void read_json_lines(const simdjson::padded_string& text);
    void read_json_document(const simdjson::padded_string& text);
    void read_object(od::object object, std::uint32_t position);
    void check_nested(od::value value, std::uint32_t position, std::string_view path);
    void read_partner(const std::vector<Member>& members, std::uint32_t position);
    void read_timed(RecordType type, const std::vector<Member>& members, std::uint32_t position);
    void check_references();
    void check_required(RecordType type, std::uint32_t position, std::string_view id) const {
        for (const Field field : known_fields(type).required) {
            if (member(field) == nullptr) {
                fail(position, id, name_of(field),
                     fmt::format("missing required field \"{}\" of a {} record", name_of(field),
                                 record_type_name(type)));
            }
        }
    }
    const FieldSets field_sets_;

    std::string_view key_of(od::field& field, std::uint32_t position);
    std::string_view text_of(const Member& m, std::uint32_t position, std::string_view id);
    std::string_view store(std::string text) {
        ledger_.arena.push_back(std::move(text));
        return ledger_.arena.back();
    }

    Ledger& ledger_;
    const LedgerRules& rules_;
    std::vector<Member> members_;
    std::vector<std::string_view> strings_;         // the string arrays of the current record
    std::array<std::int16_t, field_count> slots_{}; // field -> index in members_ + 1; 0: absent
    // The member for a field, or null when absent or JSON null (the same, per ledger.md).
    const Member* member(Field field) const {
        const std::int16_t slot = slots_[static_cast<std::size_t>(field)];
        if (slot == 0 || members_[static_cast<std::size_t>(slot - 1)].type == od::json_type::null) {
            return nullptr;
        }
        return &members_[static_cast<std::size_t>(slot - 1)];
    }
    std::optional<std::pair<std::string, std::string>> repeated_key_;  // field, message
    absl::flat_hash_map<std::string_view, std::uint32_t> timed_ids_;   // id -> record index
    absl::flat_hash_map<std::string_view, std::uint32_t> partner_ids_; // id -> partner index
    absl::flat_hash_map<std::string_view, std::uint32_t> promo_owner_; // code -> partner index
    // References to partners are resolved once every partner is known.
    std::vector<std::pair<std::uint32_t, std::string_view>> partner_refs_; // record, partner id
};

std::string_view Reader::key_of(od::field& field, std::uint32_t position) {
    // The raw key points just after its opening quote; it ends at the first
    // unescaped quote.
    const char* start = field.key().raw();
    const char* end = start;
    bool escaped = false;
    while (*end != '"') {
        if (*end == '\\') {
            escaped = true;
            ++end;
        }
        ++end;
    }
    std::string_view key(start, static_cast<std::size_t>(end - start));
    if (escaped) {
        auto plain = unescape(std::string_view(start - 1, key.size() + 2));
        if (!plain) {
            fail(position, {}, {}, "malformed JSON: bad escape in a key");
        }
        key = store(std::move(*plain));
    }
    return key;
}

std::string_view Reader::text_of(const Member& m, std::uint32_t position, std::string_view id) {
    if (m.type != od::json_type::string) {
        fail(position, id, m.key, fmt::format("expected a string, found {}", m.token));
    }
    std::string_view body = m.token.substr(1, m.token.size() - 2);
    // Values are short: a plain loop beats a library call here.
    if (std::none_of(body.begin(), body.end(), [](char c) { return c == '\\'; })) {
        return body;
    }
    auto plain = unescape(m.token);
    if (!plain) {
        fail(position, id, m.key, "malformed JSON string escape");
    }
    return store(std::move(*plain));
}

void Reader::check_nested(od::value value, std::uint32_t position, std::string_view path) {
    od::json_type type;
    if (auto error = value.type().get(type)) {
        fail_json(position, error);
    }
    if (type == od::json_type::object) {
        od::object object;
        if (auto error = value.get_object().get(object)) {
            fail_json(position, error);
        }
        std::vector<std::string_view> keys;
        for (auto field_result : object) {
            od::field field;
            if (auto error = std::move(field_result).get(field)) {
                fail_json(position, error);
            }
            const std::string_view key = key_of(field, position);
            if (std::find(keys.begin(), keys.end(), key) != keys.end() && !repeated_key_) {
                repeated_key_ = {std::string(path),
                                 fmt::format("repeated key \"{}\" in an object", key)};
            }
            keys.push_back(key);
            check_nested(field.value(), position, key);
        }
    } else if (type == od::json_type::array) {
        od::array array;
        if (auto error = value.get_array().get(array)) {
            fail_json(position, error);
        }
        for (auto element : array) {
            od::value inner;
            if (auto error = element.get(inner)) {
                fail_json(position, error);
            }
            check_nested(inner, position, path);
        }
    } else {
        const std::string_view token = trim_right(value.raw_json_token());
        if ((type == od::json_type::boolean && token != "true" && token != "false") ||
            (type == od::json_type::null && token != "null") ||
            (type == od::json_type::number && !is_json_number(token))) {
            fail(position, {}, path, fmt::format("malformed JSON value {}", token));
        }
    }
}

void Reader::read_object(od::object object, std::uint32_t position) {
    members_.clear();
    strings_.clear();
    slots_.fill(0);
    repeated_key_.reset();
    for (auto field_result : object) {
        od::field field;
        if (auto error = std::move(field_result).get(field)) {
            fail_json(position, error);
        }
        Member member;
        member.key = key_of(field, position);
        member.field = member.key.empty() ? Field::unknown : field_of(member.key);
        // A known field repeats when its slot is taken; other keys are compared.
        const bool repeated =
            member.field != Field::unknown
                ? slots_[static_cast<std::size_t>(member.field)] != 0
                : std::any_of(members_.begin(), members_.end(),
                              [&](const Member& earlier) { return earlier.key == member.key; });
        if (repeated && !repeated_key_) {
            repeated_key_ = {std::string(member.key),
                             fmt::format("repeated key \"{}\" in the record", member.key)};
        }
        od::value value = field.value();
        if (auto error = value.type().get(member.type)) {
            fail_json(position, error);
        }
        if (member.type == od::json_type::object) {
            check_nested(value, position, member.key);
        } else if (member.type == od::json_type::array) {
            od::array array;
            if (auto error = value.get_array().get(array)) {
                fail_json(position, error);
            }
            for (auto element : array) {
                od::value inner;
                if (auto error = element.get(inner)) {
                    fail_json(position, error);
                }
                od::json_type inner_type;
                if (auto error = inner.type().get(inner_type)) {
                    fail_json(position, error);
                }
                if (inner_type == od::json_type::string) {
                    const Member element_member{member.key, member.field, od::json_type::string,
                                                trim_right(inner.raw_json_token())};
                    if (member.strings_count++ == 0) {
                        member.strings_begin = static_cast<std::uint32_t>(strings_.size());
                    }
                    strings_.push_back(text_of(element_member, position, {}));
                } else {
                    member.array_of_strings = false;
                    check_nested(inner, position, member.key);
                }
            }
        } else {
            member.token = trim_right(value.raw_json_token());
            if ((member.type == od::json_type::boolean && member.token != "true" &&
                 member.token != "false") ||
                (member.type == od::json_type::null && member.token != "null") ||
                (member.type == od::json_type::number && !is_json_number(member.token))) {
                fail(position, {}, member.key,
                     fmt::format("malformed JSON value {}", member.token));
            }
        }
        if (member.field != Field::unknown && members_.size() < 32000) {
            slots_[static_cast<std::size_t>(member.field)] =
                static_cast<std::int16_t>(members_.size() + 1);
        }
        members_.push_back(std::move(member));
    }

    if (repeated_key_) {
        // Reported once the record's id is known, so that the message names it.
        const Member* id = member(Field::id);
        const std::string_view id_text = id != nullptr && id->type == od::json_type::string
                                             ? id->token.substr(1, id->token.size() - 2)
                                             : "";
        fail(position, id_text, repeated_key_->first, repeated_key_->second);
    }
    const Member* type_member = member(Field::type);
    if (type_member == nullptr) {
        fail(position, {}, "type", "missing required field \"type\"");
    }
    if (type_member->type != od::json_type::string) {
        fail(position, {}, "type", fmt::format("expected a string, found {}", type_member->token));
    }
    const std::string_view type_name = text_of(*type_member, position, {});
    const auto type = record_type_from(type_name);
    if (!type) {
        fail(position, {}, "type",
             fmt::format("unknown record type \"{}\" (expected partner, rate, click, signup, "
                         "attach, status, payment, refund or withdrawal)",
                         type_name));
    }
    if (*type == RecordType::partner) {
        read_partner(members_, position);
    } else {
        read_timed(*type, members_, position);
    }
}

void Reader::read_partner(const std::vector<Member>& members, std::uint32_t position) {
    Partner partner;
    partner.position = position;
    if (const Member* id = member(Field::id)) {
        partner.id = text_of(*id, position, {});
        if (partner.id.empty()) {
            fail(position, {}, "id", "an id must not be empty");
        }
    }
    check_required(RecordType::partner, position, partner.id);
    const auto joined = parse_rfc3339(text_of(*member(Field::joined_at), position, partner.id));
    if (!joined) {
        fail(position, partner.id, "joined_at",
             fmt::format("not an RFC 3339 time: {}", member(Field::joined_at)->token));
    }
    partner.joined_at = *joined;
    if (const Member* role = member(Field::role)) {
        partner.role = text_of(*role, position, partner.id);
        if (std::find(rules_.roles.begin(), rules_.roles.end(), partner.role) ==
            rules_.roles.end()) {
            fail(position, partner.id, "role",
                 fmt::format("role \"{}\" is not a role of this program (roles: {})", partner.role,
                             fmt::join(rules_.roles, ", ")));
        }
    }
    if (const Member* currency = member(Field::currency)) {
        const std::string_view code = text_of(*currency, position, partner.id);
        partner.currency = Currency::from_code(code);
        if (!partner.currency) {
            fail(position, partner.id, "currency",
                 fmt::format("\"{}\" is not an ISO 4217 currency code", code));
        }
        if (rules_.fixed_payout_currency && *partner.currency != *rules_.fixed_payout_currency) {
            fail(position, partner.id, "currency",
                 fmt::format("payout currency \"{}\" is not allowed: this program pays in {}", code,
                             rules_.fixed_payout_currency->code()));
        }
    }
    if (const Member* offer = member(Field::offer_accepted)) {
        if (offer->type != od::json_type::boolean) {
            fail(position, partner.id, "offer_accepted",
                 fmt::format("expected true or false, found {}", offer->token));
        }
        partner.offer_accepted = offer->token == "true";
    }
    if (const Member* codes = member(Field::promo_codes)) {
        if (codes->type != od::json_type::array || !codes->array_of_strings) {
            fail(position, partner.id, "promo_codes", "expected an array of strings");
        }
        partner.promo_codes.assign(strings_.begin() + codes->strings_begin,
                                   strings_.begin() + codes->strings_begin + codes->strings_count);
    }
    if (const Member* attributes = member(Field::attributes)) {
        if (attributes->type != od::json_type::object) {
            fail(position, partner.id, "attributes", "expected an object");
        }
    }
    for (const Member& m : members) {
        if (!field_sets_.has(RecordType::partner, m.field) && m.type == od::json_type::string) {
            partner.extras.push_back({m.key, text_of(m, position, partner.id)});
        }
    }

    const auto index = static_cast<std::uint32_t>(ledger_.partners.size());
    if (auto [it, inserted] = partner_ids_.emplace(partner.id, index); !inserted) {
        fail(position, partner.id, "id",
             fmt::format("duplicate partner id \"{}\", first used at {}", partner.id,
                         ledger_.where(ledger_.partners[it->second].position)));
    }
    for (std::string_view code : partner.promo_codes) {
        if (auto [it, inserted] = promo_owner_.emplace(code, index); !inserted) {
            const Partner& owner = it->second == index ? partner : ledger_.partners[it->second];
            fail(position, partner.id, "promo_codes",
                 fmt::format("promo code \"{}\" is already held by partner \"{}\" ({})", code,
                             owner.id, ledger_.where(owner.position)));
        }
    }
    ledger_.partners.push_back(std::move(partner));
}

void Reader::read_timed(RecordType type, const std::vector<Member>& members,
                        std::uint32_t position) {
    Record record;
    record.type = type;
    record.position = position;
    if (const Member* id = member(Field::id); id != nullptr && type != RecordType::rate) {
        record.id = text_of(*id, position, {});
        if (record.id.empty()) {
            fail(position, {}, "id", "an id must not be empty");
        }
    }
    const std::string_view id = record.id;
    check_required(type, position, id);

    auto text = [&](Field key) -> std::string_view {
        const Member* m = member(key);
        return m == nullptr ? std::string_view{} : text_of(*m, position, id);
    };
    auto money = [&](Field field, std::string_view what) -> Decimal {
        const std::string_view key = name_of(field);
        const Member* m = member(field);
        if (m->type != od::json_type::string && m->type != od::json_type::number) {
            fail(position, id, key,
                 fmt::format("expected {} as a decimal string, found {}", what, m->token));
        }
        const std::string_view literal =
            m->type == od::json_type::string ? m->token.substr(1, m->token.size() - 2) : m->token;
        const auto value = Decimal::parse(literal);
        if (!value) {
            fail(position, id, key,
                 fmt::format("{} \"{}\" is not a plain decimal (digits, an optional '.', no "
                             "exponent or thousands separator)",
                             what, literal));
        }
        if (value->sign() <= 0) {
            fail(position, id, key,
                 fmt::format("{} must be greater than 0, found {}", what, literal));
        }
        return *value;
    };
    auto currency = [&](Field field) -> Currency {
        const std::string_view key = name_of(field);
        const std::string_view code = text(field);
        const auto parsed = Currency::from_code(code);
        if (!parsed) {
            fail(position, id, key,
                 fmt::format("\"{}\" is not an ISO 4217 currency code (upper case)", code));
        }
        return *parsed;
    };
    auto boolean = [&](Field field) -> bool {
        const std::string_view key = name_of(field);
        const Member* m = member(field);
        if (m == nullptr) {
            return false;
        }
        if (m->type != od::json_type::boolean) {
            fail(position, id, key, fmt::format("expected true or false, found {}", m->token));
        }
        return m->token == "true";
    };

    const auto at = parse_rfc3339(text(Field::at));
    if (!at) {
        fail(position, id, "at",
             fmt::format("not an RFC 3339 time (like 2024-03-05T10:15:00+02:00, at most 6 "
                         "fractional digits): {}",
                         member(Field::at)->token));
    }
    record.at = *at;

    switch (type) {
    case RecordType::rate: {
        const Currency base = currency(Field::base);
        if (base.code() != "USD") {
            fail(position, id, "base",
                 fmt::format("rates are quoted against USD in ledger version 1: base must be USD, "
                             "found \"{}\"",
                             base.code()));
        }
        record.currency = currency(Field::quote);
        record.amount = money(Field::rate, "a rate");
        break;
    }
    case RecordType::click:
        record.visitor = text(Field::visitor);
        record.source = text(Field::source);
        record.url = text(Field::url);
        partner_refs_.emplace_back(static_cast<std::uint32_t>(ledger_.records.size()),
                                   text(Field::partner));
        break;
    case RecordType::signup:
        record.customer = text(Field::customer);
        record.visitor = text(Field::visitor);
        record.via = text(Field::via);
        record.promo_code = text(Field::promo_code);
        if (!record.via.empty() && record.via != "link" && record.via != "promo_code") {
            fail(position, id, "via",
                 fmt::format("expected \"link\" or \"promo_code\", found \"{}\"", record.via));
        }
        if (member(Field::partner) != nullptr) {
            record.has_partner = true;
            partner_refs_.emplace_back(static_cast<std::uint32_t>(ledger_.records.size()),
                                       text(Field::partner));
        }
        break;
    case RecordType::attach:
        record.customer = text(Field::customer);
        record.evidence = text(Field::evidence);
        partner_refs_.emplace_back(static_cast<std::uint32_t>(ledger_.records.size()),
                                   text(Field::partner));
        break;
    case RecordType::status:
        record.customer = text(Field::customer);
        record.status = text(Field::status);
        break;
    case RecordType::payment: {
        record.customer = text(Field::customer);
        record.amount = money(Field::amount, "an amount");
        record.currency = currency(Field::currency);
        record.service = text(Field::service);
        record.promo_code = text(Field::promo_code);
        record.project = text(Field::project);
        record.integration = text(Field::integration);
        record.plan = text(Field::plan);
        record.discounted = boolean(Field::discounted);
        record.paid_by = text(Field::paid_by);
        if (!record.paid_by.empty() && record.paid_by != "customer" &&
            record.paid_by != "partner") {
            fail(position, id, "paid_by",
                 fmt::format("expected \"customer\" or \"partner\", found \"{}\"", record.paid_by));
        }
        record.paid_by_partner = record.paid_by == "partner";
        if (const Member* months = member(Field::months)) {
            const auto value = months->type == od::json_type::number ? Decimal::parse(months->token)
                                                                     : std::nullopt;
            const auto whole = value ? value->to_int64() : std::nullopt;
            if (!whole || *whole < 1 || *whole > 1'000'000) {
                fail(
                    position, id, "months",
                    fmt::format("expected a whole number of months >= 1, found {}", months->token));
            }
            record.months = static_cast<std::uint32_t>(*whole);
        }
        break;
    }
    case RecordType::refund:
        record.payment_id = text(Field::payment);
        if (member(Field::amount) != nullptr) {
            record.amount = money(Field::amount, "a refund amount");
            record.has_amount = true;
        }
        break;
    case RecordType::withdrawal:
        record.amount = money(Field::amount, "a withdrawal amount");
        record.has_amount = true;
        if (member(Field::currency) != nullptr) {
            record.currency = currency(Field::currency);
        }
        partner_refs_.emplace_back(static_cast<std::uint32_t>(ledger_.records.size()),
                                   text(Field::partner));
        break;
    case RecordType::partner:
        break;
    }

    record.extras_begin = static_cast<std::uint32_t>(ledger_.extras.size());
    for (const Member& m : members) {
        if (field_sets_.has(type, m.field) || m.type == od::json_type::null) {
            continue;
        }
        if (m.type == od::json_type::string) {
            ledger_.extras.push_back({m.key, text_of(m, position, id)});
        } else if (!m.token.empty()) {
            ledger_.extras.push_back({m.key, m.token});
        }
    }
    record.extras_count = static_cast<std::uint32_t>(ledger_.extras.size()) - record.extras_begin;

    const auto index = static_cast<std::uint32_t>(ledger_.records.size());
    if (type != RecordType::rate) {
        if (auto [it, inserted] = timed_ids_.emplace(record.id, index); !inserted) {
            fail(position, id, "id",
                 fmt::format("duplicate id \"{}\", first used at {}", record.id,
                             ledger_.where(ledger_.records[it->second].position)));
        }
    }
    ledger_.records.push_back(record);
}

void Reader::check_references() {
    for (const auto& [index, partner_id] : partner_refs_) {
        Record& record = ledger_.records[index];
        const auto it = partner_ids_.find(partner_id);
        if (it == partner_ids_.end()) {
            fail(record.position, record.id, "partner",
                 fmt::format("unknown partner \"{}\" (no partner record has this id)", partner_id));
        }
        record.partner_index = it->second;
        if (record.type == RecordType::withdrawal) {
            const Partner& partner = ledger_.partners[it->second];
            const Currency payout = partner.currency.value_or(
                rules_.fixed_payout_currency.value_or(rules_.default_payout_currency));
            if (record.currency.valid() && record.currency != payout) {
                fail(record.position, record.id, "currency",
                     fmt::format("withdrawal in \"{}\", but partner \"{}\" is paid in {}",
                                 record.currency.code(), partner.id, payout.code()));
            }
            record.currency = payout;
            if (record.amount.scale() > payout.minor_units() &&
                record.amount.rounded(payout.minor_units(), Rounding::down) != record.amount) {
                fail(record.position, record.id, "amount",
                     fmt::format("{} has more decimals than {} allows ({})",
                                 record.amount.to_string(), payout.code(), payout.minor_units()));
            }
        }
    }

    // The one sequence: by `at`, ties in file order.
    auto& sequence = ledger_.sequence;
    sequence.resize(ledger_.records.size());
    for (std::uint32_t i = 0; i < sequence.size(); ++i) {
        sequence[i] = i;
    }
    const auto earlier = [&](std::uint32_t a, std::uint32_t b) {
        return ledger_.records[a].at < ledger_.records[b].at;
    };
    // Exported ledgers are usually in time order already; checking is cheaper than sorting.
    if (!std::is_sorted(sequence.begin(), sequence.end(), earlier)) {
        std::stable_sort(sequence.begin(), sequence.end(), earlier);
    }

    absl::flat_hash_map<std::string_view, std::uint32_t> signups; // customer -> record
    std::vector<std::uint32_t> place(ledger_.records.size());     // record -> place in sequence
    absl::flat_hash_map<std::uint32_t, Decimal> refunded;         // payment -> sum so far
    for (std::uint32_t k = 0; k < sequence.size(); ++k) {
        place[sequence[k]] = k;
    }
    for (const std::uint32_t index : sequence) {
        Record& record = ledger_.records[index];
        if (record.type == RecordType::signup) {
            if (auto [it, inserted] = signups.emplace(record.customer, index); !inserted) {
                fail(record.position, record.id, "customer",
                     fmt::format("second signup of customer \"{}\" (first: \"{}\", {})",
                                 record.customer, ledger_.records[it->second].id,
                                 ledger_.where(ledger_.records[it->second].position)));
            }
        } else if (record.type == RecordType::refund) {
            const auto it = timed_ids_.find(record.payment_id);
            if (it == timed_ids_.end() || ledger_.records[it->second].type != RecordType::payment) {
                fail(record.position, record.id, "payment",
                     fmt::format("refund of unknown payment \"{}\"", record.payment_id));
            }
            const Record& payment = ledger_.records[it->second];
            if (place[it->second] > place[index]) {
                fail(record.position, record.id, "at",
                     fmt::format("the refund comes before its payment \"{}\" ({}) in the sequence",
                                 payment.id, ledger_.where(payment.position)));
            }
            record.payment_index = it->second;
            const Decimal amount = record.has_amount ? record.amount : payment.amount;
            auto [sum, fresh] = refunded.emplace(it->second, Decimal{});
            sum->second = sum->second + amount;
            if (sum->second > payment.amount) {
                fail(record.position, record.id, "amount",
                     fmt::format(
                         "the refunds of payment \"{}\" add up to {}, more than its amount {}",
                         payment.id, sum->second.to_string(), payment.amount.to_string()));
            }
        }
    }
}

void Reader::read_json_lines(const simdjson::padded_string& text) {
    od::parser parser;
    const char* data = text.data();
    const std::size_t size = text.size();
    std::size_t begin = 0;
    std::uint32_t line = 0;
    while (begin < size) {
        ++line;
        const void* newline = std::memchr(data + begin, '\n', size - begin);
        const std::size_t end =
            newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data) : size;
        std::size_t length = end - begin;
        const std::string_view content(data + begin, length);
        if (content.find_first_not_of(" \t\r") != std::string_view::npos) {
            od::document document;
            const std::size_t capacity = size + simdjson::SIMDJSON_PADDING - begin;
            if (auto error = parser.iterate(data + begin, length, capacity).get(document)) {
                fail_json(line, error);
            }
            od::object object;
            if (auto error = document.get_object().get(object)) {
                fail(line, {}, {},
                     error == simdjson::INCORRECT_TYPE
                         ? std::string("a record must be a JSON object")
                         : fmt::format("malformed JSON: {}", simdjson::error_message(error)));
            }
            read_object(object, line);
            if (!at_end(document)) {
                fail(line, {}, {}, "malformed JSON: text after the record");
            }
        }
        begin = end + 1;
    }
}

void Reader::read_json_document(const simdjson::padded_string& text) {
    od::parser parser;
    od::document document;
    if (auto error = parser.iterate(text).get(document)) {
        fail_json(0, error);
    }
    od::json_type type;
    if (auto error = document.type().get(type)) {
        throw LedgerError(
            fmt::format("{}: malformed JSON: {}", ledger_.file, simdjson::error_message(error)));
    }
    od::array records;
    if (type == od::json_type::object) {
        od::object root;
        if (auto error = document.get_object().get(root)) {
            fail_json(0, error);
        }
        bool found = false;
        for (auto field_result : root) {
            od::field field;
            if (auto error = std::move(field_result).get(field)) {
                throw LedgerError(fmt::format("{}: malformed JSON: {}", ledger_.file,
                                              simdjson::error_message(error)));
            }
            const std::string_view key = key_of(field, 0);
            if (key != "records" || found) {
                throw LedgerError(fmt::format(
                    "{}: a JSON ledger is an array of records or an object with the one key "
                    "\"records\" (found key \"{}\")",
                    ledger_.file, key));
            }
            found = true;
            if (field.value().get_array().get(records) != simdjson::SUCCESS) {
                throw LedgerError(fmt::format("{}: \"records\" must be an array", ledger_.file));
            }
            std::uint32_t index = 0;
            for (auto element : records) {
                od::object object;
                if (element.get_object().get(object) != simdjson::SUCCESS) {
                    fail(index, {}, {}, "a record must be a JSON object");
                }
                read_object(object, index);
                ++index;
            }
        }
        if (!found) {
            throw LedgerError(fmt::format("{}: no \"records\" array", ledger_.file));
        }
    } else if (type == od::json_type::array) {
        if (auto error = document.get_array().get(records)) {
            fail_json(0, error);
        }
        std::uint32_t index = 0;
        for (auto element : records) {
            od::object object;
            if (auto error = element.get_object().get(object)) {
                fail(index, {}, {},
                     error == simdjson::INCORRECT_TYPE
                         ? std::string("a record must be a JSON object")
                         : fmt::format("malformed JSON: {}", simdjson::error_message(error)));
            }
            read_object(object, index);
            ++index;
        }
    } else {
        throw LedgerError(fmt::format(
            "{}: a JSON ledger is an array of records or {{\"records\": [...]}}", ledger_.file));
    }
    if (!at_end(document)) {
        throw LedgerError(fmt::format("{}: malformed JSON: text after the document", ledger_.file));
    }
}

void Reader::read_file(const std::string& path) {
    auto text = std::make_shared<simdjson::padded_string>();
    if (auto error = simdjson::padded_string::load(path).get(*text)) {
        throw LedgerError(
            fmt::format("{}: cannot read the ledger: {}", path, simdjson::error_message(error)));
    }
    ledger_.file = path;
    const std::string_view view(text->data(), text->size());
    const auto first = view.find_first_not_of(" \t\r\n");
    ledger_.is_json_lines =
        !(path.ends_with(".json") || (first != std::string_view::npos && view[first] == '['));
    ledger_.buffer = text;
    // About one record a line: reserving once spares the tables their rehashes.
    const auto estimate = static_cast<std::size_t>(std::count(view.begin(), view.end(), '\n')) + 1;
    ledger_.records.reserve(estimate);
    timed_ids_.reserve(estimate);
    if (ledger_.is_json_lines) {
        read_json_lines(*text);
    } else {
        read_json_document(*text);
    }
    check_references();
}

} // namespace

Ledger read_ledger(const std::string& path, const LedgerRules& rules) {
    Ledger ledger;
    Reader reader(ledger, rules);
    try {
        reader.read_file(path);
    } catch (const simdjson::simdjson_error& error) {
        throw LedgerError(fmt::format("{}: malformed JSON: {}", path, error.what()));
    } catch (const DecimalOverflow& error) {
        throw LedgerError(fmt::format("{}: {}", path, error.what()));
    }
    return ledger;
}

} // namespace accrue
