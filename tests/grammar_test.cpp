// PEGTL's analyze: no rule of the grammar can loop without consuming input;
// and every recursion of the grammar passes through a bracket or a prefix
// construct that the nesting limit counts (grammar::prefix_rules).
#include "grammar/program.hpp"

#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>
#include <tao/pegtl/demangle.hpp>
#include <tao/pegtl/visit.hpp>

#include <map>
#include <set>
#include <string_view>

namespace {

namespace grammar = accrue::grammar;
using Graph = std::map<std::string_view, std::set<std::string_view>>;

template <typename Rule> struct Edges {
    template <typename... Subs>
    static void add(Graph& graph, tao::pegtl::type_list<Subs...> /*subs*/) {
        auto& to = graph[tao::pegtl::demangle<Rule>()];
        (to.insert(tao::pegtl::demangle<Subs>()), ...);
    }
    static void visit(Graph& graph) { add(graph, typename Rule::subs_t{}); }
};

template <typename... Rules> std::set<std::string_view> names(tao::pegtl::type_list<Rules...>) {
    return {tao::pegtl::demangle<Rules>()...};
}

// A rule that reaches itself, not passing through any of `cut`.
std::optional<std::string_view> a_cycle(const Graph& graph, const std::set<std::string_view>& cut) {
    std::map<std::string_view, int> state; // 1: on the path, 2: done
    std::optional<std::string_view> found;
    const auto walk = [&](auto&& self, std::string_view rule) -> void {
        state[rule] = 1;
        for (const std::string_view next : graph.at(rule)) {
            if (found || cut.contains(next) || state[next] == 2) {
                continue;
            }
            if (state[next] == 1) {
                found = next;
                return;
            }
            self(self, next);
        }
        state[rule] = 2;
    };
    for (const auto& [rule, to] : graph) {
        if (!found && !cut.contains(rule) && state[rule] == 0) {
            walk(walk, rule);
        }
    }
    return found;
}

} // namespace

TEST_CASE("the grammar has no rule that loops without consuming input", "[grammar]") {
    CHECK(tao::pegtl::analyze<grammar::program_file>(1) == 0);
}

TEST_CASE("every recursion of the grammar is a bracket or a counted prefix construct",
          "[grammar][reliability]") {
    Graph graph;
    tao::pegtl::visit<grammar::program_file, Edges>(graph);
    tao::pegtl::visit<grammar::library_file, Edges>(graph);
    const std::set<std::string_view> brackets =
        names(tao::pegtl::type_list<grammar::parenthesized, grammar::call_arguments,
                                    grammar::set_literal>{});
    const std::set<std::string_view> prefixes = names(grammar::prefix_rules{});
    std::set<std::string_view> cut = brackets;
    cut.insert(prefixes.begin(), prefixes.end());
    // A new construct that recurses without a bracket and is not in
    // prefix_rules shows up here: add it there, with its PrefixWords.
    const auto uncounted = a_cycle(graph, cut);
    CHECK(uncounted.value_or("none") == "none");
    // Each listed prefix rule is recursive: without it cut, a cycle appears.
    for (const std::string_view prefix : prefixes) {
        INFO(prefix);
        std::set<std::string_view> without = cut;
        without.erase(prefix);
        CHECK(a_cycle(graph, without).has_value());
    }
}
