// Text compared with a field whose values form a closed set: the rule names
// of the program (`commission.rule`), its roles (`partner.role`), a field's
// fixed choices (`signup.via`, `payment.paid_by`) and currency codes. A
// literal outside the set makes a condition that can never hold (a typo in
// `commission.rule = "bounty_"` silently never applies its clawback): it is
// an error, with did-you-mean.
#include "interpreter/check/typer.hpp"
#include "interpreter/diagnostics/suggest.hpp"
#include "interpreter/ledger/fields.hpp"
#include "interpreter/values/currency.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <optional>

namespace accrue::checking {
namespace {

struct ClosedSet {
    std::string what; // "a rule", "a role", ...
    std::vector<std::string> names;
    bool currency_codes = false; // any ISO 4217 code (too many to list)
};

std::optional<ClosedSet> closed_set_of(const Expr& field, const Program& program) {
    if (field.ref != Ref::field || field.field == nullptr) {
        return std::nullopt;
    }
    const LedgerField& f = *field.field;
    if (f.object == "commission" && f.name == "rule") {
        ClosedSet set{"a rule of this program", {}};
        for (const LineRule& rule : program.rules) {
            set.names.push_back(rule.name.name);
        }
        return set;
    }
    if (f.decode == Decode::role) {
        ClosedSet set{"a role of this program", {}};
        for (const Named& role : program.header.roles) {
            set.names.push_back(role.name);
        }
        return set;
    }
    if (f.decode == Decode::choice) {
        return ClosedSet{fmt::format("a value of `{}.{}`", f.object, f.name),
                         {f.choices.begin(), f.choices.end()}};
    }
    if (f.decode == Decode::currency || f.decode == Decode::payout_currency ||
        f.decode == Decode::usd) {
        return ClosedSet{"an ISO 4217 currency code", {}, true};
    }
    return std::nullopt;
}

bool holds(const ClosedSet& set, const std::string& text) {
    if (set.currency_codes) {
        return Currency::from_code(text).has_value();
    }
    return std::find(set.names.begin(), set.names.end(), text) != set.names.end();
}

std::string hint_for(const ClosedSet& set, const std::string& text) {
    std::vector<std::string> candidates = set.names;
    if (set.currency_codes) {
        std::string upper = text;
        std::transform(upper.begin(), upper.end(), upper.begin(),
                       [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
        return Currency::from_code(upper) ? fmt::format("did you mean \"{}\"?", upper)
                                          : "currency codes are upper case, such as \"USD\"";
    }
    if (const std::string near = closest(text, candidates); !near.empty()) {
        return fmt::format("did you mean \"{}\"?", near);
    }
    return candidates.empty() ? std::string()
                              : fmt::format("it is one of: {}", fmt::join(candidates, ", "));
}

} // namespace

void Typer::closed_text(const Expr& compared, const Expr& text) {
    const Expr* field = &compared;
    while (field->kind == ExprKind::defaulted) { // `partner.role default "x" = "y"`
        field = field->args[0].get();
    }
    const auto set = closed_set_of(*field, program_);
    if (!set) {
        return;
    }
    const auto check = [&](const std::string& value, SourcePos pos) {
        if (!holds(*set, value)) {
            error(pos,
                  fmt::format("\"{}\" is not {}, so this comparison never holds", value, set->what),
                  hint_for(*set, value));
        }
    };
    if (text.kind == ExprKind::text) {
        check(text.text, text.pos);
    } else if (text.kind == ExprKind::set) {
        for (const std::string& item : text.items) {
            check(item, text.pos);
        }
    } else if (text.ref == Ref::set_name && text.set != nullptr) {
        for (const std::string& item : text.set->items) {
            check(item, text.pos);
        }
    }
}

void Typer::compared_text(const Expr& e) {
    const Expr& left = *e.args[0];
    const Expr& right = *e.args[1];
    closed_text(left, right);
    if (e.kind == ExprKind::binary) { // `"bounty" = commission.rule` too
        closed_text(right, left);
    }
}

} // namespace accrue::checking
