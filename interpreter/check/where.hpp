// Where an expression is checked decides what it may name: which fields
// (the context), the rule's period and aggregates, the rule's base. It is
// passed down as a value, so a check never depends on what was checked before.
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/ledger/fields.hpp"

namespace accrue::checking {

struct Where {
    Context context = Context::payment;
    LineRule* rule = nullptr; // the rule whose clause this is: its period, aggregates, `paid via`
    bool in_rate = false;     // a rule's `rate`: the one place for period aggregates
    Type base = {};           // the rule's base, for graduated tiers

    // The same place, inside the rule's `rate`, whose base is `base_type`.
    [[nodiscard]] Where in_rate_with(Type base_type) const {
        Where w = *this;
        w.in_rate = true;
        w.base = base_type;
        return w;
    }
};

} // namespace accrue::checking
