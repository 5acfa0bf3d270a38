// Regressions of the reliability issue: each input here once crashed, hung
// or gave a wrong figure with exit 0. Now each is refused with a message
// naming its place, or computed exactly (figures by hand in the comments).
#include "grammar/format/format.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"
#include "interpreter/diagnostics/suggest.hpp"
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/time.hpp"
#include "support.hpp"

#include <catch2/catch.hpp>

#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <thread>

using namespace accrue;
using namespace accrue::test;

namespace {

std::string reliability(const std::string& name) {
    return source_path("tests/reliability/" + name);
}

CliResult run_on(const std::string& program, const std::string& ledger,
                 std::vector<std::string> more = {}) {
    std::vector<std::string> args{"run", reliability(program), "--ledger", reliability(ledger)};
    args.insert(args.end(), more.begin(), more.end());
    return run(args);
}

std::string program_with(const std::string& declarations) {
    return "program p\n  currency USD\n  time zone \"UTC\"\n  roles referral\n\n" + declarations;
}

} // namespace

TEST_CASE("20,000 nested `not`s or minus signs get a message, not a stack overflow",
          "[reliability]") {
    for (const std::string prefix : {"not ", "- "}) {
        std::string many;
        for (int i = 0; i < 20000; ++i) {
            many += prefix;
        }
        const std::string text = program_with(
            prefix == "not "
                ? "commission c on payment\n  when " + many + "true\n  amount 1.00 USD\n"
                : "commission c on payment\n  amount " + many + "1.00 USD\n");
        const SourceFile source{"deep.accrue", text};
        CHECK_THROWS_WITH(parse_program(source),
                          Catch::Contains("operators nest more than 64 levels deep"));
        CHECK_THROWS_WITH(format_source(source),
                          Catch::Contains("operators nest more than 64 levels deep"));
    }
}

TEST_CASE("a 10,000-term chain of `and` or `+` gets a message, not a stack overflow",
          "[reliability]") {
    for (const auto& [term, joint, tail] :
         std::vector<std::tuple<std::string, std::string, std::string>>{
             {"payment.discounted", " and ", "\n  amount 1.00 USD\n"}, {"1.00 USD", " + ", "\n"}}) {
        std::string chain = term;
        for (int i = 1; i < 10000; ++i) {
            chain += joint + term;
        }
        const std::string clause = joint == " and " ? "when " : "amount ";
        const SourceFile source{
            "chain.accrue", program_with("commission c on payment\n  " + clause + chain + tail)};
        CHECK_THROWS_WITH(parse_program(source),
                          Catch::Contains("this expression nests more than 256 levels deep"));
    }
}

TEST_CASE("INT64_MIN / -1 in a quotient is exact, not a SIGFPE", "[reliability]") {
    const Decimal n = *Decimal::parse("-0.09223372036854775808");
    CHECK(
        Decimal::divide(n, Decimal::from_int(-1), 20, Rounding::half_away_from_zero).to_string() ==
        "0.09223372036854775808");
    // In a program: round(0.09223372036854775808 USD) = 0.09 USD on the one payment.
    const CliResult result =
        run_on("quotient_edge.accrue", "one_payment.jsonl", {"--format", "json"});
    INFO(result.err);
    REQUIRE(result.exit_code == 0);
    CHECK(nlohmann::json::parse(result.out)["accruals"][0]["amount"] == "0.09");
}

TEST_CASE("a time a program computes beyond 9999 is an error naming the record", "[reliability]") {
    // 2024-01-10 + 3,652,425 days is in the year 12024.
    const CliResult result = run_on("far_future.accrue", "one_payment.jsonl");
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("one_payment.jsonl: line 3: record \"p1\"") &&
                               Catch::Contains("outside the years 0001 to 9999"));
}

TEST_CASE("months added beyond 9999 are an error naming the record", "[reliability][calendar]") {
    // 2024-01-10 + 9000 years is in the year 11024.
    const CliResult result = run_on("far_future_months.accrue", "one_payment.jsonl");
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("one_payment.jsonl: line 3: record \"p1\"") &&
                               Catch::Contains("outside the years 0001 to 9999"));
}

TEST_CASE("a ledger time not writable in the program's zone is refused", "[reliability]") {
    // 9999-12-31T23:59:59Z is 10000-01-01T01:59:59+02:00 in Kyiv.
    const CliResult result = run_on("usd_10_percent.accrue", "year_10000_in_kyiv.jsonl");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("line 3: record \"p1\": field \"at\"") &&
                               Catch::Contains("outside the years 0001 to 9999"));
}

TEST_CASE("local mean time with seconds is written as the exact instant", "[reliability]") {
    // Kyiv's offset in 1879 is +02:02:04: RFC 3339 writes +02:02, and the clock with it.
    const TimeZone kyiv = *TimeZone::locate("Europe/Kyiv");
    const Instant t = *parse_rfc3339("1879-01-01T00:00:00Z");
    CHECK(kyiv.offset_at(t) == 2 * 3600 + 2 * 60 + 4);
    const std::string written = kyiv.format(t);
    CHECK(written == "1879-01-01T02:02:00+02:02");
    CHECK(parse_rfc3339(written)->micros == t.micros);
}

TEST_CASE("a decimal overflow in a ledger's figures names the record", "[reliability]") {
    // A 38-digit amount x 10% has 38 digits, and rounded to cents it needs 39.
    const CliResult result = run_on("usd_10_percent.accrue", "amount_overflow.jsonl");
    CHECK(result.exit_code == 2);
    CHECK(result.out.empty());
    CHECK_THAT(result.err, Catch::Contains("line 3: record \"p1\": decimal overflow: widening "
                                           "the scale gives more than 38 digits"));
}

