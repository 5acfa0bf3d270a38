// Regressions of the second reliability pass: each input here once crashed,
// took quadratic time, gave a year outside 0001-9999, a wrong figure, an
// unbounded read or a misleading message. Long texts are in
// long_texts_test.cpp, LSP frames in lsp_test.cpp.
#include "support.hpp"

#include "grammar/format/format.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/ledger/spool.hpp"

#include <catch2/catch.hpp>
#include <fmt/format.h>

#include <filesystem>

using namespace accrue;
using namespace accrue::test;
using nlohmann::json;

namespace {

std::string temp_path(const std::string& name) {
    return (std::filesystem::temp_directory_path() / name).string();
}

std::string write_program(const std::string& name, const std::string& text) {
    const std::string path = temp_path(name);
    std::ofstream(path, std::ios::binary) << text;
    return path;
}

std::string program_in(const std::string& zone, const std::string& body,
                       const std::string& currency = "USD") {
    return fmt::format("program p\n  currency {}\n  time zone \"{}\"\n  roles referral\n\n"
                       "attribution\n  signup link\n\n{}",
                       currency, zone, body);
}

// The mistakes of a program text; none when it loads.
std::vector<Diagnostic> mistakes_of(const std::string& text) {
    const SourceFile source{"p.accrue", text};
    try {
        Program program = parse_program(source);
        check_program(program, source);
    } catch (const ProgramError& error) {
        return error.diagnostics();
    }
    return {};
}

// The first mistake's message, or "" when it loads.
std::string first_error(const std::string& text) {
    const auto mistakes = mistakes_of(text);
    return mistakes.empty() ? "" : mistakes.front().message;
}

std::string repeated(const std::string& text, int times) {
    std::string out;
    for (int i = 0; i < times; ++i) {
        out += text;
    }
    return out;
}

} // namespace

TEST_CASE("every prefix construct counts toward the nesting limit", "[reliability][nesting]") {
    for (const std::string prefix : {"start of day of ", "start of month of ", "start of year of ",
                                     "the 10th on or after ", "sum of ", "not ", "- "}) {
        INFO(prefix);
        const bool condition = prefix == "not ";
        const auto program_with = [&](int depth) {
            const std::string operand = condition ? "true" : "payment.at";
            const std::string clause = condition ? "  when " : "  available at ";
            return program_in("UTC", "commission c on payment\n  base payment.amount in USD\n"
                                     "  rate 10%\n" +
                                         clause + repeated(prefix, depth) + operand + "\n");
        };
        for (const int depth : {65, 10000, 20000}) {
            const SourceFile source{"deep.accrue", program_with(depth)};
            CHECK_THROWS_WITH(parse_program(source),
                              Catch::Contains("operators nest more than 64 levels deep"));
            CHECK_THROWS_WITH(format_source(source),
                              Catch::Contains("operators nest more than 64 levels deep"));
        }
        // 64 levels are within the limit: whatever else is said, not that.
        CHECK_THAT(first_error(program_with(64)), !Catch::Contains("nest more than"));
    }
}

TEST_CASE("start of day, month and year before 0001 in a zone east of UTC is an error",
          "[reliability][years]") {
    // 0001-01-01T00:30:00Z is 09:48:59 in Tokyo (local mean time +09:18:59);
    // that day, month and year start at 0000-12-31T14:41:01Z, in the year 0000.
    const std::string ledger = write_ledger(
        "year_0001.jsonl",
        {R"({"type":"partner","id":"a1","joined_at":"0001-01-01T00:00:00Z"})",
         R"({"type":"signup","id":"s1","at":"0001-01-01T00:10:00Z","customer":"c1","partner":"a1"})",
         R"({"type":"payment","id":"p1","at":"0001-01-01T00:30:00Z","customer":"c1","amount":"10.00","currency":"USD"})"});
    for (const std::string span : {"day", "month", "year"}) {
        INFO(span);
        const std::string program = write_program(
            "year_0001.accrue",
            program_in("Asia/Tokyo", "commission c on payment\n  base payment.amount in USD\n"
                                     "  rate 10%\n  available at start of " +
                                         span + " of payment.at\n"));
        for (const char* totals : {"--format=json", "--totals"}) {
            const CliResult result = run({"run", program, "--ledger", ledger, totals});
            CHECK(result.exit_code == 2);
            CHECK(result.out.empty());
            CHECK_THAT(result.err, Catch::Contains("line 3: record \"p1\"") &&
                                       Catch::Contains("outside the years 0001 to 9999"));
        }
    }
}

