// The practical limit: the hosting partner totals computed by a hand-written
// loop over the same ledger, with simdjson and accrue's value types but no
// program, no checks and no interpreter. It trusts its input (sequence order,
// valid records), which accrue may not do.
//   accrue-bench-baseline ledger.jsonl  ->  CSV partner,accrued,available,withdrawn,balance
#include "interpreter/decimal.hpp"
#include "interpreter/time.hpp"

#include <simdjson.h>

#include <cstdio>
#include <queue>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

using namespace accrue;

namespace {

struct Pending {
    Instant at;
    Decimal amount;
    bool operator>(const Pending& other) const { return at > other.at; }
};

struct PartnerTotals {
    std::string id;
    Decimal accrued, withdrawn, released;
    std::vector<std::pair<Instant, Decimal>> lines;
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending;
};

struct Commission {
    std::uint32_t partner;
    Decimal amount;
    Instant available_at;
    bool reversed = false;
};

std::string_view text(simdjson::ondemand::object& o, std::string_view key) {
    std::string_view value;
    if (o.find_field_unordered(key).get_string().get(value) != simdjson::SUCCESS) {
        return {};
    }
    return value;
}

Decimal decimal(simdjson::ondemand::object& o, std::string_view key) {
    return Decimal::parse(text(o, key)).value_or(Decimal{});
}

} // namespace

int main(int argc, char** argv) {
    if (argc < 2) {
        std::fprintf(stderr, "usage: accrue-bench-baseline LEDGER.jsonl\n");
        return 2;
    }
    simdjson::padded_string json;
    if (simdjson::padded_string::load(argv[1]).get(json) != simdjson::SUCCESS) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    simdjson::ondemand::parser parser;
    std::vector<PartnerTotals> partners;
    std::unordered_map<std::string, std::uint32_t> partner_index;
    std::unordered_map<std::string, std::uint32_t> holder;
    std::unordered_map<std::string, std::string> status;
    std::unordered_map<std::string, Commission> commissions;
    const Decimal ten = *Decimal::parse("0.1"), one = *Decimal::parse("0.01");
    Decimal usd_uah;
    Instant last;
    const std::string_view all(json.data(), json.size());
    std::size_t begin = 0;
    while (begin < all.size()) {
        std::size_t end = all.find('\n', begin);
        if (end == std::string_view::npos) {
            end = all.size();
        }
        simdjson::ondemand::document doc;
        if (end > begin && parser.iterate(json.data() + begin, end - begin, json.size() + simdjson::SIMDJSON_PADDING - begin).get(doc) == simdjson::SUCCESS) {
            simdjson::ondemand::object o = doc.get_object();
            const std::string_view type = text(o, "type");
            if (type == "partner") {
                partner_index.emplace(std::string(text(o, "id")), static_cast<std::uint32_t>(partners.size()));
                partners.push_back({std::string(text(o, "id")), {}, {}, {}, {}, {}});
            } else {
                const Instant at = *parse_rfc3339(text(o, "at"));
                last = at;
                if (type == "rate") {
                    usd_uah = decimal(o, "rate");
                } else if (type == "signup") {
                    const std::string customer(text(o, "customer"));
                    const std::string_view partner = text(o, "partner");
                    const std::string_view via = text(o, "via");
                    if (!partner.empty() && (via.empty() || via == "link")) {
                        holder[customer] = partner_index.at(std::string(partner));
                    } else {
                        holder.erase(customer);
                    }
                } else if (type == "status") {
                    const std::string customer(text(o, "customer"));
                    status[customer] = std::string(text(o, "status"));
                } else if (type == "payment") {
                    const std::string id(text(o, "id"));
                    const std::string customer(text(o, "customer"));
                    Decimal amount = decimal(o, "amount");
                    const std::string_view currency = text(o, "currency");
                    const std::string_view service = text(o, "service");
                    const std::string_view promo = text(o, "promo_code");
                    bool discounted = false;
                    if (o.find_field_unordered("discounted").get_bool().get(discounted) != simdjson::SUCCESS) {
                        discounted = false;
                    }
                    const auto h = holder.find(customer);
                    if (h == holder.end() || (!service.empty() && service != "hosting" && service != "domain") ||
                        !promo.empty() || discounted) {
                        goto next;
                    }
                    if (currency == "USD") {
                        amount = (amount * usd_uah).rounded(2, Rounding::half_away_from_zero);
                    }
                    const auto s = status.find(customer);
                    const bool retail = s == status.end() || s->second == "basic" || s->second == "retail";
                    const Decimal c = (amount * (retail ? ten : one)).rounded(2, Rounding::half_away_from_zero);
                    const Instant available = at + Duration::days(30);
                    PartnerTotals& p = partners[h->second];
                    p.accrued = p.accrued + c;
                    p.pending.push({available, c});
                    p.lines.emplace_back(available, c);
                    commissions.emplace(id, Commission{h->second, c, available});
                } else if (type == "refund") {
                    const auto it = commissions.find(std::string(text(o, "payment")));
                    if (it != commissions.end() && !it->second.reversed) {
                        it->second.reversed = true;
                        PartnerTotals& p = partners[it->second.partner];
                        const Instant available = std::max(at, it->second.available_at);
                        p.accrued = p.accrued - it->second.amount;
                        p.pending.push({available, -it->second.amount});
                        p.lines.emplace_back(available, -it->second.amount);
                    }
                } else if (type == "withdrawal") {
                    PartnerTotals& p = partners[partner_index.at(std::string(text(o, "partner")))];
                    const Decimal amount = decimal(o, "amount");
                    while (!p.pending.empty() && p.pending.top().at <= at) {
                        p.released = p.released + p.pending.top().amount;
                        p.pending.pop();
                    }
                    if (amount.sign() > 0 && amount <= p.released - p.withdrawn) {
                        p.withdrawn = p.withdrawn + amount;
                    }
                }
            }
        }
    next:
        begin = end + 1;
    }
    std::string out = "partner,accrued,available,withdrawn,balance\n";
    for (const PartnerTotals& p : partners) {
        Decimal available;
        for (const auto& [at, amount] : p.lines) {
            if (at <= last) {
                available = available + amount;
            }
        }
        const auto money = [](const Decimal& d) { return d.rounded(2, Rounding::down).to_string(); };
        out += p.id + "," + money(p.accrued) + "," + money(available) + "," + money(p.withdrawn) + "," +
               money(available - p.withdrawn) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