TEST_CASE("nesting inside a record is bounded at 64 levels", "[reliability]") {
    CHECK(run_on("usd_10_percent.accrue", "nested_64.jsonl", {"--as-of", "2024-01-02"}).exit_code ==
          0);
    for (const std::string ledger : {"nested_65.jsonl", "nested_30000.jsonl"}) {
        const CliResult result = run_on("usd_10_percent.accrue", ledger, {"--as-of", "2024-01-02"});
        CHECK(result.exit_code == 2);
        CHECK_THAT(result.err, Catch::Contains("line 1: field \"x\": objects and arrays nest "
                                               "more than 64 levels deep"));
    }
}

TEST_CASE("a byte order mark is skipped; months must be written whole", "[reliability]") {
    const CliResult bom = run_on("usd_10_percent.accrue", "byte_order_mark.jsonl", {"--totals"});
    INFO(bom.err);
    CHECK(bom.exit_code == 0);
    CHECK_THAT(bom.out, Catch::Contains("1.00")); // 10.00 x 10%
    const CliResult months = run_on("usd_10_percent.accrue", "months_fraction.jsonl");
    CHECK(months.exit_code == 2);
    CHECK_THAT(months.err, Catch::Contains("field \"months\": expected a whole number of months "
                                           ">= 1, found 2.0"));
}

TEST_CASE("a ledger from a pipe is read", "[reliability]") {
    const std::string fifo =
        (std::filesystem::temp_directory_path() / ("accrue-fifo-" + std::to_string(getpid())))
            .string();
    REQUIRE(mkfifo(fifo.c_str(), 0600) == 0);
    std::thread writer([&] {
        std::ofstream out(fifo, std::ios::binary);
        out << read_text(reliability("one_payment.jsonl"));
    });
    const CliResult result =
        run({"run", reliability("usd_10_percent.accrue"), "--ledger", fifo, "--totals"});
    writer.join();
    unlink(fifo.c_str());
    INFO(result.err);
    CHECK(result.exit_code == 0);
    CHECK_THAT(result.out, Catch::Contains("1.00")); // 10.00 x 10%
}

TEST_CASE("endless input stops at the program limit", "[reliability]") {
    CHECK(run({"check", "/dev/zero"}).exit_code == 1);
    CHECK_THAT(run({"check", "/dev/zero"}).err, Catch::Contains("larger than 1048576 bytes"));
    Zeros zeros;
    std::istream endless(&zeros);
    std::vector<const char*> argv{"accrue", "fmt", "-"};
    std::ostringstream out;
    std::ostringstream err;
    CHECK(run_cli(3, argv.data(), out, err, endless) == 2);
    CHECK_THAT(err.str(), Catch::Contains("larger than 1048576 bytes"));
}

TEST_CASE("an empty --as-of or --event is refused, not taken as absent", "[reliability]") {
    const std::string program = source_path("programs/ukraine_hosting.accrue");
    const std::string ledger = source_path("programs/ukraine_hosting.sample.jsonl");
    CHECK(run({"run", program, "--ledger", ledger, "--as-of", ""}).exit_code == 2);
    CHECK(run({"explain", program, "--ledger", ledger, "--event", ""}).exit_code == 2);
    CHECK_THAT(run({"explain", program, "--ledger", ledger, "--event", ""}).err,
               Catch::Contains("--event: needs a value"));
}

TEST_CASE("a vertical tab or form feed after a name is layout, in check and in fmt",
          "[reliability]") {
    const std::string text = program_with("attribution\n  signup link\n\ncommission retail\v on "
                                          "payment\f\n  base payment.amount in USD\n  rate 10%\n");
    const SourceFile source{"vt.accrue", text};
    Program program = parse_program(source);
    check_program(program, source);
    CHECK(program.rules.at(0).name.name == "retail");
    const std::string formatted = format_source(source);
    CHECK(formatted.find('\v') == std::string::npos);
    CHECK_THAT(formatted, Catch::Contains("commission retail on payment\n"));
}

TEST_CASE("did-you-mean does not compare words longer than any name", "[reliability]") {
    CHECK(closest(std::string(1 << 20, 'x'), {"Europe/Kyiv", "UTC"}).empty());
    CHECK(closest("Europe/Kiyv", {"Europe/Kyiv", "UTC"}) == "Europe/Kyiv");
}

TEST_CASE("a message echoes a bounded part of a huge input", "[reliability]") {
    const std::string zone(1000000, 'x');
    const SourceFile source{"zone.accrue", "program p\n  currency USD\n  time zone \"" + zone +
                                               "\"\n  roles referral\n"};
    try {
        Program program = parse_program(source);
        check_program(program, source);
        FAIL("an unknown time zone must be refused");
    } catch (const ProgramError& error) {
        const std::string text = error.what();
        CHECK_THAT(text, Catch::StartsWith("zone.accrue:3:13: error: unknown time zone \"xxx"));
        CHECK(text.size() < 2000); // the message and the quoted line are cut
    }
}

TEST_CASE("refunds adding up beyond the decimal range name the refund", "[reliability]") {
    // Two refunds of 38 nines each: their sum needs 39 digits.
    const CliResult result = run_on("usd_10_percent.accrue", "refund_sum_overflow.jsonl");
    CHECK(result.exit_code == 2);
    CHECK_THAT(result.err, Catch::Contains("line 5: record \"r2\": field \"amount\": the refunds "
                                           "of payment \"p1\" add up beyond the decimal range"));
}
