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

ExprPtr copy_at(const Expr& e, SourcePos pos) {
    auto copy = std::make_unique<Expr>();
    copy->kind = e.kind;
    copy->pos = pos;
    copy->op = e.op;
    copy->negated = e.negated;
    copy->to_payout = e.to_payout;
    copy->function = e.function;
    copy->number = e.number;
    copy->currency = e.currency;
    copy->duration = e.duration;
    copy->months = e.months;
    copy->span = e.span;
    copy->day = e.day;
    copy->boolean = e.boolean;
    copy->text = e.text;
    copy->member = e.member;
    copy->items = e.items;
    copy->depth = e.depth;
    for (const auto& arg : e.args) {
        copy->args.push_back(copy_at(*arg, pos));
    }
    return copy;
}

namespace {

void visit_rate(std::optional<Rate>& rate, const std::function<void(ExprPtr&)>& visit) {
    if (!rate) {
        return;
    }
    visit(rate->fixed);
    for (RateCase& c : rate->cases) {
        visit(c.rate);
        visit(c.condition);
    }
    visit(rate->metric);
    for (Tier& tier : rate->tiers) {
        visit(tier.from);
        visit(tier.to);
        visit(tier.rate);
    }
}

void visit_rule(LineRule& rule, const std::function<void(ExprPtr&)>& visit) {
    visit(rule.when);
    visit(rule.base);
    visit_rate(rule.rate, visit);
    visit(rule.amount);
    visit_rate(rule.amount_by, visit);
    visit(rule.available_at);
    if (rule.period) {
        visit(rule.period->anchor);
    }
    for (TermsVersion& version : rule.versions) {
        visit_rule(version.terms, visit);
    }
}

} // namespace

void for_each_root(Program& program, const std::function<void(ExprPtr&)>& visit) {
    for (ExclusionList& list : program.exclusions) {
        for (Exclusion& exclusion : list.items) {
            visit(exclusion.condition);
        }
    }
    for (LineRule& rule : program.rules) {
        visit_rule(rule, visit);
    }
    for (ClawbackRule& clawback : program.clawbacks) {
        visit(clawback.condition);
    }
    if (program.withdrawal) {
        for (Check& check : program.withdrawal->checks) {
            visit(check.condition);
        }
        visit(program.withdrawal->due_by);
    }
    for (Benefits& benefits : program.benefits) {
        for (Benefit& benefit : benefits.items) {
            visit(benefit.condition);
        }
    }
}

} // namespace accrue
