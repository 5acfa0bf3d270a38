#include "interpreter/ledger/stream.hpp"

#include "interpreter/ledger/blocks.hpp"
#include "interpreter/ledger/decode.hpp"
#include "interpreter/ledger/framing.hpp"
#include "interpreter/ledger/id_hashes.hpp"
#include "interpreter/ledger/numbered_keys.hpp"
#include "interpreter/ledger/sequenced.hpp"
#include "interpreter/ledger/validate.hpp"

#include "interpreter/values/limits.hpp"

#include <algorithm>
#include <bit>
#include <cstring>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>

namespace accrue {
namespace {

using reading::Blocks;
using reading::RecordText;

// The type and one text member of single lines, a parser and a padded copy
// of the line reused from line to line.
class LineProbe {
  public:
    // Nullopt when the line does not parse (the read proper reports it).
    // The views last until the next call.
    std::optional<std::pair<std::string_view, std::string_view>> type_and(std::string_view line,
                                                                          std::string_view key) {
        padded_.assign(line);
        padded_.resize(line.size() + simdjson::SIMDJSON_PADDING);
        simdjson::ondemand::document doc;
        std::string_view type;
        std::string_view value;
        if (parser_.iterate(padded_.data(), line.size(), padded_.size()).get(doc) ||
            doc["type"].get_string().get(type)) {
            return std::nullopt;
        }
        if (type == "partner") {
            return std::pair{type, std::string_view{}};
        }
        if (doc[key].get_string().get(value)) {
            return std::nullopt;
        }
        return std::pair{type, value};
    }

  private:
    simdjson::ondemand::parser parser_;
    std::string padded_;
};

} // namespace

RefundedPayments refunded_payments(const std::string& path) {
    RefundedPayments refunded;
    std::ifstream in(path, std::ios::binary);
    // At most 4 MiB a read, and no more than the file: a small ledger is not
    // given (and made to touch) 4 MiB.
    std::error_code error;
    const std::uint64_t size = std::filesystem::file_size(path, error);
    const std::size_t chunk =
        static_cast<std::size_t>(std::min<std::uint64_t>(std::size_t{4} << 20, size + 1));
    constexpr std::string_view needle = "\"refund";
    // Boyer-Moore-Horspool skips most bytes of the JSON, where memchr-based
    // searches stop at every '"'.
    const std::boyer_moore_horspool_searcher searcher(needle.begin(), needle.end());
    LineProbe probe;
    std::string buffer;
    std::size_t carried = 0; // an incomplete last line, at the front of the buffer
    while (in) {
        if (buffer.size() < carried + chunk) { // grows for a line longer than a chunk only
            buffer.resize(carried + chunk);
        }
        in.read(buffer.data() + carried, static_cast<std::streamsize>(chunk));
        const std::size_t filled = carried + static_cast<std::size_t>(in.gcount());
        const std::string_view bytes(buffer.data(), filled);
        const std::size_t newline = bytes.rfind('\n');
        const std::size_t complete = !in ? filled : newline == std::string::npos ? 0 : newline + 1;
        const std::string_view lines = bytes.substr(0, complete);
        for (auto at = std::search(lines.begin(), lines.end(), searcher); at != lines.end();
             at = std::search(at, lines.end(), searcher)) {
            const auto offset = static_cast<std::size_t>(at - lines.begin());
            const std::size_t begin = lines.rfind('\n', offset) + 1; // npos + 1 == 0
            const std::size_t end = std::min(lines.find('\n', offset), lines.size());
            const auto found = probe.type_and(lines.substr(begin, end - begin), "payment");
            if (found && found->first == "refund") {
                ++refunded.refunds[reading::IdHashes::hash_of(found->second)];
            }
            at = lines.begin() + static_cast<std::ptrdiff_t>(end);
        }
        carried = filled - complete;
        if (carried > limits::max_line_bytes) {
            throw NeedsWholeLedger("a line too long (the whole read names it)");
        }
        std::memmove(buffer.data(), buffer.data() + complete, carried);
    }
    return refunded;
}

namespace {

constexpr std::size_t stream_block_bytes = std::size_t{1} << 20;

// The blocks of a file, the first without its byte order mark and refused
// when it starts a JSON document (which has no lines to stream).
class FirstBlockChecked {
  public:
    FirstBlockChecked(Blocks& blocks, std::string_view file) : blocks_(blocks), file_(file) {}