TEST_CASE("a payday after 9999-12 is an error, in any zone", "[reliability][years]") {
    const std::string ledger = write_ledger(
        "year_9999.jsonl",
        {R"({"type":"partner","id":"a1","joined_at":"9999-01-01T00:00:00Z"})",
         R"({"type":"signup","id":"s1","at":"9999-01-01T00:10:00Z","customer":"c1","partner":"a1"})",
         R"({"type":"payment","id":"p1","at":"9999-12-20T00:00:00Z","customer":"c1","amount":"10.00","currency":"USD"})"});
    const std::string program = write_program(
        "year_9999.accrue", program_in("UTC", "commission c on payment\n  base payment.amount "
                                              "in USD\n  rate 10%\n  available at the 10th on "
                                              "or after payment.at\n"));
    const CliResult result = run({"run", program, "--ledger", ledger});
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("line 3: record \"p1\"") &&
                               Catch::Contains("outside the years 0001 to 9999"));
}

TEST_CASE("a declared time field is range-checked as `at` is", "[reliability][years]") {
    // 9999-12-31T23:59:59-01:00 is 10000-01-01T00:59:59Z.
    const std::string program =
        write_program("time_field.accrue",
                      program_in("UTC", "field payment.renews_at: time\n\ncommission c on payment\n"
                                        "  base payment.amount in USD\n  rate 10%\n"));
    const std::string ledger = write_ledger(
        "time_field.jsonl",
        {R"({"type":"partner","id":"a1","joined_at":"2024-01-01T00:00:00Z"})",
         R"({"type":"signup","id":"s1","at":"2024-01-02T00:00:00Z","customer":"c1","partner":"a1"})",
         R"({"type":"payment","id":"p1","at":"2024-01-10T12:00:00Z","customer":"c1","amount":"10.00","currency":"USD","renews_at":"9999-12-31T23:59:59-01:00"})"});
    const CliResult result = run({"run", program, "--ledger", ledger});
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("line 3: record \"p1\": field \"renews_at\": "
                                           "\"9999-12-31T23:59:59-01:00\" is outside the years "
                                           "0001 to 9999"));
}

