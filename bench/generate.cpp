// Writes a deterministic ukraine_hosting ledger of about N records (JSON
// Lines, in sequence order) to standard output:
//   accrue-bench-generate N > ledger.jsonl
// The same N always gives the same bytes: a fixed linear congruential
// generator, no std::random distributions (their output differs by library).
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

namespace {

class Lcg {
  public:
    std::uint64_t next() {
        state_ = state_ * 6364136223846793005ULL + 1442695040888963407ULL;
        return state_ >> 33;
    }
    std::uint64_t below(std::uint64_t n) { return next() % n; }

  private:
    std::uint64_t state_ = 20240101;
};

std::string time_text(std::int64_t seconds) {
    // seconds since 2024-01-01T00:00:00Z, written in Kyiv winter time (+02:00)
    // or UTC, alternately, to exercise offsets.
    const std::int64_t epoch_2024 = 1704067200;
    std::int64_t t = epoch_2024 + seconds;
    const bool kyiv = (seconds / 7) % 2 == 0;
    if (kyiv) {
        t += 2 * 3600;
    }
    std::int64_t days = t / 86400;
    const std::int64_t rest = t % 86400;
    // civil from days (Howard Hinnant's algorithm)
    days += 719468;
    const std::int64_t era = days / 146097;
    const std::int64_t doe = days - era * 146097;
    const std::int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    std::int64_t y = yoe + era * 400;
    const std::int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const std::int64_t mp = (5 * doy + 2) / 153;
    const std::int64_t d = doy - (153 * mp + 2) / 5 + 1;
    const std::int64_t m = mp < 10 ? mp + 3 : mp - 9;
    y += m <= 2;
    char buffer[128];
    std::snprintf(buffer, sizeof buffer, "%04lld-%02lld-%02lldT%02lld:%02lld:%02lld%s",
                  static_cast<long long>(y), static_cast<long long>(m), static_cast<long long>(d),
                  static_cast<long long>(rest / 3600), static_cast<long long>(rest / 60 % 60),
                  static_cast<long long>(rest % 60), kyiv ? "+02:00" : "Z");
    return buffer;
}

std::string money(std::uint64_t cents) {
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%llu.%02llu",
                  static_cast<unsigned long long>(cents / 100),
                  static_cast<unsigned long long>(cents % 100));
    return buffer;
}

struct Payment {
    std::uint64_t cents;
    std::uint64_t number;
    bool refunded;
};

} // namespace

