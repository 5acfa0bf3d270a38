// Completion: fields after `payment.` (those readable where the cursor is),
// and elsewhere the program's sets, rules and roles, currency codes and
// keywords.
#include "lsp/features.hpp"

#include "interpreter/ledger/fields.hpp"
#include "interpreter/values/currency.hpp"
#include "lsp/keywords.hpp"

#include <cctype>

namespace accrue::lsp {
namespace {

// LSP CompletionItemKind values.
constexpr int kind_field = 5;
constexpr int kind_variable = 6;
constexpr int kind_function = 3;
constexpr int kind_keyword = 14;
constexpr int kind_constant = 21;

// The declaration the cursor is in: the last line before it that starts at
// column 0 decides which fields are readable.
Context context_at(std::string_view text, std::size_t offset) {
    std::size_t at = text.rfind('\n', offset == 0 ? 0 : offset - 1);
    while (true) {
        const std::size_t begin = at == std::string_view::npos ? 0 : at + 1;
        const std::string_view line = text.substr(begin, text.find('\n', begin) - begin);
        if (!line.empty() && !std::isspace(static_cast<unsigned char>(line[0])) && line[0] != '#') {
            if (line.starts_with("exclusions")) {
                return Context::exclusion;
            }
            if (line.starts_with("withdrawal")) {
                return Context::withdrawal;
            }
            if (line.starts_with("clawback")) {
                return Context::refund;
            }
            if (line.starts_with("benefits")) {
                return Context::benefits;
            }
            return line.find(" on signup") != std::string_view::npos ? Context::signup
                                                                     : Context::payment;
        }
        if (begin == 0) {
            return Context::payment;
        }
        at = text.rfind('\n', begin - 2);
    }
}

json item(std::string_view label, int kind, std::string_view detail = {}) {
    json j = {{"label", label}, {"kind", kind}};
    if (!detail.empty()) {
        j["detail"] = detail;
    }
    return j;
}

json field_items(const Document& d, std::string_view object, Context context) {
    json items = json::array();
    for (const LedgerField& f : ledger_fields()) {
        if (f.object == object && f.readable_in(context)) {
            items.push_back(item(f.name, kind_field, f.meaning));
        }
    }
    if (d.analysis.program) {
        for (const FieldDeclaration& f : d.analysis.program->fields) {
            if (f.object.name == object) {
                items.push_back(item(f.name.name, kind_field, "declared extra field"));
            }
        }
    }
    return items;
}

} // namespace

json completion(const Document& d, std::size_t offset) {
    offset = std::min(offset, d.text.size());
    std::size_t begin = offset;
    while (begin > 0 && (std::isalnum(static_cast<unsigned char>(d.text[begin - 1])) ||
                         d.text[begin - 1] == '_' || d.text[begin - 1] == '.')) {
        --begin;
    }
    const std::string_view typed = std::string_view(d.text).substr(begin, offset - begin);
    if (const auto dot = typed.find('.'); dot != std::string_view::npos) {
        return {{"isIncomplete", false},
                {"items", field_items(d, typed.substr(0, dot), context_at(d.text, offset))}};
    }
    json items = json::array();
    if (!typed.empty() && std::isupper(static_cast<unsigned char>(typed[0]))) {
        for (const std::string_view code : Currency::codes()) {
            items.push_back(item(code, kind_constant, "currency"));
        }
        return {{"isIncomplete", false}, {"items", items}};
    }
    if (d.analysis.program) {
        const Program& p = *d.analysis.program;
        for (const NamedSet& s : p.sets) {
            items.push_back(item(s.name.name, kind_variable, "set"));
        }
        for (const LineRule& r : p.rules) {
            items.push_back(item(r.name.name, kind_function, line_kind_name(r.kind)));
        }
        for (const Named& role : p.header.roles) {
            items.push_back(item(role.name, kind_constant, "role"));
        }
    }
    for (const FieldObject& object : field_objects()) {
        items.push_back(item(object.name, kind_variable, object.meaning));
    }
    for (const Keyword& k : keywords()) {
        items.push_back(item(k.word, kind_keyword, k.meaning));
    }
    return {{"isIncomplete", false}, {"items", items}};
}

} // namespace accrue::lsp
