// Long texts in every arena the reader and the walk use (reliability issue,
// second pass): a text longer than a quarter block gets a block of its own,
// and was once written over by the short texts after it when it was the
// first text of an empty arena. Each arena is tested with texts at, just
// under and just over each threshold, first in an empty arena and after
// others; each ledger read (whole, and streamed in blocks of one record)
// with long partner, payment, customer and visitor ids.
#include "support.hpp"

#include "cli/pipeline.hpp"
#include "interpreter/evaluate/evaluate.hpp"
#include "interpreter/ledger/customer_keys.hpp"
#include "interpreter/ledger/text_arena.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

using namespace accrue;
using namespace accrue::test;
using nlohmann::json;

namespace {

// A text of `length` bytes that differs from any other length's.
std::string text_of_length(std::size_t length, char seed) {
    std::string text(length, seed);
    for (std::size_t i = 0; i < length; i += 7) {
        text[i] = static_cast<char>('a' + (i / 7 + length) % 26);
    }
    return text;
}

// The lengths around an arena's thresholds: a quarter block (the longest
// text that shares a block) and a whole block.
std::vector<std::size_t> lengths_around(std::size_t block) {
    const std::size_t quarter = block / 4;
    return {1, quarter - 1, quarter, quarter + 1, block - 1, block, block + 1, 3 * block};
}

// Stores `first`, then enough short texts to fill several blocks, then
// `first` again, then more short texts; every copy must still read back.
template <typename Store> void check_arena(std::size_t block, Store&& store) {
    for (const std::size_t first : lengths_around(block)) {
        INFO("first text of " << first << " bytes");
        std::vector<std::pair<std::string, std::string_view>> kept;
        const auto keep = [&](std::string text) {
            const std::string_view copy = store(text);
            kept.emplace_back(std::move(text), copy);
        };
        keep(text_of_length(first, 'x'));
        for (std::size_t i = 0; i < 3 * block / 10; ++i) {
            keep(text_of_length(10, static_cast<char>('A' + i % 26)));
        }
        keep(text_of_length(first, 'y'));
        for (const std::size_t length : lengths_around(block)) {
            keep(text_of_length(length, 'z'));
            keep(text_of_length(3, 'w'));
        }
        for (const auto& [text, copy] : kept) {
            REQUIRE(copy == text);
        }
    }
}

} // namespace

TEST_CASE("an arena keeps long texts apart from the block it fills", "[reliability][arena]") {
    SECTION("a small BlockArena") {
        BlockArena<char, 64> arena;
        check_arena(64, [&](const std::string& text) {
            return std::string_view(arena.store(text.data(), text.size()), text.size());
        });
    }
    SECTION("TextArena (records' texts, kept texts, visitors, interned sources)") {
        TextArena arena;
        check_arena(TextArena::block_bytes,
                    [&](const std::string& text) { return arena.copy(text); });
    }
    SECTION("CustomerKeys (a key after its length)") {
        CustomerKeys keys;
        check_arena(TextArena::block_bytes, [&](const std::string& text) {
            keys.push_back(text);
            return keys[keys.size() - 1];
        });
    }
    SECTION("ViewArena (each record's run of text views)") {
        ViewArena arena;
        std::vector<std::pair<std::vector<std::string_view>, const std::string_view*>> kept;
        for (const std::size_t first : lengths_around(4096)) {
            for (const std::size_t count : {first, std::size_t{2}, std::size_t{5}, first}) {
                std::vector<std::string_view> views(count, "v");
                views.front() = "first";
                kept.emplace_back(views, arena.store(views.data(), views.size()));
            }
        }
        for (const auto& [views, copy] : kept) {
            REQUIRE(std::equal(views.begin(), views.end(), copy));
        }
    }
}

namespace {

const std::string program_text = R"(program long_ids
  currency USD
  time zone "Europe/Kyiv"
  roles referral

attribution
  first click within 30 days

commission retail on payment
  base payment.amount in USD
  rate
    10% when customer.status default "basic" != "basic"
    1%  otherwise
)";

