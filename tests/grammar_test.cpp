// PEGTL's analyze: no rule of the grammar can loop without consuming input.
#include "grammar/program.hpp"

#include <catch2/catch.hpp>
#include <tao/pegtl/contrib/analyze.hpp>

TEST_CASE("the grammar has no rule that loops without consuming input", "[grammar]") {
    CHECK(tao::pegtl::analyze<accrue::grammar::program_file>(1) == 0);
}
