// The grammar's actions for the formatter. The rules stay free of actions
// (grammar/*.hpp); this file says, per rule, what it means for the layout.
#include "grammar/format/marks.hpp"

#include "grammar/errors.hpp"
#include "grammar/format/tokens.hpp"
#include "grammar/parse.hpp"

#include <algorithm>

namespace accrue::format {
namespace {

using namespace grammar;

// What the actions record as they go; turned into LayoutMarks at the end.
struct Recorder {
    const char* base = nullptr;
    LayoutMarks marks;
    std::vector<Span> terms_versions;
    std::vector<std::size_t> rate_cases;
    std::vector<std::size_t> rate_values;
    std::vector<std::size_t> case_conditions;
    std::vector<Span> rate_case_lists;
    std::vector<Span> expressions;
    // One-line declarations that follow each other without a blank line
    // (`field` lists): they stay together.
    std::vector<std::size_t> compact;

    template <typename Input> Span span(const Input& in) const {
        return {static_cast<std::size_t>(in.begin() - base),
                static_cast<std::size_t>(in.end() - base)};
    }
    template <typename Input> void line(const Input& in, int indent, bool declaration = false) {
        marks.line_starts[span(in).first] = LineStart{indent, declaration};
    }
};

template <typename Rule> struct action : tao::pegtl::nothing<Rule> {};

template <int Indent> struct starts_line {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.line(in, Indent);
    }
};

// Lines and their indents.
template <> struct action<program_line> : starts_line<0> {};
template <> struct action<kw_library> : starts_line<0> {};
template <> struct action<library_item> : starts_line<0> {};
template <> struct action<setting> : starts_line<2> {};
template <> struct action<attribution_model> : starts_line<2> {};
template <> struct action<exclusion> : starts_line<2> {};
template <> struct action<rule_clause> : starts_line<2> {};
template <> struct action<withdrawal_clause> : starts_line<2> {};
template <> struct action<benefit_item> : starts_line<2> {};
template <> struct action<clawback_condition> : starts_line<2> {};
template <> struct action<clawback_policy> : starts_line<2> {};
template <> struct action<tier> : starts_line<4> {};
struct compact_declaration {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.compact.push_back(r.span(in).first);
    }
};
template <> struct action<field_declaration> : compact_declaration {};
template <> struct action<parameter_declaration> : compact_declaration {};
template <> struct action<declaration> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        const std::size_t at = r.span(in).first;
        r.line(in, 0, std::find(r.compact.begin(), r.compact.end(), at) == r.compact.end());
    }
};
template <> struct action<terms_version> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.line(in, 2);
        r.terms_versions.push_back(r.span(in));
    }
};
template <> struct action<rate_case> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.line(in, 4);
        r.rate_cases.push_back(r.span(in).first);
    }
};

// Columns.
struct block {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.marks.align_blocks.push_back(r.span(in));
    }
};
struct column {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.marks.aligned.insert(r.span(in).first);
    }
};
template <> struct action<rate_cases> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.rate_case_lists.push_back(r.span(in));
        block::apply(in, r);
    }
};
template <> struct action<exclusion_items> : block {};
template <> struct action<tier_list> : block {};
template <> struct action<benefit_items> : block {};
template <> struct action<exclusion_body> : column {};
template <> struct action<otherwise_marker> : column {};
template <> struct action<benefit_when> : column {};
// The `when` of `10% when CONDITION` lines up.
template <> struct action<case_when> : column {};
template <> struct action<case_condition> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.case_conditions.push_back(r.span(in).first);
        r.expressions.push_back(r.span(in));
    }
};
template <> struct action<rate_value> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.rate_values.push_back(r.span(in).first);
        r.expressions.push_back(r.span(in));
    }
};

// Spacing inside expressions.
template <> struct action<minus_sign> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.marks.unary_minus.insert(r.span(in).first);
    }
};
template <> struct action<call> {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.marks.calls.insert(r.span(in).first);
    }
};
// Every rule that is an expression under another name.
struct records_expression {
    template <typename Input> static void apply(const Input& in, Recorder& r) {
        r.expressions.push_back(r.span(in));
    }
};
template <> struct action<expression> : records_expression {};
template <> struct action<exclusion_condition> : records_expression {};
template <> struct action<rate_metric> : records_expression {};
template <> struct action<period_anchor> : records_expression {};
template <> struct action<check_condition> : records_expression {};
template <> struct action<benefit_condition> : records_expression {};

bool inside(std::size_t offset, const Span& s) {
    return offset > s.first && offset < s.second;
}

LayoutMarks finish(Recorder& r) {
    LayoutMarks& m = r.marks;
    // A fixed rate (`rate 15%`) stays on the line of `rate`.
    for (const Span& list : r.rate_case_lists) {
        std::vector<std::size_t> cases;
        std::copy_if(r.rate_cases.begin(), r.rate_cases.end(), std::back_inserter(cases),
                     [&](std::size_t c) { return c >= list.first && c < list.second; });
        const bool conditional = std::any_of(m.aligned.begin(), m.aligned.end(),
                                             [&](std::size_t a) { return inside(a, list); });
        const bool has_condition = std::any_of(r.case_conditions.begin(), r.case_conditions.end(),
                                               [&](std::size_t c) { return inside(c, list); });
        if (cases.size() == 1 && !conditional && !has_condition) {
            m.line_starts.erase(cases.front());
        }
    }
    // A tier's rate lines up (a rate value that does not begin a case).
    for (const std::size_t v : r.rate_values) {
        if (std::find(r.rate_cases.begin(), r.rate_cases.end(), v) == r.rate_cases.end()) {
            m.aligned.insert(v);
        }
    }
    // Under `terms from`, a version's clauses go one step further in.
    for (auto& [offset, start] : m.line_starts) {
        for (const Span& version : r.terms_versions) {
            if (inside(offset, version)) {
                start.indent += 2;
            }
        }
    }
    std::sort(r.expressions.begin(), r.expressions.end(), [](const Span& a, const Span& b) {
        return a.first < b.first || (a.first == b.first && a.second > b.second);
    });
    for (const Span& e : r.expressions) {
        if (m.expressions.empty() || e.first >= m.expressions.back().second) {
            m.expressions.push_back(e);
        }
    }
    return std::move(r.marks);
}

bool is_library(std::string_view text) {
    for (const Token& t : tokenize(text)) {
        if (t.kind != Token::Kind::comment) {
            return t.text == "library";
        }
    }
    return false;
}

} // namespace

LayoutMarks layout_marks(const SourceFile& source) {
    check_limits(source);
    Recorder recorder;
    recorder.base = source.text.data();
    tao::pegtl::memory_input input(source.text, source.path);
    try {
        const bool parsed = is_library(source.text)
                                ? tao::pegtl::parse<library_file, action, control>(input, recorder)
                                : tao::pegtl::parse<program_file, action, control>(input, recorder);
        if (!parsed) {
            throw syntax_error(source, 0, "a program starts with `program NAME`");
        }
    } catch (const tao::pegtl::parse_error& error) {
        throw syntax_error(source, error.positions().front().byte, std::string(error.message()),
                           dynamic_cast<const grammar::mistake_error*>(&error) != nullptr);
    }
    return finish(recorder);
}

} // namespace accrue::format
