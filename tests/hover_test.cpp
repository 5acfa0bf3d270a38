// Hover in the editor: every word of the language says what it is (issue 27,
// item 8): names the language defines, units, currency codes, literals,
// attribution models, and the program's own exclusions and checks.
#include "lsp/features.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

using namespace accrue;
using namespace accrue::test;

namespace {

const std::string program_text = R"(program hover
  currency EUR
  time zone "UTC"
  roles referral
  import standard

attribution
  last click within 30 days
  promo code

exclusions
  no_partner from standard
  small when payment.amount in EUR < 5.00 EUR

commission share on payment
  base payment.amount in EUR
  rate by paying_customers
    from 0 to 9: 10%
    from 10:     15%
  available at payment.at + 30 days

withdrawal
  check positive_amount from standard
  check min_balance: balance > 50.00 EUR
)";

// The hover text at the first occurrence of `word` (after `after`, if given).
std::string hover_at(const std::string& word, const std::string& after = "") {
    const lsp::Document d = lsp::open_document("file:///tmp/hover.accrue", program_text);
    REQUIRE(d.analysis.diagnostics.empty());
    const std::size_t offset = program_text.find(word, program_text.find(after));
    REQUIRE(offset != std::string::npos);
    const lsp::LineIndex lines(program_text, lsp::Encoding::utf16);
    const nlohmann::json result = lsp::hover(d, lines, offset);
    return result.is_null() ? "" : result["contents"]["value"].get<std::string>();
}

} // namespace

TEST_CASE("hover on the words of the language", "[lsp][hover]") {
    CHECK_THAT(hover_at("paying_customers"),
               Catch::StartsWith("`paying_customers`: the partner's distinct customers"));
    CHECK_THAT(hover_at("days", "available"),
               Catch::StartsWith("a duration: N days are N x 24 hours exactly"));
    CHECK_THAT(hover_at("click"), Catch::Contains("`last click within W`"));
    CHECK_THAT(hover_at("promo"), Catch::StartsWith("attribution model `promo code`"));
    CHECK(hover_at("EUR", "base") == "`EUR`: an ISO 4217 currency, 2 minor digits: money is "
                                     "written `30.00 EUR`, exact to the minor unit");
    CHECK_THAT(hover_at("5.00"), Catch::StartsWith("money: 5.00 EUR, an exact decimal"));
    CHECK(hover_at("10%", "from 0") == "a percent: 10% is 10 / 100, exact");
    CHECK_THAT(hover_at("balance >"), Catch::StartsWith("`balance`: the partner's balance"));
}

TEST_CASE("hover on the program's own exclusions and checks", "[lsp][hover]") {
    CHECK(hover_at("small") == "exclusion: a payment it holds for is excluded with this reason "
                               "`small` (line 13):\n\n```accrue\nsmall when payment.amount in EUR "
                               "< 5.00 EUR\n```");
    CHECK_THAT(hover_at("min_balance"),
               Catch::StartsWith("withdrawal check: every request and the as-of eligibility list "
                                 "it `min_balance` (line 24)"));
    CHECK_THAT(hover_at("positive_amount"),
               Catch::StartsWith("`positive_amount` from library `standard`"));
}
