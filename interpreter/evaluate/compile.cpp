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

} // namespace

void compile_expressions(Program& program) {
    for_each_root(program, [](ExprPtr& root) { compile(root.get()); });
}

} // namespace accrue