// A partner, a click, a signup, a status and two payments, each id (and
// the visitor, customer and status) of `length` bytes, each record's first
// text. The status (interned by the walk) is not "basic": the rate is 10%.
std::vector<std::string> ledger_with_ids(std::size_t length) {
    const auto id = [&](char seed) { return text_of_length(length, seed); };
    return {
        fmt::format(R"({{"type":"partner","id":"{}","joined_at":"2024-01-01T00:00:00Z"}})",
                    id('a')),
        fmt::format(
            R"({{"type":"click","id":"{}","at":"2024-01-02T00:00:00Z","partner":"{}","visitor":"{}"}})",
            id('k'), id('a'), id('v')),
        fmt::format(
            R"({{"type":"signup","id":"{}","at":"2024-01-03T00:00:00Z","customer":"{}","visitor":"{}"}})",
            id('s'), id('c'), id('v')),
        fmt::format(
            R"({{"type":"status","id":"{}","at":"2024-01-04T00:00:00Z","customer":"{}","status":"{}"}})",
            id('t'), id('c'), id('g')),
        fmt::format(
            R"({{"type":"payment","id":"{}","at":"2024-01-10T12:00:00Z","customer":"{}","amount":"10.00","currency":"USD"}})",
            id('p'), id('c')),
        fmt::format(
            R"({{"type":"payment","id":"{}","at":"2024-01-11T12:00:00Z","customer":"{}","amount":"25.00","currency":"USD"}})",
            id('q'), id('c')),
    };
}

} // namespace

TEST_CASE("long ids as the first text of a block: whole read and streamed read",
          "[reliability][arena]") {
    const std::string program_path =
        (std::filesystem::temp_directory_path() / "long_ids.accrue").string();
    std::ofstream(program_path) << program_text;
    const Program program = load_program(program_path);
    for (const std::size_t length : {std::size_t{16383}, std::size_t{16384}, std::size_t{16385},
                                     std::size_t{65536}, std::size_t{65537}}) {
        INFO("ids of " << length << " bytes");
        const std::string path =
            write_ledger(fmt::format("long_ids_{}.jsonl", length), ledger_with_ids(length));
        // By hand: 10% of 10.00 and of 25.00 USD: 1.00 + 2.50 = 3.50 to the partner.
        const CliResult whole = run({"run", program_path, "--ledger", path, "--format", "json"});
        INFO(whole.err);
        REQUIRE(whole.exit_code == 0);
        const json report = json::parse(whole.out);
        REQUIRE(report["accruals"].size() == 2);
        CHECK(report["accruals"][0]["event"] == text_of_length(length, 'p'));
        CHECK(report["accruals"][0]["partner"] == text_of_length(length, 'a'));
        CHECK(report["accruals"][0]["amount"] == "1.00");
        CHECK(report["accruals"][1]["event"] == text_of_length(length, 'q'));
        CHECK(report["accruals"][1]["amount"] == "2.50");
        CHECK(report["partners"][0]["partner"] == text_of_length(length, 'a'));
        CHECK(report["partners"][0]["accrued"] == "3.50");

        // Streamed in blocks of one record: each long id starts its block,
        // and the block's arena is cleared between blocks.
        for (const std::size_t block_bytes : {std::size_t{0}, std::size_t{300}}) {
            LedgerRules rules = ledger_rules(program);
            if (block_bytes != 0) {
                rules.block_bytes = block_bytes;
            }
            EvaluationOptions options;
            options.keep_lines = false;
            Ledger ledger;
            const auto streamed = evaluate_streamed(program, ledger, path, rules, options);
            REQUIRE(streamed.has_value());
            const json totals = json::parse(
                render_report(*streamed, program, ledger, ReportOptions{ReportFormat::json, true}));
            CHECK(totals["partners"][0]["partner"] == text_of_length(length, 'a'));
            CHECK(totals["partners"][0]["accrued"] == "3.50");
        }
    }
}
