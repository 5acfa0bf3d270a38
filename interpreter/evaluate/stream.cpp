// evaluate_streamed(): the walk of walk.hpp, told each record by a streamed
// read (ledger/stream.hpp) instead of walking a whole ledger's sequence.
#include "interpreter/evaluate/evaluate.hpp"

#include "interpreter/evaluate/walk.hpp"
#include "interpreter/ledger/stream.hpp"

#include <algorithm>
#include <filesystem>

namespace accrue {
namespace {

class StreamedWalk final : public RecordStream {
  public:
    StreamedWalk(const Program& program, const Ledger& ledger, const EvaluationOptions& options)
        : walk_(program, ledger, options, walking::Pass::final, no_totals_, nobody_) {}

    void begin() override { walk_.begin_streamed(); }
    void next(std::uint32_t index, const Record& record) override { walk_.next(index, record); }
    Report end() { return walk_.end(); }

  private:
    walking::PeriodTotals no_totals_;
    WalkObserver nobody_;
    walking::Walk walk_;
};

bool streamable(const Program& program, const EvaluationOptions& options) {
    const bool aggregates =
        std::any_of(program.rules.begin(), program.rules.end(),
                    [](const LineRule& rule) { return !rule.aggregates.empty(); });
    return !options.keep_lines && !options.explain_record && !aggregates;
}

bool reads_clicks(const Program& program) {
    return std::any_of(program.attribution.begin(), program.attribution.end(),
                       [](const Attribution& a) {
                           return a.model == AttributionModel::last_click ||
                                  a.model == AttributionModel::first_click;
                       });
}

} // namespace

std::optional<Report> evaluate_streamed(const Program& program, Ledger& ledger,
                                        const std::string& path, const LedgerRules& rules,
                                        const EvaluationOptions& options) {
    // A regular file only: a pipe or a device cannot be read from its end,
    // nor again by the whole read.
    std::error_code error;
    if (!streamable(program, options) || !std::filesystem::is_regular_file(path, error)) {
        return std::nullopt;
    }
    // The walk needs its as-of from the start: by default the last record's
    // `at`, read from the end of the file and confirmed once it is read.
    EvaluationOptions streamed = options;
    if (!streamed.as_of) {
        streamed.as_of = last_timed_at(path);
    }
    if (!streamed.as_of) {
        return std::nullopt;
    }
    try {
        StreamedWalk walk(program, ledger, streamed);
        const std::optional<Instant> last = stream_ledger(
            ledger, path, rules,
            StreamNeeds{.clicks = reads_clicks(program), .signups = program.needs.customer_signup},
            walk);
        if (!last || (!options.as_of && *last != *streamed.as_of)) {
            return std::nullopt;
        }
        return walk.end();
    } catch (const std::exception&) {
        return std::nullopt; // the whole read and walk report it, as exactly as ever
    }
}

} // namespace accrue
