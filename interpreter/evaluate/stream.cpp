// evaluate_streamed(): the walk of walk.hpp, told each record by a streamed
// read (ledger/stream.hpp) instead of walking a whole ledger's sequence.
#include "interpreter/evaluate/evaluate.hpp"

#include "interpreter/diagnostics/diagnostic.hpp"
#include "interpreter/evaluate/walk.hpp"
#include "interpreter/ledger/sequenced.hpp"
#include "interpreter/ledger/stream.hpp"

#include "interpreter/values/limits.hpp"

#include <algorithm>
#include <filesystem>

namespace accrue {
namespace {

class StreamedWalk final : public RecordStream {
  public:
    StreamedWalk(const Program& program, const Ledger& ledger, const EvaluationOptions& options,
                 walking::Pass pass, const walking::PeriodTotals& totals)
        : walk_(program, ledger, options, pass, totals, nobody_) {}

    void begin() override { walk_.begin_streamed(); }
    void next(std::uint32_t index, const Record& record) override { walk_.next(index, record); }
    void ahead(const Record& record) override { walk_.ahead(record); }
    void done_with(std::uint32_t index) override { walk_.done_with(index); }
    Report end() { return walk_.end(); }
    walking::PeriodTotals& collected() { return walk_.collected(); }

  private:
    WalkObserver nobody_;
    walking::Walk walk_;
};

bool has_aggregates(const Program& program) {
    return std::any_of(program.rules.begin(), program.rules.end(),
                       [](const LineRule& rule) { return !rule.aggregates.empty(); });
}

bool streamable(const EvaluationOptions& options) {
    return !options.keep_lines && !options.explain_record;
}

// The walk of the records `read` gives (read(ledger, stream) -> the last
// `at`), once. A program with period aggregates is walked once too, holding
// each period's lines until it ends (walking::Pass::single), unless it needs
// two walks: the first learns the aggregates, the second makes the lines,
// as evaluate() walks the ledger twice (a file of `size` bytes, only from
// options.stream_twice_from_bytes on). `last_at`: the default as-of, which
// the read must confirm.
template <typename Read>
std::optional<Report> walk_passes(const Program& program, Ledger& ledger,
                                  const EvaluationOptions& options, std::uint64_t size,
                                  std::optional<Instant> last_at, const Read& read) {
    EvaluationOptions streamed = options;
    if (!streamed.as_of) {
        streamed.as_of = last_at;
    }
    if (!streamed.as_of) {
        return std::nullopt;
    }
    const auto confirmed = [&](const std::optional<Instant>& last) {
        return last && (options.as_of || *last == *streamed.as_of);
    };
    if (has_aggregates(program) && options.hold_periods && walking::holds_periods(program)) {
        try {
            const walking::PeriodTotals none;
            StreamedWalk walk(program, ledger, streamed, walking::Pass::single, none);
            if (!confirmed(read(ledger, walk))) {
                return std::nullopt;
            }
            return walk.end();
        } catch (const walking::NeedsTwoWalks&) {
            ledger = Ledger{};
            if (size < options.stream_twice_from_bytes) {
                return std::nullopt; // one whole read is faster than two over the file
            }
        }
    }
    walking::PeriodTotals totals;
    if (has_aggregates(program)) {
        Ledger first_read;
        const walking::PeriodTotals none;
        StreamedWalk first(program, first_read, streamed, walking::Pass::learn_aggregates, none);
        if (!confirmed(read(first_read, first))) {
            return std::nullopt;
        }
        first.end();
        totals = std::move(first.collected());
        totals.finish();
    }
    StreamedWalk walk(program, ledger, streamed, walking::Pass::final, totals);
    if (!confirmed(read(ledger, walk))) {
        return std::nullopt;
    }
    return walk.end();
}

} // namespace

std::optional<Report> evaluate_streamed(const Program& program, Ledger& ledger,
                                        const std::string& path, const LedgerRules& rules,
                                        const EvaluationOptions& options) {
    // A regular file only: a pipe or a device cannot be read from its end,
    // nor again by the whole read.
    std::error_code error;
    if (!streamable(options) || !std::filesystem::is_regular_file(path, error)) {
        return std::nullopt;
    }
    const std::uint64_t size = std::filesystem::file_size(path, error);
    const bool single_walk = options.hold_periods && walking::holds_periods(program);
    if (error || size > limits::max_ledger_bytes ||
        (has_aggregates(program) && !single_walk && size < options.stream_twice_from_bytes)) {
        return std::nullopt;
    }
    const StreamNeeds needs{.signups = program.needs.customer_signup};
    try {
        const RefundedPayments refunded = refunded_payments(path);
        try {
            // The walk needs its as-of from the start: by default the last
            // record's `at`, read from the end of the file and confirmed once
            // it is read.
            const auto read = [&](Ledger& into, RecordStream& stream) {
                return stream_ledger(into, path, rules, needs, refunded, stream);
            };
            return walk_passes(program, ledger, options, size, last_timed_at(path), read);
        } catch (const OutOfSequence&) {
            // Streamed by its keys below.
        } catch (const EvaluationError&) {
            // A rate later in the file than the payment that needs it, say:
            // in sequence order it may be no error at all.
        }
        // Read again in sequence order, by the sorted keys of its lines.
        const reading::SequencedLines lines(path);
        const auto read = [&](Ledger& into, RecordStream& stream) {
            return stream_sequenced(into, lines, path, rules, needs, refunded, stream);
        };
        ledger = Ledger{};
        return walk_passes(program, ledger, options, size, lines.last_at(), read);
    } catch (const std::exception&) {
        return std::nullopt; // the whole read and walk report it, as exactly as ever
    }
}

} // namespace accrue
