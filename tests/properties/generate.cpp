#include "generate.hpp"
#include "random.hpp"

#include "interpreter/values/time.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <map>
#include <random>

namespace accrue::properties {
namespace {

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
    // A parameter, used by some rates (`rate top_rate`) in place of a literal.
    out += "parameter top_rate = " + std::to_string(uniform(1, 40)) + "%\n\n";
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
        return "  rate " + (chance(2) ? std::string("top_rate") : percent) + "\n";
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

} // namespace

rc::Gen<Case> cases() {
    return rc::gen::exec([] {
        Shape shape;
        std::string text = program(shape);
        return ledger_for(shape, std::move(text));
    });
}

} // namespace accrue::properties
