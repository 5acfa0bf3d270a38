// A streamed read of a JSON Lines ledger file (issue 11): one pass, a block
// of the file at a time, each timed record handed on once its block is
// decoded and checked; a block's records are dropped after it, except the
// ones the walk still reads (Ledger::kept). It holds for a ledger in
// sequence order whose partners come before its timed records. Whatever else
// it meets (a record earlier than the one before, a partner after a timed
// record or not read yet, a refund before its payment: OutOfSequence; a
// reference it cannot check from what it kept, any error) throws
// NeedsWholeLedger or the error, and the caller streams the file by its
// sorted keys (OutOfSequence) or reads the ledger whole (read_ledger): that
// read validates every rule and names the first error exactly, and nothing
// streamed has been written anywhere.
#pragma once

#include "interpreter/ledger/ledger.hpp"

#include <absl/container/flat_hash_map.h>

#include <optional>
#include <stdexcept>
#include <string>

namespace accrue {

struct NeedsWholeLedger : std::runtime_error {
    using std::runtime_error::runtime_error;
};

// A ledger whose lines are not in sequence order (a record earlier than the
// one before it, a partner after a timed record or not read yet, a refund
// before its payment): it can still be streamed by its sorted keys
// (stream_sequenced).
struct OutOfSequence : NeedsWholeLedger {
    using NeedsWholeLedger::NeedsWholeLedger;
};

namespace reading {
class SequencedLines;
}

// Where the records of a streamed read go.
class RecordStream {
  public:
    RecordStream() = default;
    RecordStream(const RecordStream&) = delete;
    RecordStream& operator=(const RecordStream&) = delete;
    virtual ~RecordStream() = default;
    // Once, before the first timed record: every partner is read.
    virtual void begin() = 0;
    // Each timed record in sequence order, with its number (Ledger::record);
    // a kept record is given as its copy.
    virtual void next(std::uint32_t index, const Record& record) = 0;
    // A record next() will be given soon: the stream may fetch the state it
    // will read for it into the cache (a hint; nothing by default).
    virtual void ahead(const Record& /*record*/) {}
    // The payment numbered `index` was refunded for the last time (its last
    // refund was given to next()): no record will name it again, and the
    // stream may let go of what it keeps for it (nothing by default).
    virtual void done_with(std::uint32_t /*index*/) {}
};

struct StreamNeeds {
    bool signups = false; // keep the signups (a program reads the customer's signup later)
};

// The payments the refunds of a file name, by the 64-bit hash of their id
// (IdHashes::hash_of), each with the number of refunds that name it: a
// streamed read keeps those payments for their refunds to find, and lets go
// of each after its last refund. Found once for every read of the file
// (only lines that mention "refund" are parsed), in whatever order it is
// read. Two ids of one hash keep a payment too many, or too long; a refund
// the scan missed finds its payment gone, and the read gives way to the
// whole read: memory, never a wrong answer.
struct RefundedPayments {
    absl::flat_hash_map<std::uint64_t, std::uint32_t> refunds; // by payment id hash
};
RefundedPayments refunded_payments(const std::string& path);

// Reads `path` into `ledger` a block at a time, handing the timed records to
// `stream`. Returns the `at` of the last timed record (none: nullopt).
// `refunded`: refunded_payments(path).
std::optional<Instant> stream_ledger(Ledger& ledger, const std::string& path,
                                     const LedgerRules& rules, StreamNeeds needs,
                                     const RefundedPayments& refunded, RecordStream& stream);

// The same for a file read in sequence order by its sorted keys
// (sequenced.hpp), whatever order its lines are in.
std::optional<Instant> stream_sequenced(Ledger& ledger, const reading::SequencedLines& lines,
                                        const std::string& path, const LedgerRules& rules,
                                        StreamNeeds needs, const RefundedPayments& refunded,
                                        RecordStream& stream);

// The `at` of the last timed record of a JSON Lines file, read from the end
// of the file: the default as-of, which a streamed walk needs before it
// starts (stream_ledger's result confirms it). Nullopt when the end of the
// file does not tell.
std::optional<Instant> last_timed_at(const std::string& path);

} // namespace accrue
