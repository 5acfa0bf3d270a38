// The practical limit: the hosting partner totals computed by a hand-written
// loop over the same ledger, with simdjson and accrue's value types but no
// program, no checks and no interpreter. It trusts its input (sequence order,
// valid records, ids without escapes), which accrue may not do.
//   accrue-bench-baseline ledger.jsonl  ->  CSV partner,accrued,available,withdrawn,balance
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/time.hpp"

#include <absl/container/flat_hash_map.h>
#include <simdjson.h>

#include <cstdio>
#include <cstring>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

using namespace accrue;

namespace {

struct Pending {
    Instant at;
    Decimal amount;
    bool operator>(const Pending& other) const { return at > other.at; }
};

struct Partner {
    std::string_view id;
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

struct Customer {
    std::uint32_t holder = UINT32_MAX;
    std::string_view status;
};

// One record's fields, read in a single pass over the object.
struct Fields {
    std::string_view type, id, at, customer, partner, via, amount, currency, service, promo_code,
        status, payment, rate;
    bool discounted = false;
};

std::string_view unquoted(std::string_view token) {
    while (!token.empty() && token.back() != '"') {
        token.remove_suffix(1);
    }
    return token.substr(1, token.size() - 2);
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
    std::vector<Partner> partners;
    absl::flat_hash_map<std::string_view, std::uint32_t> partner_index;
    absl::flat_hash_map<std::string_view, Customer> customers;
    absl::flat_hash_map<std::string_view, Commission> commissions;
    const Decimal ten = *Decimal::parse("0.1"), one = *Decimal::parse("0.01");
    const Rounding away = Rounding::half_away_from_zero;
    Decimal usd_uah;
    Instant last;
    const char* data = json.data();
    const std::size_t size = json.size();
    std::size_t begin = 0;
    while (begin < size) {
        const char* newline =
            static_cast<const char*>(std::memchr(data + begin, '\n', size - begin));
        const std::size_t end = newline ? static_cast<std::size_t>(newline - data) : size;
        simdjson::ondemand::document doc;
        if (end > begin &&
            parser.iterate(data + begin, end - begin, size + simdjson::SIMDJSON_PADDING - begin)
                    .get(doc) == simdjson::SUCCESS) {
            Fields f;
            for (auto field : doc.get_object()) {
                const std::string_view key = field.unescaped_key();
                const std::string_view token = field.value().raw_json_token();
                switch (key[0]) {
                case 't':
                    f.type = unquoted(token);
                    break;
                case 'i':
                    f.id = unquoted(token);
                    break;
                case 'a':
                    (key == "at" ? f.at : f.amount) = unquoted(token);
                    break;
                case 'c':
                    (key == "customer" ? f.customer : f.currency) = unquoted(token);
                    break;
                case 'p':
                    (key == "partner"   ? f.partner
                     : key == "payment" ? f.payment
                                        : f.promo_code) = unquoted(token);
                    break;
                case 'v':
                    f.via = unquoted(token);
                    break;
                case 's':
                    (key == "service" ? f.service : f.status) = unquoted(token);
                    break;
                case 'd':
                    f.discounted = token.starts_with("true");
                    break;
                case 'r':
                    f.rate = unquoted(token);
                    break;
                default:
                    break;
                }
            }
            if (f.type == "partner") {
                partner_index.emplace(f.id, static_cast<std::uint32_t>(partners.size()));
                partners.push_back({f.id, {}, {}, {}, {}, {}});
            } else {
                const Instant at = *parse_rfc3339(f.at);
                last = at;
                if (f.type == "rate") {
                    usd_uah = *Decimal::parse(f.rate);
                } else if (f.type == "signup") {
                    customers[f.customer].holder =
                        !f.partner.empty() && (f.via.empty() || f.via == "link")
                            ? partner_index.at(f.partner)
                            : UINT32_MAX;
                } else if (f.type == "status") {
                    customers[f.customer].status = f.status;
                } else if (f.type == "payment") {
                    const auto c = customers.find(f.customer);
                    if (c == customers.end() || c->second.holder == UINT32_MAX ||
                        (!f.service.empty() && f.service != "hosting" && f.service != "domain") ||
                        !f.promo_code.empty() || f.discounted) {
                        goto next;
                    }
                    Decimal amount = *Decimal::parse(f.amount);
                    if (f.currency == "USD") {
                        amount = (amount * usd_uah).rounded(2, away);
                    }
                    const std::string_view status = c->second.status;
                    const bool retail = status.empty() || status == "basic" || status == "retail";
                    const Decimal commission = (amount * (retail ? ten : one)).rounded(2, away);
                    const Instant available = at + Duration::days(30);
                    Partner& p = partners[c->second.holder];
                    p.accrued = p.accrued + commission;
                    p.pending.push({available, commission});
                    p.lines.emplace_back(available, commission);
                    commissions.emplace(f.id, Commission{c->second.holder, commission, available});
                } else if (f.type == "refund") {
                    const auto it = commissions.find(f.payment);
                    if (it != commissions.end() && !it->second.reversed) {
                        it->second.reversed = true;
                        Partner& p = partners[it->second.partner];
                        const Instant available = std::max(at, it->second.available_at);
                        p.accrued = p.accrued - it->second.amount;
                        p.pending.push({available, -it->second.amount});
                        p.lines.emplace_back(available, -it->second.amount);
                    }
                } else if (f.type == "withdrawal") {
                    Partner& p = partners[partner_index.at(f.partner)];
                    const Decimal amount = *Decimal::parse(f.amount);
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
    for (const Partner& p : partners) {
        Decimal available;
        for (const auto& [at, amount] : p.lines) {
            if (at <= last) {
                available = available + amount;
            }
        }
        const auto money = [](const Decimal& d) {
            return d.rounded(2, Rounding::down).to_string();
        };
        out += std::string(p.id) + "," + money(p.accrued) + "," + money(available) + "," +
               money(p.withdrawn) + "," + money(available - p.withdrawn) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
    return 0;
}
