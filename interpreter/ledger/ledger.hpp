// The ledger of docs/ledger.md, read and validated whole. Text
// values are views into the ledger's own arenas (the file itself is read a
// block at a time and not kept), so a Ledger must outlive every view taken
// from it.
#pragma once

#include "interpreter/diagnostics/diagnostic.hpp"
#include "interpreter/ledger/customer_keys.hpp"
#include "interpreter/ledger/text_arena.hpp"
#include "interpreter/values/currency.hpp"
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/large_allocator.hpp"
#include "interpreter/values/time.hpp"
#include "interpreter/values/types.hpp"

#include <absl/container/flat_hash_map.h>

#include <array>
#include <bit>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accrue {

enum class RecordType : std::uint8_t {
    partner,
    rate,
    click,
    signup,
    attach,
    status,
    payment,
    refund,
    withdrawal,
};
std::string_view record_type_name(RecordType type);

// A field of a record that the ledger contract does not list; programs may
// read it as text (its JSON text when it is not a string).
struct ExtraField {
    std::string_view key;
    std::string_view value;
};

struct Partner {
    std::uint32_t position = 0; // line (JSON Lines) or array index (JSON)
    std::string_view id;
    Instant joined_at;
    std::string_view role;            // empty: the program's default role
    std::optional<Currency> currency; // absent: the program's default
    std::vector<std::string_view> promo_codes;
    bool offer_accepted = false;
    std::vector<ExtraField> extras;
    std::string_view parent_id;          // ledger 1.1: the partner that recruited this one
    std::optional<std::uint32_t> parent; // its index, resolved once every partner is read
};

// The slot of each type-specific text of a record (Record::texts).
namespace text_slot {
constexpr std::size_t source = 0, url = 1, visitor = 2; // click
constexpr std::size_t via = 0, promo_code = 1;          // signup (visitor: 2, as a click's)
constexpr std::size_t status = 0;                       // status
constexpr std::size_t service = 0, paid_by = 2, project = 3, integration = 4, plan = 5; // payment
constexpr std::size_t evidence = 0;                                                     // attach
constexpr std::size_t payment_id = 0;                                                   // refund
constexpr std::size_t count = 6;
constexpr std::uint8_t none = 0xFF; // LedgerField::text_slot of other fields
} // namespace text_slot

// One timed record. Fields a type does not have read as empty. A ledger
// keeps one per timed record, so its members are ordered to leave no padding.
struct Record {
    RecordType type = RecordType::click;
    bool discounted = false; // payment
    bool paid_by_partner = false;
    bool has_amount = false; // refund: false means the whole payment
    bool has_partner = false;
    std::uint8_t texts_present = 0; // bit per slot of `texts`, below
    bool kept = false;              // a streamed read's copy, kept past its block (Ledger::kept)
    bool completes_payment = false; // refund: with it, its payment is refunded whole
    std::uint32_t position = 0;
    std::uint32_t months = 1;        // payment
    std::uint32_t partner_index = 0; // click, attach, withdrawal; signup when has_partner
    std::uint32_t payment_index = 0; // refund: index of the payment in Ledger::records
    // signup, attach, status, payment: the customer's number, 0 to
    // Ledger::customer_count() - 1 in order of first appearance (its key:
    // Ledger::customer_of); no_customer for the other types.
    static constexpr std::uint32_t no_customer = 0xFFFFFFFF;
    std::uint32_t customer_index = no_customer;
    Currency currency; // payment, withdrawal (the payout currency when absent); rate: quote
    Instant at;
    std::string_view id;
    // The texts only some types have, by slot (text_slot): those present
    // only, in slot order, kept in Ledger::record_texts. A payment with a
    // service alone keeps one view, not the twelve texts of every type.
    const std::string_view* texts = nullptr;
    Decimal amount;                 // payment, refund, withdrawal; rate: the rate
    std::uint32_t extras_begin = 0; // into Ledger::extras
    std::uint32_t extras_count = 0;

    // The texts, staged by slot while the record is decoded.
    void set_texts(ViewArena& arena, const std::array<std::string_view, text_slot::count>& staged);

    [[nodiscard]] std::string_view visitor() const {
        return type == RecordType::click ? texts_at(text_slot::visitor)
                                         : text(RecordType::signup, text_slot::visitor);
    }
    [[nodiscard]] std::string_view source() const {
        return text(RecordType::click, text_slot::source);
    }
    [[nodiscard]] std::string_view url() const { return text(RecordType::click, text_slot::url); }
    [[nodiscard]] std::string_view via() const { return text(RecordType::signup, text_slot::via); }
    [[nodiscard]] std::string_view promo_code() const {
        return type == RecordType::payment ? texts_at(text_slot::promo_code)
                                           : text(RecordType::signup, text_slot::promo_code);
    }
    [[nodiscard]] std::string_view status() const {
        return text(RecordType::status, text_slot::status);
    }
    [[nodiscard]] std::string_view service() const {
        return text(RecordType::payment, text_slot::service);
    }
    [[nodiscard]] std::string_view paid_by() const {
        return text(RecordType::payment, text_slot::paid_by);
    }
    [[nodiscard]] std::string_view project() const {
        return text(RecordType::payment, text_slot::project);
    }
    [[nodiscard]] std::string_view integration() const {
        return text(RecordType::payment, text_slot::integration);
    }
    [[nodiscard]] std::string_view plan() const {
        return text(RecordType::payment, text_slot::plan);
    }
    [[nodiscard]] std::string_view evidence() const {
        return text(RecordType::attach, text_slot::evidence);
    }
    [[nodiscard]] std::string_view payment_id() const {
        return text(RecordType::refund, text_slot::payment_id);
    }

