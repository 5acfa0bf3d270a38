// From parse tree to AST: one function per kind of node.
#pragma once

#include "grammar/parse_tree.hpp"
#include "interpreter/diagnostics/reporter.hpp"

#include <algorithm>
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
    // What the parse tree cannot say: numbers out of range, expressions too
    // deep, a single-valued clause or declaration said twice.
    [[nodiscard]] bool has_errors() const { return !errors_.empty(); }
    // A literal's node (a parameter's value), as an expression.
    ExprPtr literal_value(const Node& n) { return build(n); }
    std::vector<Diagnostic> take_errors() { return errors_.take(); }

  private:
    void error(SourcePos pos, std::string message, std::string hint = {},
               std::vector<Related> related = {}) {
        errors_.error(pos, std::move(message), std::move(hint), std::move(related));
    }
    // A number literal, reported (as 0) when out of a Decimal's range.
    Decimal number(const Node& n, std::string_view text);
    // "30 days", reported (as 0) beyond limits::max_duration_days.
    Duration duration(const Node& n, std::string_view text);
    // A clause said twice among `children` (from `first`) is reported.
    void single_clauses(const Node& n, std::size_t first, std::string_view what);
    void single_declarations(const Node& root);
    void report_repeats(const std::vector<const Node*>& nodes, std::string_view what);

    // build_expressions.cpp
    ExprPtr expr(const Node& n);
    ExprPtr build(const Node& n);
    ExprPtr joined(const Node& n, Operator op); // a or b or c; a and b and c
    ExprPtr literal(const Node& n);
    ExprPtr aggregate(const Node& n);
    ExprPtr calendar(const Node& n);
    std::int64_t months(const Node& n, std::string_view text);
    int day_number(const Node& n);
    ExprPtr unary(const Node& n, Operator op);
    ExprPtr compared(const Node& n);
    ExprPtr defaulted_value(const Node& n);
    ExprPtr arithmetic(const Node& n);
    ExprPtr conversions(const Node& n);
    ExprPtr function_call(const Node& n);
    ExprPtr field(const Node& n);
    // build_declarations.cpp
    void set(const Node& n);
    void parameter(const Node& n);
    void attribution(const Node& n);
    void exclusions(const Node& n);
    void clawback(const Node& n);
    void benefits(const Node& n);
    void withdrawal(const Node& n);
    Rate rate(const Node& clause);
    void declared_field_of(const Node& n); // `field OBJECT.NAME: TYPE`
    void tiers(Rate& rate, const Node& tiers, std::size_t next);
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
        e->depth = 1 + std::max(left->depth, right->depth);
        e->args.push_back(std::move(left));
        e->args.push_back(std::move(right));
        return e;
    }
    // False (and reported once) when an expression nests deeper than the limit.
    bool shallow_enough(const Expr& e);

    Program& program_;
    Reporter errors_;
    bool reported_depth_ = false;
};

} // namespace accrue::grammar