TEST_CASE("diff of programs that pay in two currencies subtracts neither from the other",
          "[reliability][diff]") {
    // Old: 10% of 10.00 USD = 1.00 USD. New: 10.00 USD x 40 = 400.00 UAH, 10% = 40.00 UAH.
    const std::string usd = write_program(
        "diff_usd.accrue",
        program_in("UTC", "commission c on payment\n  base payment.amount in USD\n  rate 10%\n"));
    const std::string uah = write_program(
        "diff_uah.accrue",
        program_in("UTC", "commission c on payment\n  base payment.amount in UAH\n  rate 10%\n",
                   "UAH"));
    const std::string ledger = write_ledger(
        "diff_currencies.jsonl",
        {R"({"type":"partner","id":"a1","joined_at":"2024-01-01T00:00:00Z"})",
         R"({"type":"rate","at":"2024-01-01T00:00:00Z","base":"USD","quote":"UAH","rate":"40"})",
         R"({"type":"signup","id":"s1","at":"2024-01-02T00:00:00Z","customer":"c1","partner":"a1"})",
         R"({"type":"payment","id":"p1","at":"2024-01-10T12:00:00Z","customer":"c1","amount":"10.00","currency":"USD"})"});
    const CliResult result = run({"diff", usd, uah, "--ledger", ledger, "--format", "json"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    const json diff = json::parse(result.out);
    REQUIRE(diff["partners"].size() == 1);
    const json& partner = diff["partners"][0];
    CHECK(partner["accrued"]["old"] == "1.00");
    CHECK(partner["old_currency"] == "USD");
    CHECK(partner["accrued"]["new"] == "40.00");
    CHECK(partner["new_currency"] == "UAH");
    CHECK(partner["accrued"]["difference"].is_null());
    CHECK(partner["balance"]["difference"].is_null());
    CHECK_FALSE(partner.contains("currency"));
    // Each total in its own currency: USD 1.00 -> 0.00, UAH 0.00 -> 40.00.
    REQUIRE(diff["totals"].size() == 2);
    CHECK(diff["totals"][0]["currency"] == "UAH");
    CHECK(diff["totals"][0]["accrued"] ==
          json{{"old", "0.00"}, {"new", "40.00"}, {"difference", "+40.00"}});
    CHECK(diff["totals"][1]["currency"] == "USD");
    CHECK(diff["totals"][1]["accrued"] ==
          json{{"old", "1.00"}, {"new", "0.00"}, {"difference", "-1.00"}});
    const CliResult table = run({"diff", usd, uah, "--ledger", ledger});
    CHECK_THAT(table.out, Catch::Contains("1.00 USD") && Catch::Contains("40.00 UAH") &&
                              Catch::Contains("(in two currencies: not subtracted)"));
}

TEST_CASE("input that is not a ledger is refused at its first byte or its longest line",
          "[reliability][bounds]") {
    const std::string program = source_path("tests/reliability/usd_10_percent.accrue");
    const CliResult zero = run({"run", program, "--ledger", "/dev/zero"});
    CHECK(zero.exit_code == 2);
    CHECK_THAT(zero.err, Catch::Contains("line 1: malformed JSON: a record is a JSON object, "
                                         "starting with '{', found the byte 0x00"));
    // One line of 64 MiB + 1 byte, no newline: refused as that, in both reads.
    const std::string long_line = temp_path("long_line.jsonl");
    {
        std::ofstream out(long_line, std::ios::binary);
        out << R"({"type":"partner","id":")" << std::string((std::size_t{64} << 20) + 1, 'x');
    }
    for (const char* totals : {"--format=json", "--totals"}) {
        const CliResult result = run({"run", program, "--ledger", long_line, totals});
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK_THAT(result.err, Catch::Contains("line 1: the line is longer than 67108864 bytes"));
    }
    std::filesystem::remove(long_line);
}

TEST_CASE("standard input past a limit is refused while it is copied, in a fixed buffer",
          "[reliability][bounds]") {
    Zeros zeros;
    std::istream endless(&zeros);
    CHECK_THROWS_WITH(SpooledInput(endless, "<stdin>", std::uint64_t{8} << 20),
                      Catch::Contains("the ledger is larger than 8388608 bytes"));
}

TEST_CASE("messages say what is wrong and what to write", "[reliability][messages]") {
    const std::string commission =
        "commission c on payment\n  base payment.amount in USD\n  rate 10%\n";
    SECTION("a currency code in lower case") {
        CHECK(first_error(program_in("UTC", "field signup.budget: money usd\n\n" + commission)) ==
              "a currency code is written in upper case: `USD`, not `usd` (`money USD`)");
    }
    SECTION("an unknown currency in a field is one error, not two") {
        const std::string text = program_in(
            "UTC", "field signup.budget: money XYZ\n\ncommission c on payment\n  when "
                   "signup.budget default 0.00 USD > 10.00 USD\n  base payment.amount in USD\n"
                   "  rate 10%\n");
        CHECK(first_error(text) == "unknown currency `XYZ`");
        CHECK(mistakes_of(text).size() == 1);
    }
    SECTION("a keyword as the program's or a rule's name") {
        CHECK(first_error("program due\n  currency USD\n") ==
              "`due` is a keyword of the language, so it cannot be a name: choose another, "
              "such as `my_due`");
        CHECK(first_error(program_in("UTC", "commission set on payment\n  rate 10%\n")) ==
              "`set` is a keyword of the language, so it cannot be a name: choose another, "
              "such as `my_set`");
    }
    SECTION("partner.parent 20 levels up is 20 names, none too long") {
        CHECK(first_error(program_in("UTC", commission + "  paid to partner" +
                                                repeated(".parent", 20) + "\n")) == "");
    }
}

TEST_CASE("ledger values that break a limit say which", "[reliability][messages]") {
    const std::string program = write_program(
        "typed_plan.accrue",
        program_in("UTC", "field payment.tier: text\n\ncommission c on payment\n  base "
                          "payment.amount in USD\n  rate 10%\n"));
    const auto run_with_payment = [&](const std::string& name, const std::string& fields) {
        const std::string ledger = write_ledger(
            name,
            {R"({"type":"partner","id":"a1","joined_at":"2024-01-01T00:00:00Z"})",
             R"({"type":"signup","id":"s1","at":"2024-01-02T00:00:00Z","customer":"c1","partner":"a1"})",
             R"({"type":"payment","id":"p1","at":"2024-01-10T12:00:00Z","customer":"c1","currency":"USD",)" +
                 fields + "}"});
        return run({"run", program, "--ledger", ledger});
    };
    const CliResult digits = run_with_payment(
        "digits_39.jsonl", R"("amount":"123456789012345678901234567890123456789")");
    CHECK(digits.exit_code == 2);
    CHECK_THAT(digits.err, Catch::Contains("has 39 significant digits: a decimal has at most 38"));
    const CliResult scale =
        run_with_payment("scale_31.jsonl", R"("amount":"0.1234567890123456789012345678901")");
    CHECK_THAT(scale.err,
               Catch::Contains("has 31 digits after the point: a decimal has at most 30"));
    const CliResult array =
        run_with_payment("plan_array.jsonl", R"("amount":"10.00","tier":["a"])");
    CHECK(array.exit_code == 2);
    CHECK_THAT(array.err, Catch::Contains("field \"tier\": expected text (a JSON string), found an "
                                          "array"));
}

TEST_CASE("a test case whose ledger names a folder says so", "[reliability][messages]") {
    const std::filesystem::path dir = temp_path("case_with_folder");
    std::filesystem::create_directories(dir / "ledger_folder");
    std::filesystem::copy_file(source_path("tests/reliability/usd_10_percent.accrue"),
                               dir / "p.accrue", std::filesystem::copy_options::overwrite_existing);
    std::ofstream(dir / "p.test.json")
        << R"({"program": "p.accrue", "ledger": "ledger_folder", "expect": {}})";
    const CliResult result = run({"test", dir.string()});
    CHECK(result.exit_code != 0);
    CHECK_THAT(result.err + result.out, Catch::Contains("is a folder, not a ledger"));
    CHECK_THAT(result.err + result.out, !Catch::Contains("no timed record"));
}

TEST_CASE("a test case nested 100,000 deep is refused, not recursed into",
          "[reliability][bounds]") {
    const std::filesystem::path dir = temp_path("case_nested");
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "deep.test.json")
        << R"({"program": "p.accrue", "ledger": "l.jsonl", "expect": )" << repeated("[", 100000)
        << repeated("]", 100000) << "}";
    const CliResult result = run({"test", dir.string()});
    CHECK(result.exit_code == 1);
    CHECK_THAT(result.out + result.err,
               Catch::Contains("the test case nests more than 64 levels deep"));
}

