// `field OBJECT.NAME: TYPE`: the extra fields a program reads, on a record
// type that has them, not fields of the ledger contract, each declared once.
#include "interpreter/check/declarations.hpp"

#include <fmt/format.h>

namespace accrue::checking {
namespace {

// A key the ledger contract lists for that record, or a field programs read
// on that object: neither needs a declaration.
bool in_contract(const FieldDeclaration& f, RecordType record) {
    for (const LedgerField& field : ledger_fields()) {
        if ((field.stored() && field.record == record && field.key == f.name.name) ||
            (field.object == f.object.name && field.name == f.name.name)) {
            return true;
        }
    }
    return false;
}

} // namespace

void Declarations::declared_fields() {
    std::map<std::string, SourcePos> seen;
    for (FieldDeclaration& f : program_.fields) {
        const std::string path = f.object.name + "." + f.name.name;
        const auto record = record_of_object(f.object.name);
        if (!record) {
            error(f.object.pos,
                  fmt::format("`{}` has no extra fields: they are declared on payment, signup, "
                              "refund, request or partner",
                              f.object.name));
            continue;
        }
        if (in_contract(f, *record)) {
            error(f.name.pos,
                  fmt::format("`{}` is a field of the ledger contract: it needs no declaration",
                              path),
                  "remove this line; docs/language.md gives its type");
            continue;
        }
        if (const auto [first, inserted] = seen.emplace(path, f.name.pos); !inserted) {
            reporter_.error(f.name.pos, fmt::format("`{}` is declared twice", path),
                            "keep one declaration, with the type the ledger has",
                            {Related{first->second, "the first declaration"}});
            continue;
        }
        if (f.type != ExtraType::money && f.currency_name) {
            error(f.currency_name->pos, "only money has a currency");
        } else if (f.type == ExtraType::money && f.currency_name) {
            f.currency = currency_named(*f.currency_name).value_or(Currency{});
        } else if (f.type == ExtraType::money && *record != RecordType::payment &&
                   *record != RecordType::refund) {
            error(f.pos,
                  fmt::format("say the currency of `{}`: a {} has none", path, f.object.name),
                  fmt::format("such as `field {}: money USD`", path));
        }
    }
}

} // namespace accrue::checking
