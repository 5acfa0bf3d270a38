// From parse tree to AST: one function per kind of node.
#pragma once

#include "grammar/parse_tree.hpp"

#include <utility>
#include <vector>

namespace accrue::grammar {

// A library of stdlib/, parsed: its definitions by name.
struct Library {
    std::vector<NamedSet> sets;
    std::vector<std::pair<std::string, ExprPtr>> exclusions;
    std::vector<std::pair<std::string, ExprPtr>> checks;
};

class Builder {
  public:
    explicit Builder(Program& program) : program_(program) {}

    void build_file(const Node& root);
    Library build_library(const Node& root);

  private:
    // build_expressions.cpp
    ExprPtr expr(const Node& n);
    ExprPtr joined(const Node& n, Operator op); // a or b or c; a and b and c
    ExprPtr literal(const Node& n);
    ExprPtr aggregate(const Node& n);
    ExprPtr unary(const Node& n, Operator op);
    ExprPtr compared(const Node& n);
    ExprPtr defaulted_value(const Node& n);
    ExprPtr arithmetic(const Node& n);
    ExprPtr conversions(const Node& n);
    ExprPtr function_call(const Node& n);
    ExprPtr field(const Node& n);
    // build_declarations.cpp
    void set(const Node& n);
    void attribution(const Node& n);
    void exclusions(const Node& n);
    void clawback(const Node& n);
    void benefits(const Node& n);
    void withdrawal(const Node& n);
    Rate rate(const Node& clause);
    std::vector<Named> roles(const Node& filter);
    void declaration(const Node& n);
    LineRule build_rule(const Node& n);
    void rule_clause(LineRule& rule, const Node& clause);
    TermsVersion build_version(const LineRule& rule, const Node& version,
                               const std::vector<const Node*>& rule_clauses);

    static ExprPtr make(ExprKind kind, const Node& n) {
        auto e = std::make_unique<Expr>();
        e->kind = kind;
        e->pos = pos_of(n);
        return e;
    }
    static ExprPtr binary(Operator op, ExprPtr left, ExprPtr right, SourcePos pos) {
        auto e = std::make_unique<Expr>();
        e->kind = ExprKind::binary;
        e->op = op;
        e->pos = pos;
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        return e;
    }

    Program& program_;
};

} // namespace accrue::grammar
