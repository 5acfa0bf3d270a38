// evaluate(): one walk, or two when a rule's tiers depend on its period's
// aggregates (the first learns them).
#include "interpreter/evaluate/evaluate.hpp"

#include "interpreter/evaluate/explain.hpp"
#include "interpreter/evaluate/walk.hpp"

#include <algorithm>
#include <optional>

namespace accrue {

Report evaluate(const Program& program, const Ledger& ledger, const EvaluationOptions& options) {
    WalkObserver nobody;
    std::optional<TimeZone> zone;
    std::optional<Explainer> explainer;
    if (options.explain_record && options.explanation != nullptr) {
        zone = TimeZone::locate(program.header.time_zone->name);
        explainer.emplace(ledger, *zone, *options.explain_record, *options.explanation);
    }
    WalkObserver& observer = explainer ? static_cast<WalkObserver&>(*explainer) : nobody;
    try {
        const bool needs_first_pass =
            std::any_of(program.rules.begin(), program.rules.end(),
                        [](const LineRule& rule) { return !rule.aggregates.empty(); });
        if (!needs_first_pass) {
            const walking::PeriodTotals none;
            return walking::Walk(program, ledger, options, walking::Pass::final, none, observer)
                .run();
        }
        // Tiers resolved per period need the whole period (up to as-of)
        // before any of its lines: a first walk learns the aggregates.
        EvaluationOptions first_options = options;
        first_options.keep_lines = false;
        walking::PeriodTotals totals;
        {
            // Gone before the final walk starts: only what it learned is kept.
            const walking::PeriodTotals none;
            walking::Walk first(program, ledger, first_options, walking::Pass::learn_aggregates,
                                none, nobody);
            first.run();
            totals = std::move(first.collected());
        }
        totals.finish();
        return walking::Walk(program, ledger, options, walking::Pass::final, totals, observer)
            .run();
    } catch (const DecimalOverflow& error) {
        throw EvaluationError(ledger.file, error.what());
    }
}

} // namespace accrue
