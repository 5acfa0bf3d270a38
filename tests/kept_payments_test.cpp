// A streamed read keeps the payments a refund names only until their last
// refund (ledger/stream.hpp, RefundedPayments): the walk is told when it may
// let go (RecordStream::done_with), and the ledger keeps none of them after,
// so that memory follows the payments waiting for a refund, not the ledger.
#include "support.hpp"

#include "interpreter/ledger/stream.hpp"

#include <catch2/catch.hpp>

using namespace accrue;
using namespace accrue::test;

namespace {

// What the stream was told, in order: "next N" and "done N" by record number.
class Recording final : public RecordStream {
  public:
    explicit Recording(const Ledger& ledger) : ledger_(ledger) {}
    void begin() override {}
    void next(std::uint32_t index, const Record& record) override {
        told.push_back("next " + std::to_string(index) + " " + std::string(record.id));
        if (record.type == RecordType::refund) {
            // The refunded payment is still there to read at each of its refunds.
            told.push_back("  paid " + std::string(ledger_.record(record.payment_index).id));
        }
    }
    void done_with(std::uint32_t index) override {
        told.push_back("done " + std::to_string(index));
    }
    std::vector<std::string> told;

  private:
    const Ledger& ledger_;
};

} // namespace

TEST_CASE("a refunded payment is let go of after its last refund", "[stream]") {
    // pay1 is refunded twice (30.00, then the other 70.00), pay2 once, pay3
    // never; a refund of pay1 comes after pay2's.
    const std::string path = write_ledger(
        "kept_payments.jsonl",
        {R"({"type":"partner","id":"p1","joined_at":"2024-01-01T00:00:00Z"})",
         R"({"type":"payment","id":"pay1","at":"2024-01-02T00:00:00Z","customer":"c1","amount":"100.00","currency":"UAH","service":"hosting"})",
         R"({"type":"payment","id":"pay2","at":"2024-01-03T00:00:00Z","customer":"c1","amount":"50.00","currency":"UAH"})",
         R"({"type":"refund","id":"r1","at":"2024-01-04T00:00:00Z","payment":"pay1","amount":"30.00"})",
         R"({"type":"payment","id":"pay3","at":"2024-01-05T00:00:00Z","customer":"c1","amount":"20.00","currency":"UAH"})",
         R"({"type":"refund","id":"r2","at":"2024-01-06T00:00:00Z","payment":"pay2"})",
         R"({"type":"refund","id":"r3","at":"2024-01-07T00:00:00Z","payment":"pay1","amount":"70.00"})"});
    const RefundedPayments refunded = refunded_payments(path);
    CHECK(refunded.refunds.size() == 2); // pay1 (2 refunds) and pay2 (1)
    LedgerRules rules;
    rules.fixed_payout_currency = Currency::from_code("UAH");
    rules.default_payout_currency = *Currency::from_code("UAH");
    for (const std::size_t block : {std::size_t{4} << 20, std::size_t{150}}) {
        INFO("blocks of " << block << " bytes");
        rules.block_bytes = block;
        Ledger ledger;
        Recording stream(ledger);
        stream_ledger(ledger, path, rules, {}, refunded, stream);
        // Records are numbered from 0 in file order, partners apart.
        CHECK(stream.told == std::vector<std::string>{"next 0 pay1", "next 1 pay2", "next 2 r1",
                                                      "  paid pay1", "next 3 pay3", "next 4 r2",
                                                      "  paid pay2", "done 1", "next 5 r3",
                                                      "  paid pay1", "done 0"});
        CHECK(ledger.kept.empty()); // no payment waits for a refund any more
    }
}
