// What `accrue diff` compares, as JSON with structured fields: each
// partner's figures under the old and the new program, and each event whose
// outcome (its lines, its exclusion, its withdrawal decision) differs.
#pragma once

#include "interpreter/evaluate/evaluate.hpp"

#include <nlohmann/json.hpp>

namespace accrue {

// One program's evaluation of the ledger: what a report of it would say.
struct DiffSide {
    const Program& program;
    const Ledger& ledger;
    const Report& report;
    TimeZone zone;
};

// {"partners": [...], "totals": [...]}: per partner (matched by id, in ledger
// order) and per currency, `accrued`, `available` and `balance` as {"old",
// "new", "difference"}, and `can_withdraw` as {"old", "new"}. A partner paid
// in two currencies has `old_currency` and `new_currency` and no difference
// (docs/decisions.md, "diff across currencies").
nlohmann::ordered_json compare_partners(const DiffSide& old_side, const DiffSide& new_side);

// [{"event", "old", "new"}] in ledger order, for every event whose outcome
// differs in a line's partner, kind, amount, currency, available_at or
// provisional, in its exclusion, or in its withdrawal decision. Each side is
// {"lines": [...], "excluded": {...} or null, "withdrawal": {...} or null}.
nlohmann::ordered_json compare_events(const DiffSide& old_side, const DiffSide& new_side);

} // namespace accrue
