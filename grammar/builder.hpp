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
    ExprPtr expr(const Node& n);
    ExprPtr or_list(const Node& n);
    ExprPtr literal(const Node& n);
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
