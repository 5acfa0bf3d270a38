#include "generate.hpp"

#include "interpreter/values/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>

namespace accrue::properties {
namespace {

using rc::gen::element;
using rc::gen::inRange;

// A number in [min, max), drawn from the whole range whatever RapidCheck's
// size (inRange alone scales the range down with the size).
template <typename T> T uniform(T min, T max) {
    return *rc::gen::resize(rc::kNominalSize, inRange<T>(min, max));
}

// One chance in `n + 1`: chance(1) is a coin toss.
bool chance(int n) {
    return uniform(0, n + 1) == 0;
}

template <typename T> T pick(const std::vector<T>& items) {
    return items[static_cast<std::size_t>(uniform<std::size_t>(0, items.size()))];
}

// Some of 0..n-1 (at least one), in a random order.
std::vector<std::size_t> some_of(std::size_t n) {
    std::vector<std::size_t> order(n);
    for (std::size_t i = 0; i < n; ++i) {
        order[i] = i;
    }
    std::mt19937 random(*rc::gen::arbitrary<unsigned>());
    std::shuffle(order.begin(), order.end(), random);
    order.resize(uniform<std::size_t>(1, n + 1));
    return order;
}

std::string cents(int amount) {
    return fmt::format("{}.{:02}", amount / 100, amount % 100);
}

// What the rules may use, decided with the header.
struct Shape {
    bool partner_currency = false;
    std::string payout; // fixed payout (or the partner default)
    std::vector<std::string> roles;
};

std::string payment_condition() {
    return pick<std::string>({"payment.service = \"hosting\"",
                              "payment.service in services",
                              "customer.first_payment",
                              "customer.payment_number <= 2",
                              "payment.amount in USD >= 20.00 USD",
                              "partner.offer_accepted",
                              "payment.at >= partner.joined_at + 10 days",
                              "customer.status default \"basic\" = \"vip\"",
                              "not payment.discounted",
                              "customer.attributed_by = \"promo_code\"",
                              "payment.months > 1 or payment.promo_code is set",
                              "payment.at < customer.first_paid_at + 2 months",
                              "payment.at >= start of year of partner.joined_at + 1 year",
                              "sum of payment.amount in USD for customer >= 50.00 USD",
                              "sum of payment.months for customer within 2 months < 4",
                              "payment.at < (customer.last_paid_at default payment.at) + 20 days",
                              "customer.signed_up_at is set",
                              "customer.clicked_at is not set",
                              "not (signup.trial default false)",
                              "payment.tax in USD default 0.00 USD < 5.00 USD",
                              "partner.tier default 1 >= 2"});
}

// `amount by`: tiers of fixed amounts, by the payment's amount or months.
std::string amount_tiers(const Shape& s) {
    const std::string unit = s.partner_currency ? "USD in payout" : s.payout;
    const auto amount = [&] { return cents(uniform(1, 5000)) + " " + unit; };
    if (chance(1)) {
        const int split = uniform(1, 10000);
        return "  amount by payment.amount in USD\n    below " + cents(split) +
               " USD: " + amount() + "\n    from " + cents(split) + " USD: " + amount() + "\n";
    }
    const int split = uniform(1, 12);
    return "  amount by payment.months\n    to " + std::to_string(split) + ": " + amount() +
           "\n    from " + std::to_string(split + 1) + ": " + amount() + "\n";
}

std::string header(Shape& s) {
    s.partner_currency = chance(3);
    s.payout = pick<std::string>({"USD", "EUR", "UAH"});
    s.roles = chance(2) ? std::vector<std::string>{"referral"}
                        : std::vector<std::string>{"referral", "integrator"};
    std::string out = "program generated\n";
    out += s.partner_currency ? "  currency partner default " + s.payout + "\n"
                              : "  currency " + s.payout + "\n";
    out +=
        "  time zone \"" + pick<std::string>({"UTC", "Europe/Kyiv", "America/New_York"}) + "\"\n";
    out += "  roles " + fmt::format("{}", fmt::join(s.roles, ", ")) + "\n";
    out += pick<std::string>({"", "", "  rounding half_even\n", "  rounding down\n"});
    out += "  import standard\n\nset services = {\"hosting\", \"domain\"}\n\n";
    // Typed extra fields, always declared: the ledgers carry them on some records.
    out += "field signup.trial: bool\nfield payment.tax: money\nfield partner.tier: number\n\n";
    return out;
}

std::string attribution(const Shape& s) {
    std::vector<std::string> models{
        "signup link",
        "signup partner",
        "promo code",
        "last click within 30 days",
        pick<std::string>({"first click within 3650 days", "first click within 10 years"}),
        "payment partner",
        "attach"};
    std::string out = "attribution\n";
    for (const std::size_t i : some_of(models.size())) {
        // A model for one role now and then (roles[0] is always a role).
        out += "  " + models[i] + (chance(4) ? " for " + s.roles[0] : "") + "\n";
    }
    return out + "\n";
}

std::string exclusions(const Shape& s) {
    const std::vector<std::pair<std::string, std::string>> pool{
        {"no_partner", "from standard"},
        {"promo_code", "when payment.promo_code is set"},
        {"discounted", "when payment.discounted"},
        {"domains", "when payment.service in services"},
        {"tiny", "when payment.amount in USD < 2.00 USD"},
        {"paid_by_partner", "when payment.paid_by = \"partner\""}};
    std::string out;
    const int lists = uniform(0, 3);
    for (int l = 0; l < lists; ++l) {
        out += "exclusions";
        if (chance(2)) {
            out += " for " + pick(s.roles);
        }
        out += "\n";
        for (const std::size_t i : some_of(pool.size())) {
            const auto& [name, body] = pool[i];
            out += "  " + name + " " + body + "\n";
        }
        out += "\n";
    }
    return out;
}

struct RuleShape {
    std::string name;
    bool base_rate = true;
    bool via = false;
    bool period = false;
    bool graduated_ok = false;
};

std::string tiers_of(const std::string& metric, const std::string& unit) {
    if (unit.empty()) { // a count
        return "  rate by " + metric + "\n    to 1:   " + std::to_string(uniform(1, 30)) +
               "%\n    from 2: " + std::to_string(uniform(1, 30)) + "%\n";
    }
    const int bound = uniform(1, 500) * 100;
    return fmt::format("  rate by {}\n    below {} {}: {}%\n    from {} {}:  {}%\n", metric,
                       cents(bound), unit, uniform(1, 30), cents(bound), unit, uniform(1, 30));
}

std::string rate(const Shape& s, const RuleShape& r) {
    const int form = uniform(0, r.period ? 7 : 5);
    const std::string percent = std::to_string(uniform(1, 40)) + "%";
    switch (form) {
    case 0:
        return "  rate " + percent + "\n";
    case 1:
        return "  rate\n    " + percent + " when " + payment_condition() + "\n    " +
               std::to_string(uniform(0, 10)) + "% otherwise\n";
    case 2:
        return tiers_of("payment.amount in USD", "USD");
    case 3:
        if (r.graduated_ok) {
            const int bound = uniform(1, 500) * 100;
            return fmt::format("  rate graduated by payment.amount in {}\n    below {} {}: {}%\n"
                               "    from {} {}:  {}%\n",
                               s.payout, cents(bound), s.payout, uniform(1, 30), cents(bound),
                               s.payout, uniform(1, 30));
        }
        return "  rate " + percent + "\n";
    case 4:
        return tiers_of("paying_customers", "");
    case 5:
        return tiers_of("sum of payment.amount in USD in period", "USD");
    default:
        return tiers_of("paying_customers at period end", "");
    }
}

std::string versions(const RuleShape& r, const Shape& s) {
    std::string out;
    int month = uniform(1, 4);
    const int count = uniform(0, 3);
    for (int v = 0; v < count && month <= 12; ++v) {
        out += fmt::format("  terms from 2024-{:02}-{:02}", month, uniform(1, 28));
        if (chance(2)) {
            out += fmt::format(" to 2024-{:02}-28", month);
        }
        out += "\n";
        if (r.base_rate && chance(1)) {
            out += "    rate " + std::to_string(uniform(1, 40)) + "%\n";
        } else if (!r.base_rate && chance(1)) {
            out += "    amount " + cents(uniform(1, 5000)) + " " + s.payout +
                   (s.partner_currency ? " in payout\n" : "\n");
        } else {
            out += "    when " + payment_condition() + "\n";
        }
        month += uniform(1, 4);
    }
    return out;
}

std::string payment_rule(const Shape& s, RuleShape& r, std::string& benefits) {
    const std::string kind =
        pick<std::string>({"commission", "commission", "commission", "discount", "welcome_bonus"});
    std::string out = (chance(3) ? "also " : "") + kind + " " + r.name + " on payment";
    if (chance(3)) {
        out += " for " + pick(s.roles);
    }
    out += "\n";
    if (chance(4)) {
        out += pick<std::string>({"  once per partner\n", "  once per customer\n"});
    }
    if (chance(1)) {
        out += "  when " + payment_condition() + "\n";
    }
    r.period = kind == "commission" && chance(2);
    r.base_rate = !chance(3);
    // With `currency partner`, money reaches each partner's currency through
    // `paid via` or `in payout`.
    const std::string payout = s.partner_currency ? "payout" : s.payout;
    if (r.base_rate) {
        r.via = chance(s.partner_currency ? 1 : 4);
        r.graduated_ok = !r.via && !s.partner_currency;
        out += r.via ? "  base payment.amount\n" : "  base payment.amount in " + payout + "\n";
        out += rate(s, r);
    } else if (chance(3)) {
        out += amount_tiers(s);
    } else if (s.partner_currency) {
        out += "  amount " + cents(uniform(1, 5000)) + " " +
               pick<std::string>({"USD", "EUR", "UAH"}) + " in payout\n";
    } else {
        out += pick<std::string>({"  amount " + cents(uniform(1, 5000)) + " " + s.payout + "\n",
                                  "  amount " + cents(uniform(1, 5000)) + " EUR in payout\n",
                                  "  amount round(payment.amount in " + s.payout + " * 5%)\n",
                                  "  amount min(50.00 " + s.payout + ", round(payment.amount in " +
                                      s.payout + " / 2))\n"});
    }
    if (r.period) {
        out += chance(1) ? "  period calendar month\n"
                         : "  period every " + std::to_string(uniform(7, 40)) + " days from " +
                               pick<std::string>(
                                   {"partner.joined_at", "start of month of partner.joined_at"}) +
                               "\n";
    }
    out += pick<std::string>({"", "  available at payment.at + 30 days\n",
                              "  available at payment.at + 36 hours\n",
                              "  available at payment.at + 1 month\n",
                              "  available at the 10th on or after payment.at + 30 days\n",
                              "  available at start of month of payment.at + 1 month\n",
                              r.period ? "  available at period.end\n" : ""});
    if (r.via) {
        out += "  paid via USD\n";
    }
    if (!r.period && chance(4)) {
        out +=
            pick<std::string>({"  paid to partner.parent\n", "  paid to partner.parent.parent\n"});
    }
    out += versions(r, s);
    if (r.period && kind == "commission" && benefits.empty() && chance(1)) {
        const std::string unit = r.via ? "USD" : s.partner_currency ? "USD in payout" : s.payout;
        benefits = "benefits per period of " + r.name + "\n  silver when paid_via_total >= 10.00 " +
                   unit + "\n  gold   when paid_via_total >= 500.00 " + unit + "\n\n";
    }
    return out + "\n";
}

std::string signup_rule(const Shape& s, const std::string& name) {
    std::string out = "customer_bonus " + name + " on signup\n";
    if (chance(1)) {
        out += "  when " +
               pick<std::string>({"signup.promo_code is set",
                                  "customer.attributed_by = \"signup_link\"",
                                  "signup.via default \"link\" = \"link\""}) +
               "\n";
    }
    return out + "  amount " + cents(uniform(1, 1000)) + " " + s.payout +
           (s.partner_currency ? " in payout\n\n" : "\n\n");
}

std::string withdrawal(const Shape& s) {
    if (chance(2)) {
        return "";
    }
    std::string out = "withdrawal\n  check positive_amount from standard\n  check balance from "
                      "standard\n";
    if (chance(1)) {
        out += s.partner_currency ? "  check minimum: balance in USD > 1.00 USD\n"
                                  : "  check minimum: balance > 1.00 " + s.payout + "\n";
    }
    if (chance(2)) {
        out += "  check active: active_customers within 30 days >= 1\n";
    }
    if (chance(1)) {
        out += "  due by request.at + 5 days\n";
    }
    return out + "\n";
}

std::string program(Shape& s) {
    std::string out = header(s); // first: it decides the shape the rest uses
    out += attribution(s);
    out += exclusions(s);
    std::string benefits;
    const int rules = uniform(1, 4);
    for (int i = 0; i < rules; ++i) {
        RuleShape r;
        r.name = "rule" + std::to_string(i + 1);
        if (chance(5)) {
            out += signup_rule(s, r.name);
        } else {
            out += payment_rule(s, r, benefits);
        }
    }
    out += benefits;
    out += pick<std::string>(
        {"", "clawback back on refund\n  proportional\n\n",
         "clawback back on refund\n  whole commission once\n\n",
         "clawback early on refund\n  when refund.at < commission.available_at\n  proportional\n\n"
         "clawback late on refund\n  keep commission\n\n",
         "clawback big on refund\n  when refund.amount in USD >= 20.00 USD\n  whole commission "
         "once\n\n",
         "clawback first_kept on refund\n  when commission.rule = \"rule1\"\n  keep commission\n\n"
         "clawback rest on refund\n  proportional\n\n"});
    out += withdrawal(s);
    while (out.ends_with("\n\n")) {
        out.pop_back();
    }
    return out;
}

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

rc::Gen<Case> cases() {
    return rc::gen::exec([] {
        Shape shape;
        std::string text = program(shape);
        return LedgerMaker(shape).make(std::move(text));
    });
}

} // namespace accrue::properties
