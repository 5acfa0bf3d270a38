#include "interpreter/ast/ast.hpp"

namespace accrue {

const char* operator_text(Operator op) {
    switch (op) {
    case Operator::add:
        return "+";
    case Operator::subtract:
        return "-";
    case Operator::multiply:
        return "*";
    case Operator::divide:
        return "/";
    case Operator::logical_and:
        return "and";
    case Operator::logical_or:
        return "or";
    case Operator::logical_not:
        return "not";
    case Operator::negate:
        return "-";
    case Operator::equal:
        return "=";
    case Operator::not_equal:
        return "!=";
    case Operator::less:
        return "<";
    case Operator::less_equal:
        return "<=";
    case Operator::greater:
        return ">";
    case Operator::greater_equal:
        return ">=";
    }
    return "?";
}

const char* line_kind_name(LineKind kind) {
    switch (kind) {
    case LineKind::commission:
        return "commission";
    case LineKind::clawback:
        return "clawback";
    case LineKind::discount:
        return "discount";
    case LineKind::welcome_bonus:
        return "welcome_bonus";
    case LineKind::customer_bonus:
        return "customer_bonus";
    }
    return "commission";
}

} // namespace accrue

namespace accrue {

const TermsVersion* LineRule::version_at(Instant at) const {
    // The checks keep versions in order and apart: the last one begun is the
    // only candidate.
    for (auto it = versions.rbegin(); it != versions.rend(); ++it) {
        if (it->from <= at) {
            return it->until && at >= *it->until ? nullptr : &*it;
        }
    }
    return nullptr;
}

} // namespace accrue