int main(int argc, char** argv) {
    const std::string first = argc > 1 ? argv[1] : "";
    if (first == "--help" || first == "-h") {
        std::puts("usage: accrue-bench-generate [N] > ledger.jsonl\n"
                  "Writes a deterministic ukraine_hosting ledger of about N records (default "
                  "1000000), JSON Lines in sequence order, to standard output.");
        return 0;
    }
    char* end = nullptr;
    const std::uint64_t n = argc > 1 ? std::strtoull(argv[1], &end, 10) : 1000000;
    if (argc > 2 || (argc > 1 && (first.empty() || *end != '\0'))) {
        std::fprintf(stderr, "error: expected a number of records, such as 1000000 "
                             "(accrue-bench-generate --help)\n");
        return 2;
    }
    const std::uint64_t partners = n / 1000 + 1;
    Lcg rng;
    for (std::uint64_t p = 0; p < partners; ++p) {
        std::printf(
            "{\"type\":\"partner\",\"id\":\"p%llu\",\"joined_at\":\"2023-12-01T00:00:00Z\"}\n",
            static_cast<unsigned long long>(p));
    }
    std::int64_t clock = 0;
    std::printf(
        "{\"type\":\"rate\",\"at\":\"%s\",\"base\":\"USD\",\"quote\":\"UAH\",\"rate\":\"39.5\"}\n",
        time_text(clock).c_str());
    std::uint64_t customers = 0, payments = 0, records = partners + 1;
    std::vector<Payment> recent;
    std::uint64_t ids = 0;
    static const char* services[] = {"hosting", "domain", "hosting", "vps", "hosting"};
    static const char* statuses[] = {"basic", "retail", "bronze", "silver"};
    while (records < n) {
        clock += 1 + static_cast<std::int64_t>(rng.below(20));
        const std::uint64_t roll = rng.below(100);
        const std::string at = time_text(clock);
        ++records;
        if (roll < 8 || customers == 0) {
            const std::uint64_t partner = rng.below(partners);
            const bool promo = rng.below(20) == 0;
            std::printf("{\"type\":\"signup\",\"id\":\"s%llu\",\"at\":\"%s\",\"customer\":\"c%"
                        "llu\",\"partner\":\"p%llu\"%s}\n",
                        static_cast<unsigned long long>(ids++), at.c_str(),
                        static_cast<unsigned long long>(customers),
                        static_cast<unsigned long long>(partner),
                        promo ? ",\"via\":\"promo_code\",\"promo_code\":\"SALE\""
                              : ",\"via\":\"link\"");
            ++customers;
        } else if (roll < 10) {
            std::printf("{\"type\":\"status\",\"id\":\"st%llu\",\"at\":\"%s\",\"customer\":\"c%"
                        "llu\",\"status\":\"%s\"}\n",
                        static_cast<unsigned long long>(ids++), at.c_str(),
                        static_cast<unsigned long long>(rng.below(customers)),
                        statuses[rng.below(4)]);
        } else if (roll < 13 && !recent.empty()) {
            Payment& paid = recent[rng.below(recent.size())];
            if (paid.refunded) {
                std::printf("{\"type\":\"click\",\"id\":\"k%llu\",\"at\":\"%s\",\"partner\":\"p0\","
                            "\"visitor\":\"v1\"}\n",
                            static_cast<unsigned long long>(ids++), at.c_str());
                continue;
            }
            paid.refunded = true;
            std::printf("{\"type\":\"refund\",\"id\":\"r%llu\",\"at\":\"%s\",\"payment\":\"pay%"
                        "llu\",\"amount\":\"%s\"}\n",
                        static_cast<unsigned long long>(ids++), at.c_str(),
                        static_cast<unsigned long long>(paid.number),
                        money(paid.cents / 2 + 1).c_str());
        } else if (roll < 14) {
            std::printf("{\"type\":\"withdrawal\",\"id\":\"w%llu\",\"at\":\"%s\",\"partner\":\"p%"
                        "llu\",\"amount\":\"%s\"}\n",
                        static_cast<unsigned long long>(ids++), at.c_str(),
                        static_cast<unsigned long long>(rng.below(partners)),
                        money(100 + rng.below(200000)).c_str());
        } else {
            const std::uint64_t cents = 100 + rng.below(500000);
            const bool usd = rng.below(10) == 0;
            const std::uint64_t extra = rng.below(40);
            std::string options;
            if (extra == 0) {
                options = ",\"promo_code\":\"X\"";
            } else if (extra == 1) {
                options = ",\"discounted\":true";
            }
            std::printf("{\"type\":\"payment\",\"id\":\"pay%llu\",\"at\":\"%s\",\"customer\":\"c%"
                        "llu\",\"amount\":\"%s\",\"currency\":\"%s\",\"service\":\"%s\"%s}\n",
                        static_cast<unsigned long long>(payments), at.c_str(),
                        static_cast<unsigned long long>(rng.below(customers + customers / 20 + 1)),
                        money(usd ? cents / 40 + 1 : cents).c_str(), usd ? "USD" : "UAH",
                        services[rng.below(5)], options.c_str());
            if (recent.size() > 4096) {
                recent.erase(recent.begin(), recent.begin() + 2048);
            }
            recent.push_back({usd ? cents / 40 + 1 : cents, payments, false});
            ++payments;
        }
    }
    return 0;
}
