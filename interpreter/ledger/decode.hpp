// Decoding one record: its type, then each field the table lists for that
// type, checked and stored into a Partner or a Record (ledger.md, "Records").
// Keys the table does not list for the type are kept as extra fields.
#pragma once

#include "interpreter/ledger/customer_numbers.hpp"
#include "interpreter/ledger/id_table.hpp"
#include "interpreter/ledger/record_text.hpp"

#include <absl/container/flat_hash_map.h>

namespace accrue::reading {

// What decoding leaves for the checks across records (validate.hpp).
struct References {
    explicit References(const Ledger& ledger)
        : timed_ids(ledger.records), customers(ledger.customers) {}

    IdTable timed_ids;
    CustomerNumbers customers; // customer key -> Record::customer_index
    absl::flat_hash_map<std::string_view, std::uint32_t> partner_ids; // id -> partner index
    // Partner ids named by timed records, resolved once every partner is known.
    std::vector<std::pair<std::uint32_t, std::string_view>> partner_refs; // record, partner id
};

class Decoder {
  public:
    Decoder(Ledger& ledger, const LedgerRules& rules, References& references)
        : ledger_(ledger), rules_(rules), references_(references) {}

    // Decodes one record and appends it to the ledger; throws LedgerError.
    // Its customer is numbered by number_customers().
    void decode(const RecordText& text);
    // Numbers the customers of the records decoded since the last call (in
    // their order, as if each were numbered when decoded), each key copied
    // once into Ledger::customers. Call it before the block of the file the
    // records were decoded from is let go: the keys are views into it.
    void number_customers();
    // For a streamed read (stream.hpp): a partner's texts outlive the block,
    // and timed ids are left to the streamed read's own table (id_hashes.hpp).
    void stream() { streaming_ = true; }

  private:
    struct Context {
        const RecordText& text;
        RecordType type;
        std::string_view id;
    };
    [[noreturn]] void fail(const Context& c, std::string_view field,
                           const std::string& message) const {
        reading::fail(ledger_, c.text.position, c.id, field, message);
    }
    RecordType record_type(const RecordText& text);
    std::string_view record_id(const RecordText& text, RecordType type);
    void check_required(const Context& c) const;
    Decoded value(const Context& c, const LedgerField& field, const Member& m);
    Instant time(const Context& c, const LedgerField& field, const Member& m);
    void check_years(const Context& c, std::string_view key, const Member& m, Instant at) const;
    std::string_view choice(const Context& c, const LedgerField& field, const Member& m);
    std::uint32_t months(const Context& c, const LedgerField& field, const Member& m) const;
    Decimal money(const Context& c, const LedgerField& field, const Member& m) const;
    Currency currency(const Context& c, const LedgerField& field, const Member& m);
    Currency payout_currency(const Context& c, const Member& m);
    void partner(const Context& c);
    void timed(const Context& c);
    void add_partner(Partner partner, std::uint32_t position);
    // A text the ledger keeps, copied out of the block of the file being read.
    std::string_view keep(std::string_view text) {
        return text.empty() ? std::string_view{} : texts_->copy(text);
    }
    // The type a program declared for this extra member, if any; its value is checked.
    const TypedExtra* typed(const Context& c, const Member& m);

    Ledger& ledger_;
    const LedgerRules& rules_;
    References& references_;
    absl::flat_hash_map<std::string_view, std::uint32_t> promo_owner_; // code -> partner index
    // Records decoded but not yet numbered: their place in Ledger::records
    // and their customer's key (number_customers), in 16 bytes.
    struct Unnumbered {
        std::uint32_t record;
        std::uint32_t length;
        const char* key;
        [[nodiscard]] std::string_view text() const { return {key, length}; }
    };
    std::vector<Unnumbered> unnumbered_;
    bool streaming_ = false;
    TextArena* texts_ = &ledger_.texts; // where keep() copies the record being decoded
};

} // namespace accrue::reading
