// Random ledgers for a generated program: partners (with roles, currencies,
// promo codes, parents, typed extras), rates, clicks, signups, attaches,
// statuses, payments, refunds and withdrawals at distinct instants, in
// sequence order.
#include "generate.hpp"
#include "random.hpp"

#include "interpreter/values/time.hpp"

#include <map>

namespace accrue::properties {
namespace {

struct Payment {
    std::string id;
    int remaining = 0; // cents not yet refunded
    std::string currency;
};

class LedgerMaker {
  public:
    explicit LedgerMaker(const Shape& s) : shape_(s), utc_(*TimeZone::locate("UTC")) {}

    Case make(std::string program_text) {
        Case c;
        c.program = std::move(program_text);
        partners(c);
        timed(
            "{\"type\":\"rate\",\"at\":\"AT\",\"base\":\"USD\",\"quote\":\"EUR\",\"rate\":\"0.9\"}",
            c);
        timed("{\"type\":\"rate\",\"at\":\"AT\",\"base\":\"USD\",\"quote\":\"UAH\",\"rate\":\"38."
              "5\"}",
              c);
        const int signups = uniform(1, 4); // customers first, so that payments have holders
        for (int i = 0; i < signups; ++i) {
            signup(c);
        }
        const int events = uniform(3, 40);
        for (int i = 0; i < events; ++i) {
            event(c);
        }
        c.last_at = last_;
        const std::string middle = c.timed[c.timed.size() / 2];
        const auto at = middle.find("\"at\":\"") + 6;
        c.middle_at = middle.substr(at, middle.find('"', at) - at);
        return c;
    }

  private:
    void partners(Case& c) {
        const int count = uniform(1, 4);
        for (int i = 1; i <= count; ++i) {
            std::string p = fmt::format(
                "{{\"type\":\"partner\",\"id\":\"p{}\",\"joined_at\":\"2024-01-0{}T00:00:00Z\"", i,
                i);
            if (chance(1)) {
                p += ",\"role\":\"" + pick(shape_.roles) + "\"";
            }
            if (shape_.partner_currency && chance(1)) {
                p += ",\"currency\":\"" + pick<std::string>({"USD", "EUR", "UAH"}) + "\"";
            }
            if (chance(1)) {
                p += fmt::format(",\"promo_codes\":[\"PROMO{}\"]", i);
            }
            if (chance(1)) {
                p += ",\"offer_accepted\":true";
            }
            if (chance(2)) {
                p += ",\"tier\":" + std::to_string(uniform(1, 4));
            }
            if (i > 1 && chance(1)) { // parents come first, so there is no cycle
                p += fmt::format(",\"parent\":\"p{}\"", uniform(1, i));
            }
            c.partners.push_back(p + "}");
        }
        partner_count_ = count;
    }

    // Appends a record at the next instant; AT in the text stands for it.
    void timed(std::string record, Case& c) {
        now_ = now_ + Duration::seconds(60 * uniform(1, 3000));
        last_ = utc_.format(now_);
        const auto at = record.find("AT");
        record.replace(at, 2, last_);
        c.timed.push_back(std::move(record));
    }

    std::string partner() { return "p" + std::to_string(uniform(1, partner_count_ + 1)); }

    void signup(Case& c) {
        const std::string customer = "c" + std::to_string(++customers_);
        const std::string visitor = "v" + std::to_string(customers_);
        if (chance(1)) {
            timed(
                fmt::format("{{\"type\":\"click\",\"id\":\"k{}\",\"at\":\"AT\",\"partner\":\"{}\","
                            "\"visitor\":\"{}\",\"source\":\"blog\"}}",
                            ++ids_, partner(), visitor),
                c);
        }
        std::string s = fmt::format("{{\"type\":\"signup\",\"id\":\"s{}\",\"at\":\"AT\","
                                    "\"customer\":\"{}\",\"visitor\":\"{}\"",
                                    ++ids_, customer, visitor);
        if (!chance(3)) {
            s += ",\"partner\":\"" + partner() + "\"";
            s += pick<std::string>({"", ",\"via\":\"link\"", ",\"via\":\"promo_code\""});
        }
        if (chance(2)) {
            s += fmt::format(",\"promo_code\":\"PROMO{}\"", uniform(1, partner_count_ + 1));
        }
        if (chance(3)) {
            s += pick<std::string>({",\"trial\":true", ",\"trial\":false"});
        }
        timed(s + "}", c);
    }

