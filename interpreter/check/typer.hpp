// The types of expressions (docs/language.md, "Types"): every expression gets
// one, names and fields are resolved (Expr::ref, Expr::field, Expr::set),
// and mixed units are refused before anything is evaluated.
#pragma once

#include "interpreter/check/where.hpp"
#include "interpreter/diagnostics/reporter.hpp"

#include <map>
#include <string>

namespace accrue::checking {

class Typer {
  public:
    // `needs` learns what the walk must keep for the expressions typed.
    Typer(Reporter& reporter, const std::map<std::string, const NamedSet*>& sets,
          const Type& payout, ProgramNeeds& needs, const Program& program)
        : reporter_(reporter), sets_(sets), payout_(payout), needs_(needs), fields_(program.fields),
          program_(program) {}

    // The expression's type (also stored in e.type); invalid after an error.
    Type type_of(Expr& e, const Where& where);
    // Reports unless `e` is of `kind` and always present.
    void expect(Expr& e, const Where& where, TypeKind kind, std::string_view what);
    // False (and reported) when a value may be absent where it is used.
    bool usable(const Expr& e, const Type& t, std::string_view operation);

  private:
    void error(SourcePos pos, std::string message, std::string hint = {}) {
        reporter_.error(pos, std::move(message), std::move(hint));
    }
    Type literal(const Expr& e);
    Type unary(Expr& e, const Where& where);
    Type membership(Expr& e, const Where& where);
    Type defaulted(Expr& e, const Where& where);
    Type conversion(Expr& e, const Where& where);
    Type payout_conversion(Expr& e, const Type& inner, const Where& where);
    Type call(Expr& e, const Where& where);
    Type calendar_time(Expr& e, const Where& where);
    Type active_customers(const Expr& e, const Where& where);
    // operators.cpp
    Type binary(Expr& e, const Where& where);
    Type logical(Expr& e, const Type& left, const Type& right);
    Type equality(Expr& e, const Type& left, const Type& right);
    Type ordering(Expr& e, const Type& left, const Type& right);
    Type additive(Expr& e, const Type& left, const Type& right);
    Type multiplicative(Expr& e, const Type& left, const Type& right);
    // closed_names.cpp: text compared with a field whose values are the
    // program's own names (`commission.rule`, `partner.role`) or a closed
    // list (a status, a currency code) must be one of them.
    void compared_text(const Expr& e);
    void closed_text(const Expr& field, const Expr& text);
    // names.cpp
    Type field(Expr& e, const Where& where);
    Type period_field(Expr& e, const Where& where);
    Type declared_field(Expr& e, const FieldDeclaration& field, const Where& where);
    Type name(Expr& e, const Where& where);
    Type aggregate(Expr& e, const Where& where);
    Type customer_sum(Expr& e, const Where& where);

    Reporter& reporter_;
    const std::map<std::string, const NamedSet*>& sets_;
    Type payout_; // invalid when the header's currency is
    ProgramNeeds& needs_;
    const std::vector<FieldDeclaration>& fields_; // `field OBJECT.NAME: TYPE`
    const Program& program_;                      // its rules and roles, for closed_text
};

} // namespace accrue::checking