    std::optional<simdjson::padded_string_view> next() {
        if (!first_) {
            return blocks_.next();
        }
        first_ = false;
        const auto block = reading::without_byte_order_mark(blocks_.next());
        if (reading::is_json_document(file_, block ? std::string_view(*block) : "")) {
            throw NeedsWholeLedger("a JSON document, not JSON Lines");
        }
        return block;
    }
    [[nodiscard]] std::uint64_t bytes() const { return blocks_.bytes(); }

  private:
    Blocks& blocks_;
    std::string_view file_;
    bool first_ = true;
};

class Streaming {
  public:
    Streaming(Ledger& ledger, const LedgerRules& rules, StreamNeeds needs, RecordStream& stream,
              std::uint64_t size, const RefundedPayments& refunded)
        : ledger_(ledger), rules_(rules), needs_(needs), stream_(stream), size_(size),
          refunded_(refunded), references_(ledger), decoder_(ledger, rules, references_) {
        decoder_.stream();
    }
    Streaming(const Streaming&) = delete; // kept_payment_ids_ points at kept_payments_
    Streaming& operator=(const Streaming&) = delete;

    // `blocks`: Blocks of the file, or a SequencedLines::Reader; each
    // next() gives a block of whole lines, bytes() the bytes given so far.
    template <typename Source> std::optional<Instant> read(Source& blocks) {
        std::uint32_t line = 0;
        for (auto block = blocks.next(); block; block = blocks.next()) {
            const std::size_t partners_before = ledger_.partners.size();
            reading::read_lines(ledger_, *block, line, [&](const RecordText& r) {
                decoder_.decode(r);
                ++count_;
            });
            decoder_.number_customers();
            if (ledger_.partners.size() == partners_before) {
                reserve(block->size(), blocks.bytes());
            }
            walk_block();
            if (rules_.progress) {
                rules_.progress(count_, blocks.bytes(), size_);
            }
        }
        if (rules_.progress) {
            rules_.progress(count_, blocks.bytes(), blocks.bytes());
        }
        return last_at_;
    }

  private:
    // About as many ids as the first block of timed records alone has, for
    // each such block left in the file: reserving once spares the table its
    // regrowth. A block with partners says nothing of the rest (10,000
    // partner lines took most of the first block of the 10M hosting
    // ledger, and the table, reserved short, doubled to twice its size),
    // so the blocks before the first without partners grow the table.
    void reserve(std::size_t block_bytes, std::uint64_t bytes_read) {
        if (reserved_ || ledger_.records.empty() || size_ == 0 || block_bytes == 0) {
            return;
        }
        const std::uint64_t rest = size_ - (bytes_read - block_bytes); // this block on
        ids_.reserve(static_cast<std::size_t>(ledger_.records.size() * rest / block_bytes) + 16);
        reserved_ = true;
    }

