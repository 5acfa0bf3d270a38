// Diagnostics as the protocol publishes them, their quick fixes, and the
// document's symbols.
#include "lsp/features.hpp"

namespace accrue::lsp {
namespace {

constexpr int severity_error = 1;

// The replacement a hint proposes: "did you mean `payment.amount`?".
std::optional<std::string> suggestion(const std::string& hint) {
    constexpr std::string_view lead = "did you mean `";
    const std::size_t at = hint.find(lead);
    if (at == std::string::npos) {
        return std::nullopt;
    }
    const std::size_t begin = at + lead.size();
    const std::size_t end = hint.find('`', begin);
    return end == std::string::npos ? std::nullopt
                                    : std::optional<std::string>(hint.substr(begin, end - begin));
}

// A diagnostic of another file (a library) is shown at the top of this one.
bool in_document(const Document& d, const Diagnostic& diagnostic) {
    return diagnostic.file.empty() || diagnostic.file == d.path;
}

json one_diagnostic(const Document& d, const LineIndex& lines, const Diagnostic& x) {
    const bool here = in_document(d, x);
    json j = {{"range", lines.range(here ? x.pos : SourcePos{1, 1, 1})},
              {"severity", severity_error},
              {"source", "accrue"},
              {"message", (here ? "" : x.file + ": ") + x.message +
                              (x.hint.empty() ? "" : "\nhint: " + x.hint)}};
    if (!x.related.empty() && here) {
        json related = json::array();
        for (const Related& r : x.related) {
            related.push_back({{"location", {{"uri", d.uri}, {"range", lines.range(r.pos)}}},
                               {"message", r.message}});
        }
        j["relatedInformation"] = related;
    }
    return j;
}

json symbol(const std::string& name, int kind, const LineIndex& lines, const SourcePos& pos) {
    return {{"name", name},
            {"kind", kind},
            {"range", lines.range(pos)},
            {"selectionRange", lines.range(pos)}};
}

} // namespace

json diagnostics(const Document& d, const LineIndex& lines) {
    json list = json::array();
    for (const Diagnostic& x : d.analysis.diagnostics) {
        list.push_back(one_diagnostic(d, lines, x));
    }
    return list;
}

json code_actions(const Document& d, const LineIndex& lines, std::size_t line_from,
                  std::size_t line_to) {
    json actions = json::array();
    for (const Diagnostic& x : d.analysis.diagnostics) {
        const auto fix = suggestion(x.hint);
        const std::size_t line = x.pos.line == 0 ? 0 : x.pos.line - 1;
        if (!fix || !in_document(d, x) || line < line_from || line > line_to) {
            continue;
        }
        json edit = {
            {"changes",
             {{d.uri, json::array({{{"range", lines.range(x.pos)}, {"newText", *fix}}})}}}};
        actions.push_back({{"title", "Replace with `" + *fix + "`"},
                           {"kind", "quickfix"},
                           {"isPreferred", true},
                           {"diagnostics", json::array({one_diagnostic(d, lines, x)})},
                           {"edit", edit}});
    }
    return actions;
}

json document_symbols(const Document& d, const LineIndex& lines) {
    // LSP SymbolKind values.
    constexpr int kind_field = 8, kind_function = 12, kind_constant = 14, kind_array = 18,
                  kind_event = 24;
    json symbols = json::array();
    if (!d.analysis.program) {
        return symbols;
    }
    const Program& p = *d.analysis.program;
    for (const NamedSet& s : p.sets) {
        symbols.push_back(symbol(s.name.name, kind_array, lines, s.name.pos));
    }
    for (const FieldDeclaration& f : p.fields) {
        symbols.push_back(symbol(f.object.name + "." + f.name.name, kind_field, lines, f.name.pos));
    }
    for (const ExclusionList& list : p.exclusions) {
        for (const Exclusion& e : list.items) {
            symbols.push_back(symbol(e.name.name, kind_constant, lines, e.name.pos));
        }
    }
    for (const LineRule& r : p.rules) {
        symbols.push_back(symbol(r.name.name, kind_function, lines, r.name.pos));
    }
    for (const ClawbackRule& c : p.clawbacks) {
        symbols.push_back(symbol(c.name.name, kind_event, lines, c.name.pos));
    }
    if (p.withdrawal && !p.withdrawal->implied) { // implied checks are not written here
        for (const Check& c : p.withdrawal->checks) {
            symbols.push_back(symbol(c.name.name, kind_constant, lines, c.name.pos));
        }
    }
    return symbols;
}

} // namespace accrue::lsp