    std::string customer() {
        return customers_ == 0 || chance(9) ? "stranger"
                                            : "c" + std::to_string(uniform(1, customers_ + 1));
    }

    void payment(Case& c) {
        Payment p{"pay" + std::to_string(++ids_), uniform(1, 100000),
                  pick<std::string>({"USD", "EUR", "UAH"})};
        std::string r =
            fmt::format("{{\"type\":\"payment\",\"id\":\"{}\",\"at\":\"AT\",\"customer\":"
                        "\"{}\",\"amount\":\"{}\",\"currency\":\"{}\"",
                        p.id, customer(), cents(p.remaining), p.currency);
        r += pick<std::string>({"", ",\"service\":\"hosting\"", ",\"service\":\"domain\""});
        if (chance(3)) {
            r += ",\"promo_code\":\"SALE\"";
        }
        if (chance(4)) {
            r += ",\"discounted\":true";
        }
        if (chance(4)) {
            r += ",\"paid_by\":\"partner\"";
        }
        if (chance(4)) {
            r += ",\"months\":" + std::to_string(uniform(1, 13));
        }
        if (chance(4)) {
            r += ",\"tax\":\"" + cents(uniform(0, 1000)) + "\"";
        }
        if (chance(4)) {
            r += ",\"partner\":\"" + partner() + "\"";
        }
        timed(r + "}", c);
        payments_.push_back(p);
    }

    void refund(Case& c) {
        std::vector<std::size_t> open;
        for (std::size_t i = 0; i < payments_.size(); ++i) {
            if (payments_[i].remaining > 0) {
                open.push_back(i);
            }
        }
        if (open.empty()) {
            return payment(c);
        }
        Payment& p = payments_[pick(open)];
        const int amount = uniform(1, p.remaining + 1);
        p.remaining -= amount;
        timed(fmt::format("{{\"type\":\"refund\",\"id\":\"r{}\",\"at\":\"AT\",\"payment\":\"{}\","
                          "\"amount\":\"{}\"}}",
                          ++ids_, p.id, cents(amount)),
              c);
    }

    void event(Case& c) {
        switch (uniform(0, 10)) {
        case 0:
        case 1:
            return signup(c);
        case 2:
        case 3:
        case 4:
            return payment(c);
        case 5:
            return refund(c);
        case 6:
            return timed(fmt::format("{{\"type\":\"withdrawal\",\"id\":\"w{}\",\"at\":\"AT\","
                                     "\"partner\":\"{}\",\"amount\":\"{}\"}}",
                                     ++ids_, partner(), cents(uniform(1, 50000))),
                         c);
        case 7:
            return timed(fmt::format("{{\"type\":\"status\",\"id\":\"st{}\",\"at\":\"AT\","
                                     "\"customer\":\"{}\",\"status\":\"{}\"}}",
                                     ++ids_, customer(), pick<std::string>({"vip", "basic"})),
                         c);
        case 8:
            return timed(fmt::format("{{\"type\":\"attach\",\"id\":\"at{}\",\"at\":\"AT\","
                                     "\"partner\":\"{}\",\"customer\":\"{}\"}}",
                                     ++ids_, partner(), customer()),
                         c);
        default:
            return payment(c);
        }
    }

    const Shape& shape_;
    TimeZone utc_;
    Instant now_ = *parse_rfc3339("2024-01-05T00:00:00Z");
    std::string last_;
    int partner_count_ = 1;
    int customers_ = 0;
    int ids_ = 0;
    std::vector<Payment> payments_;
};

} // namespace

Case ledger_for(const Shape& shape, std::string program_text) {
    return LedgerMaker(shape).make(std::move(program_text));
}

} // namespace accrue::properties