    // The block's records checked, handed on, and dropped but for the kept ones.
    void walk_block() {
        if (begun_ && ledger_.partners.size() != partners_) {
            throw OutOfSequence("a partner after the first timed record");
        }
        if (!ledger_.records.empty()) {
            for (const auto& reference : references_.partner_refs) {
                if (!references_.partner_ids.contains(reference.second)) {
                    // Unknown so far: an error, or a partner later in the file.
                    throw OutOfSequence("a partner not read yet");
                }
            }
            reading::resolve_partners(ledger_, rules_, references_);
            references_.partner_refs.clear();
            if (!begun_) {
                reading::resolve_parents(ledger_, references_);
                stream_.begin();
                begun_ = true;
                partners_ = ledger_.partners.size();
            }
            auto& records = ledger_.records;
            hashes_.resize(records.size());
            for (std::size_t k = 0; k < records.size(); ++k) {
                hashes_[k] = reading::IdHashes::hash_of(records[k].id);
            }
            for (std::uint32_t k = 0; k < records.size(); ++k) {
                if (k + prefetch_distance < records.size()) {
                    ids_.prefetch(hashes_[k + prefetch_distance]);
                    stream_.ahead(records[k + prefetch_distance]);
                }
                Record& r = records[k];
                const std::uint32_t index = ledger_.record_base + k;
                check(r, hashes_[k]);
                stream_.next(index, keeps(r, hashes_[k]) ? keep(index, r, hashes_[k]) : r);
                if (last_refunded_) {
                    let_go(*last_refunded_);
                    last_refunded_.reset();
                }
            }
        }
        ledger_.record_base += static_cast<std::uint32_t>(ledger_.records.size());
        ledger_.records.clear();
        ledger_.texts.clear();
        ledger_.record_texts.clear();
        ledger_.extras.clear();
        ledger_.arena.clear();
    }

    // What validate() checks across records, for a record in sequence order.
    void check(Record& r, std::uint64_t id_hash) {
        if (last_at_ && r.at < *last_at_) {
            throw OutOfSequence("a record earlier than the one before it");
        }
        last_at_ = r.at;
        if (r.type != RecordType::rate && !ids_.insert(id_hash)) {
            throw NeedsWholeLedger("a duplicate id (or two ids of one hash)");
        }
        if (r.type == RecordType::signup) {
            signed_up_.resize(std::max<std::size_t>(signed_up_.size(), ledger_.customer_count()));
            if (signed_up_[r.customer_index]) {
                throw NeedsWholeLedger("a second signup");
            }
            signed_up_[r.customer_index] = true;
        } else if (r.type == RecordType::refund) {
            const auto kept = kept_payment_ids_.find(r.payment_id());
            if (!kept) {
                // Not read yet: before its payment in the sequence (an error
                // the whole read names), or a file out of sequence order.
                throw OutOfSequence("a refund before its payment");
            }
            KeptPayment& kept_payment = kept_payments_[*kept];
            const Record& payment = kept_payment.record;
            r.payment_index = kept_payment.index;
            Decimal& sum = kept_payment.refunded;
            sum = sum + (r.has_amount ? r.amount : payment.amount);
            if (sum > payment.amount) {
                throw NeedsWholeLedger("refunds beyond the payment");
            }
            r.completes_payment = sum == payment.amount;
            if (--kept_payment.refunds_left == 0) {
                last_refunded_ = *kept; // let go of once the walk has had the refund
            }
        }
    }

    [[nodiscard]] bool keeps(const Record& r, std::uint64_t id_hash) const {
        switch (r.type) {
        case RecordType::signup:
            return needs_.signups;
        case RecordType::payment:
            // By the hash the id check made: two ids of one hash keep one payment too many.
            return refunded_.refunds.contains(id_hash);
        default:
            return false;
        }
    }

    const Record& keep(std::uint32_t index, const Record& r, std::uint64_t id_hash) {
        if (r.type == RecordType::payment) {
            return keep_payment(index, r, id_hash);
        }
        Record copy = r;
        copy.kept = true;
        copy.id = ledger_.kept_texts.copy(r.id);
        const int count = std::popcount(static_cast<unsigned>(r.texts_present));
        std::array<std::string_view, text_slot::count> texts{};
        for (int k = 0; k < count; ++k) {
            texts[k] = ledger_.kept_texts.copy(r.texts[k]);
        }
        copy.texts = count == 0 ? nullptr : ledger_.kept_views.store(texts.data(), count);
        copy.extras_begin = keep_extras(r);
        const Record& kept = ledger_.kept_records.emplace_back(copy);
        ledger_.kept.emplace(index, &kept);
        return kept;
    }