  private:
    [[nodiscard]] std::string_view text(RecordType owner, std::size_t slot) const {
        return type == owner ? texts_at(slot) : std::string_view{};
    }
    [[nodiscard]] std::string_view texts_at(std::size_t slot) const {
        const unsigned present = texts_present;
        if ((present >> slot & 1U) == 0) {
            return {};
        }
        return texts[std::popcount(present & ((1U << slot) - 1))];
    }
};

// A ledger holds one Record per timed record: its size is most of the
// memory a run takes (bench/README.md). Keep it within this budget.
static_assert(sizeof(Record) <= 96);

using Records = std::vector<Record, LargeAllocator<Record>>;

struct Ledger {
    std::string file;
    std::vector<Partner> partners;       // in ledger order
    Records records;                     // timed records, in file order (streamed: the block's)
    std::vector<std::uint32_t> sequence; // indices of `records` ordered by at, ties in file order
    std::vector<ExtraField> extras;
    CustomerKeys customers; // the keys of the customers records name, by number
    bool is_json_lines = true;

    // Storage behind the views: the texts records keep, and unescaped strings.
    TextArena texts;
    std::deque<std::string> arena;
    ViewArena record_texts; // behind Record::texts

    // A streamed read (stream.hpp) holds one block of the file at a time:
    // `records` are those of the block, the first of them record number
    // record_base, and `texts`, `record_texts`, `extras` and `arena` are the
    // block's. Of the records before the block only the ones the walk still
    // reads are kept, copied with their texts.
    std::uint32_t record_base = 0;
    std::deque<Record> kept_records;
    absl::flat_hash_map<std::uint32_t, const Record*> kept; // record number -> its copy
    std::vector<ExtraField> kept_extras;                    // of kept records
    TextArena kept_texts;                                   // of kept records and of partners
    ViewArena kept_views;                                   // kept records' Record::texts

    // The timed record numbered `index` (Record::payment_index, Line::record).
    [[nodiscard]] const Record& record(std::uint32_t index) const {
        return index >= record_base ? records[index - record_base] : *kept.at(index);
    }
    [[nodiscard]] const ExtraField& extra(const Record& r, std::uint32_t i) const {
        return r.kept ? kept_extras[r.extras_begin + i] : extras[r.extras_begin + i];
    }
    [[nodiscard]] std::uint32_t customer_count() const { return customers.size(); }
    // The record's `customer`; empty for a type without one.
    [[nodiscard]] std::string_view customer_of(const Record& r) const {
        return r.customer_index == Record::no_customer ? std::string_view{}
                                                       : customers[r.customer_index];
    }
    [[nodiscard]] std::size_t record_count() const {
        return partners.size() + record_base + records.size();
    }
    // "line 7" or "index 3", as the ledger's encoding numbers records.
    [[nodiscard]] std::string where(std::uint32_t position) const;
};

// What the program allows in a ledger: checked while reading, so that a
// partner with a role or payout currency the program does not know is
// rejected like any other malformed record.
// An extra field a program declares with a type: the reader refuses a record
// whose value has another type (ledger.md, "Version 1.1 additions").
struct TypedExtra {
    RecordType record = RecordType::payment;
    std::string key;
    ExtraType type = ExtraType::text;
};

struct LedgerRules {
    std::vector<std::string> roles;                // the first is the default
    std::optional<Currency> fixed_payout_currency; // set: every partner's payout currency
    Currency default_payout_currency;
    // The program's zone: every time of the ledger must be writable in it.
    std::optional<TimeZone> zone;
    std::vector<TypedExtra> typed_extras;
    // Not a rule: told the records and bytes read so far after each block of
    // the file and at the end (`--progress`), with the file's size (0 when
    // not known; at the end, the bytes read). Null: nobody is told.
    std::function<void(std::size_t records, std::uint64_t bytes, std::uint64_t size)> progress;
    // Not a rule either: the size of the blocks a JSON Lines file is read in
    // (tests make it small, to put block boundaries everywhere).
    std::size_t block_bytes = std::size_t{4} << 20;
};

// A diagnostic about a record of this ledger (its field, when named).
Diagnostic at_record(const Ledger& ledger, const Record& record, std::string message,
                     std::string_view field = {});

// Reads and validates a ledger file (`-`: standard input, named "<stdin>" in
// messages); throws LedgerError with a message naming the file, the line or
// index, the record id and the field.
Ledger read_ledger(const std::string& path, const LedgerRules& rules);
// The same for a file named `name` in messages (standard input spooled to a file).
Ledger read_ledger(const std::string& path, const std::string& name, const LedgerRules& rules);
// The same for a ledger already in memory; `name` stands for the file in messages.
Ledger read_ledger_text(const std::string& name, std::string_view text, const LedgerRules& rules);

} // namespace accrue
