#include "interpreter/evaluate/compile.hpp"

#include "interpreter/evaluate/expression.hpp"

namespace accrue {
namespace {

// A literal's value; a set name's is its set.
Value constant_of(const Expr& e) {
    Value v;
    if (e.ref == Ref::set_name) {
        v.kind = Value::Kind::set;
        v.items = &e.set->items;
        return v;
    }
    switch (e.kind) {
    case ExprKind::number:
    case ExprKind::percent:
        return Value::of_number(e.number);
    case ExprKind::money:
        return Value::of_money(e.number, e.currency);
    case ExprKind::duration:
        v.kind = Value::Kind::duration;
        v.micros = e.duration.micros;
        return v;
    case ExprKind::calendar:
        v.kind = Value::Kind::calendar;
        v.micros = e.months;
        return v;
    case ExprKind::text:
        return Value::of_text(e.text);
    case ExprKind::boolean:
        return Value::of_bool(e.boolean);
    case ExprKind::set:
        v.kind = Value::Kind::set;
        v.items = &e.items;
        return v;
    default:
        return v; // not a constant
    }
}

// Arguments first: a node's function may look at its arguments' constants.
void compile(Expr* e) {
    if (e == nullptr) {
        return;
    }
    for (const ExprPtr& a : e->args) {
        compile(a.get());
    }
    e->constant = constant_of(*e);
    e->evaluate = evaluator_of(*e);
}

void compile(std::optional<Rate>& rate) {
    if (!rate) {
        return;
    }
    compile(rate->fixed.get());
    for (RateCase& c : rate->cases) {
        compile(c.rate.get());
        compile(c.condition.get());
    }
    compile(rate->metric.get());
    for (Tier& tier : rate->tiers) {
        compile(tier.from.get());
        compile(tier.to.get());
        compile(tier.rate.get());
    }
}

void compile(LineRule& rule) {
    compile(rule.when.get());
    compile(rule.base.get());
    compile(rule.rate);
    compile(rule.amount.get());
    compile(rule.amount_by);
    compile(rule.available_at.get());
    if (rule.period) {
        compile(rule.period->anchor.get());
    }
    for (TermsVersion& version : rule.versions) {
        compile(version.terms);
    }
}

} // namespace

void compile_expressions(Program& program) {
    for (ExclusionList& list : program.exclusions) {
        for (Exclusion& exclusion : list.items) {
            compile(exclusion.condition.get());
        }
    }
    for (LineRule& rule : program.rules) {
        compile(rule);
    }
    for (ClawbackRule& clawback : program.clawbacks) {
        compile(clawback.condition.get());
    }
    if (program.withdrawal) {
        for (Check& check : program.withdrawal->checks) {
            compile(check.condition.get());
        }
        compile(program.withdrawal->due_by.get());
    }
    for (Benefits& benefits : program.benefits) {
        for (Benefit& benefit : benefits.items) {
            compile(benefit.condition.get());
        }
    }
}

} // namespace accrue