    // A kept record's extra fields, copied past its block: where they begin
    // in Ledger::kept_extras.
    std::uint32_t keep_extras(const Record& r) {
        const auto begin = static_cast<std::uint32_t>(ledger_.kept_extras.size());
        for (std::uint32_t i = 0; i < r.extras_count; ++i) {
            const ExtraField& extra = ledger_.extras[r.extras_begin + i];
            ledger_.kept_extras.push_back(
                {ledger_.kept_texts.copy(extra.key), ledger_.kept_texts.copy(extra.value)});
        }
        return begin;
    }

    // A payment a refund names, copied into a slot of its own (a free one
    // first) with its id and texts, so that its last refund can let go of
    // it. Its extra fields, if any, are kept with the other kept records'.
    const Record& keep_payment(std::uint32_t index, const Record& r, std::uint64_t id_hash) {
        std::uint32_t slot = 0;
        if (free_kept_.empty()) {
            slot = static_cast<std::uint32_t>(kept_payments_.size());
            kept_payments_.emplace_back();
        } else {
            slot = free_kept_.back();
            free_kept_.pop_back();
        }
        KeptPayment& p = kept_payments_[slot];
        const int count = std::popcount(static_cast<unsigned>(r.texts_present));
        p.chars.assign(r.id);
        for (int k = 0; k < count; ++k) {
            p.chars.append(r.texts[k]);
        }
        p.record = r;
        p.record.kept = true;
        p.record.id = std::string_view(p.chars).substr(0, r.id.size());
        p.views = count == 0 ? nullptr : std::make_unique<std::string_view[]>(count);
        for (std::size_t k = 0, at = r.id.size(); k < static_cast<std::size_t>(count); ++k) {
            p.views[k] = std::string_view(p.chars).substr(at, r.texts[k].size());
            at += r.texts[k].size();
        }
        p.record.texts = p.views.get();
        p.record.extras_begin = keep_extras(r);
        p.index = index;
        p.refunds_left = refunded_.refunds.at(id_hash);
        p.refunded = Decimal{};
        ledger_.kept.emplace(index, &p.record);
        kept_payment_ids_.add(slot);
        return p.record;
    }

    // After the last refund of a kept payment: the walk and the check let go of it.
    void let_go(std::uint32_t slot) {
        KeptPayment& p = kept_payments_[slot];
        stream_.done_with(p.index);
        kept_payment_ids_.erase(slot); // reads its id: before the texts go
        ledger_.kept.erase(p.index);
        p.chars = std::string();
        p.views.reset();
        free_kept_.push_back(slot);
    }

