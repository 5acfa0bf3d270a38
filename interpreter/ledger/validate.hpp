// The checks across records, once every record is decoded (ledger.md,
// "Invalid ledgers"): partner references resolve, a withdrawal is in its
// partner's payout currency, the one sequence (by `at`, ties in file order),
// one signup per customer, refunds of known and earlier payments that add
// up to at most the payment.
#pragma once

#include "interpreter/ledger/decode.hpp"

namespace accrue::reading {

// Resolves references, builds ledger.sequence; throws LedgerError.
void validate(Ledger& ledger, const LedgerRules& rules, const References& references);

// validate()'s first steps, which a streamed read takes on its own: the
// partner each of references.partner_refs names (records of ledger.records),
// a withdrawal's currency; each partner's parent.
void resolve_partners(Ledger& ledger, const LedgerRules& rules, const References& references);
void resolve_parents(Ledger& ledger, const References& references);

} // namespace accrue::reading
