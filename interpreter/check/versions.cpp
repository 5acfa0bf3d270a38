// Versioned terms (docs/language.md, "Versioned terms"): each version's
// clauses are checked like the rule's own; its days exist, and the versions
// are in order without overlapping.
#include "interpreter/check/declarations.hpp"

#include <fmt/format.h>

namespace accrue::checking {
namespace {

// `terms from A [to B]` as instants; nullopt (reported) when a day does not exist.
struct Days {
    LocalDate first;
    std::optional<LocalDate> last;
};

std::optional<Days> days_of(const TermsVersion& v, Reporter& reporter) {
    const auto first = parse_iso_date(v.first_day.name);
    if (!first) {
        reporter.error(v.first_day.pos, fmt::format("there is no day {}", v.first_day.name));
        return std::nullopt;
    }
    if (!v.last_day) {
        return Days{*first, std::nullopt};
    }
    const auto last = parse_iso_date(v.last_day->name);
    if (!last) {
        reporter.error(v.last_day->pos, fmt::format("there is no day {}", v.last_day->name));
        return std::nullopt;
    }
    if (*last < *first) {
        reporter.error(v.last_day->pos, fmt::format("the terms end on {}, before they begin on {}",
                                                    v.last_day->name, v.first_day.name));
        return std::nullopt;
    }
    return Days{*first, last};
}

void check_order(const TermsVersion& v, const TermsVersion& previous, Reporter& reporter) {
    if (v.from < previous.from) {
        reporter.error(v.first_day.pos,
                       fmt::format("the terms from {} are listed after the terms from {} (line {})",
                                   v.first_day.name, previous.first_day.name,
                                   previous.first_day.pos.line),
                       "list the versions of a rule's terms from the earliest");
    } else if (v.from == previous.from) {
        reporter.error(v.first_day.pos,
                       fmt::format("two versions of the terms begin on {} (the other on line {})",
                                   v.first_day.name, previous.first_day.pos.line),
                       "give each version its own first day");
    } else if (previous.until && *previous.until > v.from) {
        reporter.error(v.first_day.pos,
                       fmt::format("the terms from {} overlap the terms from {} to {} (line {})",
                                   v.first_day.name, previous.first_day.name,
                                   previous.last_day->name, previous.first_day.pos.line),
                       "end the earlier version before this one begins, or drop its `to`");
    }
}

} // namespace

void Declarations::versions(LineRule& r, const Where& where) {
    const TermsVersion* previous = nullptr;
    for (TermsVersion& v : r.versions) {
        if (v.rule_only_clause) {
            error(v.rule_only_clause->pos,
                  fmt::format("`{}` belongs to the whole rule, not to one version of its terms",
                              v.rule_only_clause->name),
                  "move it above the rule's first `terms from`");
        }
        terms(v.terms, where);
        const auto days = days_of(v, reporter_);
        if (!days || !zone_) {
            continue; // reported, or the header's error says why
        }
        v.from = zone_->start_of(days->first);
        if (days->last) {
            v.until = zone_->start_of(add_days(*days->last, 1));
        }
        if (previous != nullptr) {
            check_order(v, *previous, reporter_);
        }
        previous = &v;
    }
}

} // namespace accrue::checking