    Ledger& ledger_;
    const LedgerRules& rules_;
    StreamNeeds needs_;
    RecordStream& stream_;
    std::uint64_t size_;
    const RefundedPayments& refunded_;
    reading::References references_;
    reading::Decoder decoder_;
    std::size_t count_ = 0;
    bool begun_ = false;
    bool reserved_ = false;
    std::size_t partners_ = 0; // when the first timed record came
    std::optional<Instant> last_at_;
    reading::IdHashes ids_;
    std::vector<std::uint64_t> hashes_; // of the block's ids
    // Records ahead whose id slot is asked of memory: a check takes about
    // that long to hide a cache miss.
    static constexpr std::size_t prefetch_distance = 16;
    // A payment a refund names, from its block until its last refund, found
    // by id (kept_payment_ids_).
    struct KeptPayment {
        Record record;                             // the copy (Record::kept)
        std::string chars;                         // its id, then its texts
        std::unique_ptr<std::string_view[]> views; // Record::texts, into chars
        std::uint32_t index = 0;                   // its record number
        std::uint32_t refunds_left = 0;            // refunds of the file it has not met
        Decimal refunded;                          // by the refunds so far
    };
    struct KeptPaymentId {
        const std::deque<KeptPayment>* payments;
        std::string_view operator()(std::uint32_t n) const { return (*payments)[n].record.id; }
    };
    // Slots that stay where they are (Ledger::kept points at their records),
    // reused once let go of: as many as payments wait for a refund at once.
    std::deque<KeptPayment> kept_payments_;
    std::vector<std::uint32_t> free_kept_;
    std::optional<std::uint32_t> last_refunded_; // the slot the record just checked refunded last
    reading::NumberedKeys<KeptPaymentId> kept_payment_ids_{KeptPaymentId{&kept_payments_}};
    std::vector<bool> signed_up_; // by customer
};

} // namespace

std::optional<Instant> stream_ledger(Ledger& ledger, const std::string& path,
                                     const LedgerRules& rules, StreamNeeds needs,
                                     const RefundedPayments& refunded, RecordStream& stream) {
    ledger.file = path;
    std::error_code error;
    const std::uint64_t size = std::filesystem::file_size(path, error);
    std::ifstream in(path, std::ios::binary);
    if (error || !in || size > limits::max_ledger_bytes) {
        throw NeedsWholeLedger("not a readable file within the limits");
    }
    try {
        // Smaller blocks than the whole read's: a block's records and texts
        // are most of what a streamed read holds besides the program's state.
        Blocks blocks(in, limits::max_ledger_bytes,
                      std::min(rules.block_bytes, stream_block_bytes));
        FirstBlockChecked checked(blocks, path);
        return Streaming(ledger, rules, needs, stream, size, refunded).read(checked);
    } catch (const Blocks::TooLarge&) {
        throw NeedsWholeLedger("too large");
    } catch (const Blocks::LineTooLong&) {
        throw NeedsWholeLedger("a line too long (the whole read names it)");
    }
}

std::optional<Instant> stream_sequenced(Ledger& ledger, const reading::SequencedLines& lines,
                                        const std::string& path, const LedgerRules& rules,
                                        StreamNeeds needs, const RefundedPayments& refunded,
                                        RecordStream& stream) {
    ledger.file = path;
    reading::SequencedLines::Reader reader(lines, std::min(rules.block_bytes, stream_block_bytes));
    return Streaming(ledger, rules, needs, stream, lines.file_size(), refunded).read(reader);
}

namespace {

// What the whole lines of a file's last `tail_bytes` tell of its last timed record.
struct TailScan {
    std::optional<Instant> at;
    bool undecided = false; // not one whole line: a longer tail may tell
};

TailScan scan_tail(std::ifstream& in, std::uint64_t size, std::uint64_t tail_bytes) {
    const std::uint64_t from = size > tail_bytes ? size - tail_bytes : 0;
    LineProbe probe;
    std::string tail(size - from, '\0');
    in.clear();
    in.seekg(static_cast<std::streamoff>(from));
    in.read(tail.data(), static_cast<std::streamsize>(tail.size()));
    std::string_view rest(tail.data(), static_cast<std::size_t>(in.gcount()));
    if (from != 0) { // the first line may be cut
        const std::size_t newline = rest.find('\n');
        rest = newline == std::string_view::npos ? std::string_view{} : rest.substr(newline + 1);
    }
    for (bool whole_line = false;; whole_line = true) {
        const std::size_t last = rest.find_last_not_of(" \t\r\n");
        if (last == std::string_view::npos) {
            return {std::nullopt, from != 0 && !whole_line};
        }
        rest = rest.substr(0, last + 1);
        const std::size_t begin = rest.rfind('\n') + 1; // npos + 1 == 0
        const auto found = probe.type_and(rest.substr(begin), "at");
        if (!found) {
            return {};
        }
        if (found->first != "partner") {
            return {parse_rfc3339(found->second), false};
        }
        rest = rest.substr(0, begin);
    }
}

} // namespace

std::optional<Instant> last_timed_at(const std::string& path) {
    std::error_code error;
    const std::uint64_t size = std::filesystem::file_size(path, error);
    std::ifstream in(path, std::ios::binary);
    if (error || !in) {
        return std::nullopt;
    }
    // 64 KiB holds the last lines of any usual ledger; a longer last line
    // (long ids) doubles the tail, up to the longest line a ledger may have.
    for (std::uint64_t tail_bytes = 64 * 1024;; tail_bytes *= 2) {
        const TailScan scan = scan_tail(in, size, tail_bytes);
        if (!scan.undecided || tail_bytes > limits::max_line_bytes) {
            return scan.at;
        }
    }
}

} // namespace accrue