TEST_CASE("every producer of a time stops at the years 0001 and 9999", "[reliability][years]") {
    // One payment early on 0001-01-01 (09:48:59 in Tokyo), one late on
    // 9999-12-31 (UTC): each expression below leaves the years on one of them.
    const auto ledger_at = [](const std::string& name, const std::string& at) {
        return write_ledger(
            name,
            {R"({"type":"partner","id":"a1","joined_at":"0001-01-01T00:00:00Z"})",
             R"({"type":"signup","id":"s1","at":"0001-01-01T00:10:00Z","customer":"c1","partner":"a1"})",
             R"({"type":"payment","id":"p1","at":")" + at +
                 R"(","customer":"c1","amount":"10.00","currency":"USD"})"});
    };
    const std::string early = ledger_at("early.jsonl", "0001-01-01T00:30:00Z");
    const std::string late = ledger_at("late.jsonl", "9999-12-31T00:00:00Z");
    const std::vector<std::pair<std::string, std::string>> producers{
        {"payment.at - 1 day", early},
        {"payment.at - 1 hours", early},
        {"payment.at - 1 month", early},
        {"payment.at - 1 year", early},
        {"start of day of payment.at", early},
        {"start of month of payment.at", early},
        {"start of year of payment.at", early},
        {"payment.at + 1 day", late},
        {"payment.at + 1 month", late},
        {"payment.at + 1 year", late},
        {"the 31st on or after payment.at + 1 hours", late},
        {"start of day of payment.at + 2 days", late},
    };
    for (const auto& [expression, ledger] : producers) {
        INFO(expression);
        const std::string zone = ledger == early ? "Asia/Tokyo" : "UTC";
        const std::string program = write_program(
            "producer.accrue",
            program_in(zone, "commission c on payment\n  base payment.amount in USD\n  rate 10%\n"
                             "  available at " +
                                 expression + "\n"));
        const CliResult result = run({"run", program, "--ledger", ledger});
        CHECK(result.exit_code == 2);
        CHECK(result.out.empty());
        CHECK_THAT(result.err, Catch::Contains("line 3: record \"p1\"") &&
                                   Catch::Contains("outside the years 0001 to 9999"));
    }
}
