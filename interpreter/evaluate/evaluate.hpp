// Evaluation of a checked program over a ledger: one walk over the ledger's
// sequence, producing what report.md describes.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/ledger/ledger.hpp"

#include <array>
#include <optional>
#include <string>
#include <vector>

namespace accrue {

constexpr std::uint32_t no_partner = 0xFFFFFFFF;

struct Line {
    std::uint32_t record = 0;  // index into Ledger::records
    std::uint32_t partner = 0; // index into Ledger::partners
    LineKind kind = LineKind::commission;
    bool provisional = false;
    bool has_base = false;
    bool has_rate = true; // false for graduated tiers: each band has its own
    Currency currency;
    const std::string* rule = nullptr;
    Decimal base;
    Decimal rate;
    Decimal amount;
    Instant at;
    Instant available_at;
};

struct ExcludedEntry {
    std::uint32_t record = 0;
    std::uint32_t partner = no_partner;
    const std::string* reason = nullptr;
};

struct CheckResult {
    const std::string* name = nullptr;
    bool ok = false;
    std::string detail;
};

struct WithdrawalDecision {
    std::uint32_t record = 0;
    std::uint32_t partner = 0;
    bool approved = false;
    std::optional<Instant> due_by;
    std::vector<CheckResult> checks;
};

constexpr std::size_t line_kind_count = 5;

struct PartnerTotals {
    std::uint32_t partner = 0;
    std::string_view role;
    Currency currency;
    Decimal accrued;
    Decimal available;
    Decimal withdrawn;
    Decimal balance;
    std::array<std::optional<Decimal>, line_kind_count> totals; // by LineKind
    bool eligible = false;
    std::vector<CheckResult> checks;
    struct Unlocked {
        std::string period; // "2024-03", or "2024-03-02/2024-03-31"
        const std::string* benefit = nullptr;
    };
    std::vector<Unlocked> benefits; // by period, then in the program's order
};

struct Summary {
    std::size_t records = 0;
    std::size_t accrued = 0;
    std::size_t excluded = 0;
    std::size_t withdrawals = 0;
    std::size_t informational = 0;
    std::size_t after_as_of = 0;
};

struct Report {
    Instant as_of;
    std::vector<Line> lines; // sorted by at, event, kind
    std::vector<ExcludedEntry> excluded;
    std::vector<WithdrawalDecision> withdrawals;
    std::vector<PartnerTotals> partners;
    Summary summary;
};

struct EvaluationOptions {
    std::optional<Instant> as_of;
    // false: partner totals only (simulations): lines, exclusions and
    // withdrawal decisions are counted in the summary but not kept, and a
    // request's checks are decided without their details.
    bool keep_lines = true;
    // `accrue explain`: each step taken for this record, as sentences.
    std::optional<std::uint32_t> explain_record;
    std::vector<std::string>* explanation = nullptr;
    // evaluate_streamed: a program with period aggregates is streamed (in
    // two passes over the file) only from this size of file on; below it,
    // reading the ledger whole once is faster than reading the file twice.
    std::uint64_t stream_twice_from_bytes = std::uint64_t{1} << 30;
    // evaluate_streamed: such a program is streamed once, holding each
    // period's lines until the period ends, where its rates allow
    // (walking::holds_periods); false: two passes, as above (for tests).
    bool hold_periods = true;
};

Report evaluate(const Program& program, const Ledger& ledger, const EvaluationOptions& options);

// The same report in one pass over the file at `path`, each record walked as
// it is read and dropped after its block (ledger/stream.hpp), so that memory
// does not grow with the ledger: for partner totals (options.keep_lines
// false, no explanation). A program with period aggregates is streamed once
// too, holding a period's lines until it ends; where that cannot decide (a
// withdrawal while a held line is already available, say) it takes two
// passes, only for a file of options.stream_twice_from_bytes or more. A file
// out of sequence order (or with partners after timed records) is streamed
// again in sequence order, by the sorted keys of its lines
// (ledger/sequenced.hpp). Nullopt when the ledger cannot be streamed (not
// JSON Lines) or holds any error: then read the ledger whole and evaluate(),
// which reports the error as it always does. `ledger` is filled as the
// records are read: the report's partners are its own.
std::optional<Report> evaluate_streamed(const Program& program, Ledger& ledger,
                                        const std::string& path, const LedgerRules& rules,
                                        const EvaluationOptions& options);

} // namespace accrue
