// The practical limit: the hosting partner totals computed by the fastest
// single-threaded loop we know how to write, with no program, no checks and
// no interpreter. It trusts its input (sequence order, valid records, ids
// and keys without escapes, amounts with at most two decimals, rates with at
// most six), which accrue may not do:
//   - the file in 4 MiB blocks of whole lines, simdjson iterate_many over
//     each (one stage 1 per block, not one per line);
//   - money as integer minor units (int64 kopecks and cents), rounding by
//     integer division;
//   - RFC 3339 times by days-from-civil, straight to seconds;
//   - customer and payment ids copied into a dense arena, so that the hash
//     tables' keys sit together instead of across 137 MB of file;
//   - each record's hash-table slots asked of memory 16 records before the
//     record is computed, as accrue fetches its id slots and customers.
//   accrue-bench-baseline ledger.jsonl  ->  CSV partner,accrued,available,withdrawn,balance
#include "interpreter/ledger/text_arena.hpp"

#include <absl/container/flat_hash_map.h>
#include <simdjson.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <memory>
#include <queue>
#include <string>
#include <string_view>
#include <vector>

namespace {

using Money = std::int64_t; // minor units

struct Pending {
    std::int64_t at; // seconds
    Money amount;
    bool operator>(const Pending& other) const { return at > other.at; }
};

struct Partner {
    std::string id;
    Money accrued = 0, withdrawn = 0, released = 0;
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> pending;

    void release_until(std::int64_t t) {
        while (!pending.empty() && pending.top().at <= t) {
            released += pending.top().amount;
            pending.pop();
        }
    }
};

struct Customer {
    std::uint32_t holder = UINT32_MAX;
    bool retail = true; // no status yet: basic
};

struct Commission {
    std::uint32_t partner = 0;
    bool reversed = false;
    Money amount = 0;
    std::int64_t available_at = 0;
};

std::int64_t digits(const char* p, int n) {
    std::int64_t v = 0;
    for (int i = 0; i < n; ++i) {
        v = v * 10 + (p[i] - '0');
    }
    return v;
}

// Howard Hinnant's days_from_civil.
std::int64_t days_from_civil(std::int64_t y, unsigned m, unsigned d) {
    y -= m <= 2;
    const std::int64_t era = (y >= 0 ? y : y - 399) / 400;
    const auto yoe = static_cast<unsigned>(y - era * 400);
    const unsigned doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
    const unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + static_cast<std::int64_t>(doe) - 719468;
}

// "2024-01-01T02:00:34+02:00" or "...Z", to seconds since the epoch.
std::int64_t seconds_of(std::string_view t) {
    const char* p = t.data();
    std::int64_t s = days_from_civil(digits(p, 4), static_cast<unsigned>(digits(p + 5, 2)),
                                     static_cast<unsigned>(digits(p + 8, 2))) *
                         86400 +
                     digits(p + 11, 2) * 3600 + digits(p + 14, 2) * 60 + digits(p + 17, 2);
    if (t.size() > 20) { // an offset: local time minus the offset is UTC
        const std::int64_t offset = digits(p + 20, 2) * 3600 + digits(p + 23, 2) * 60;
        s += p[19] == '+' ? -offset : offset;
    }
    return s;
}

// A decimal as units of 10^-decimals, for texts with at most that many:
// scaled("1740.27", 2) = 174027, scaled("39.5", 6) = 39500000.
std::int64_t scaled(std::string_view text, int decimals) {
    std::int64_t units = 0;
    int written = -1; // decimals written; -1 before the point
    for (const char c : text) {
        if (c == '.') {
            written = 0;
        } else {
            units = units * 10 + (c - '0');
            written += written >= 0;
        }
    }
    for (int d = std::max(written, 0); d < decimals; ++d) {
        units *= 10;
    }
    return units;
}
Money minor_units(std::string_view text) {
    return scaled(text, 2);
}
std::int64_t micro_units(std::string_view text) {
    return scaled(text, 6);
}

// x / divisor, half away from zero, for x >= 0.
Money divide_rounded(std::int64_t x, std::int64_t divisor) {
    return (x + divisor / 2) / divisor;
}

std::string money_text(Money m) {
    const bool negative = m < 0;
    const std::uint64_t v =
        negative ? static_cast<std::uint64_t>(-m) : static_cast<std::uint64_t>(m);
    char buffer[32];
    std::snprintf(buffer, sizeof buffer, "%s%llu.%02llu", negative ? "-" : "",
                  static_cast<unsigned long long>(v / 100),
                  static_cast<unsigned long long>(v % 100));
    return buffer;
}

// One record's fields, read in a single pass over the object.
struct Fields {
    std::string_view type, id, at, customer, partner, via, amount, currency, service, promo_code,
        status, payment, rate;
    bool discounted = false;
};

std::string_view key_of(simdjson::ondemand::field& field) {
    const char* start = field.key().raw();
    return {start, static_cast<std::size_t>(std::strchr(start, '"') - start)};
}

std::string_view unquoted(std::string_view token) {
    while (!token.empty() && token.back() != '"') {
        token.remove_suffix(1);
    }
    return token.substr(1, token.size() - 2);
}

Fields fields_of(simdjson::ondemand::document_reference doc) {
    Fields f;
    for (auto member : doc.get_object()) {
        simdjson::ondemand::field field = member.value_unsafe();
        const std::string_view key = key_of(field);
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
    return f;
}

class Totals {
  public:
    // Asks memory for the slots record(f) will probe, some records ahead.
    void prefetch(const Fields& f) const;
    void record(const Fields& f);
    void print() const;

  private:
    void payment(const Fields& f, std::int64_t at);
    void refund(const Fields& f, std::int64_t at);
    void withdrawal(const Fields& f, std::int64_t at);

    accrue::TextArena keys_; // the keys of the hash tables
    std::vector<Partner> partners_;
    absl::flat_hash_map<std::string_view, std::uint32_t> partner_index_;
    absl::flat_hash_map<std::string_view, Customer> customers_;
    absl::flat_hash_map<std::string_view, Commission> commissions_;
    std::int64_t usd_uah_ = 0; // micro units
    std::int64_t last_ = 0;
};

void Totals::prefetch(const Fields& f) const {
    if (!f.customer.empty()) {
        customers_.prefetch(f.customer);
    }
    if (f.type == "payment") {
        commissions_.prefetch(f.id);
    } else if (f.type == "refund") {
        commissions_.prefetch(f.payment);
    }
}

void Totals::record(const Fields& f) {
    if (f.type == "partner") {
        partner_index_.emplace(keys_.copy(f.id), static_cast<std::uint32_t>(partners_.size()));
        Partner partner;
        partner.id = std::string(f.id);
        partners_.push_back(std::move(partner));
        return;
    }
    const std::int64_t at = seconds_of(f.at);
    last_ = at;
    if (f.type == "payment") {
        payment(f, at);
    } else if (f.type == "signup") {
        auto [it, fresh] = customers_.try_emplace(keys_.copy(f.customer));
        it->second.holder = !f.partner.empty() && (f.via.empty() || f.via == "link")
                                ? partner_index_.at(f.partner)
                                : UINT32_MAX;
    } else if (f.type == "status") {
        const auto it = customers_.find(f.customer);
        const bool retail = f.status == "basic" || f.status == "retail";
        if (it != customers_.end()) {
            it->second.retail = retail;
        } else {
            customers_.emplace(keys_.copy(f.customer), Customer{UINT32_MAX, retail});
        }
    } else if (f.type == "refund") {
        refund(f, at);
    } else if (f.type == "withdrawal") {
        withdrawal(f, at);
    } else if (f.type == "rate") {
        usd_uah_ = micro_units(f.rate);
    }
}

void Totals::payment(const Fields& f, std::int64_t at) {
    const auto c = customers_.find(f.customer);
    if (c == customers_.end() || c->second.holder == UINT32_MAX ||
        (!f.service.empty() && f.service != "hosting" && f.service != "domain") ||
        !f.promo_code.empty() || f.discounted) {
        return;
    }
    Money amount = minor_units(f.amount);
    if (f.currency == "USD") { // cents x rate, rounded to kopecks
        amount = divide_rounded(amount * usd_uah_, 1'000'000);
    }
    const Money commission = c->second.retail ? divide_rounded(amount, 10)   // 10%
                                              : divide_rounded(amount, 100); // 1%
    const std::int64_t available = at + 30 * 86400;
    Partner& p = partners_[c->second.holder];
    p.accrued += commission;
    p.pending.push({available, commission});
    commissions_.emplace(keys_.copy(f.id),
                         Commission{c->second.holder, false, commission, available});
}

void Totals::refund(const Fields& f, std::int64_t at) {
    const auto it = commissions_.find(f.payment);
    if (it == commissions_.end() || it->second.reversed) {
        return;
    }
    it->second.reversed = true;
    Partner& p = partners_[it->second.partner];
    p.accrued -= it->second.amount;
    p.pending.push({std::max(at, it->second.available_at), -it->second.amount});
}

void Totals::withdrawal(const Fields& f, std::int64_t at) {
    Partner& p = partners_[partner_index_.at(f.partner)];
    const Money amount = minor_units(f.amount);
    p.release_until(at);
    if (amount > 0 && amount <= p.released - p.withdrawn) {
        p.withdrawn += amount;
    }
}

void Totals::print() const {
    std::string out = "partner,accrued,available,withdrawn,balance\n";
    for (Partner p : partners_) { // a copy: releasing up to as-of drains the queue
        p.release_until(last_);
        out += p.id + "," + money_text(p.accrued) + "," + money_text(p.released) + "," +
               money_text(p.withdrawn) + "," + money_text(p.released - p.withdrawn) + "\n";
    }
    std::fwrite(out.data(), 1, out.size(), stdout);
}

// One block of whole lines through simdjson; false when one is malformed.
bool read_block(simdjson::ondemand::parser& parser, const char* data, std::size_t size,
                Totals& totals) {
    simdjson::ondemand::document_stream stream;
    if (parser.iterate_many(data, size, std::max<std::size_t>(size, 1)).get(stream) !=
        simdjson::SUCCESS) {
        return false;
    }
    // A record is computed `distance` records after its slots were asked
    // for: the fields in between (views into the block) wait in a ring.
    constexpr std::size_t distance = 16;
    std::array<Fields, distance> ring;
    std::size_t read = 0;
    for (auto doc : stream) {
        simdjson::ondemand::document_reference record;
        if (std::move(doc).get(record) != simdjson::SUCCESS) {
            return false;
        }
        Fields& slot = ring[read % distance];
        if (read >= distance) {
            totals.record(slot);
        }
        slot = fields_of(record);
        totals.prefetch(slot);
        ++read;
    }
    for (std::size_t k = read > distance ? read - distance : 0; k < read; ++k) {
        totals.record(ring[k % distance]);
    }
    return true;
}

} // namespace

// The file is read a block of whole lines at a time into one buffer, as
// accrue reads it: a buffer the size of the file costs a page fault for each
// 4 KiB of it, which on this machine took longer than the records' work.
int main(int argc, char** argv) {
    const std::string first = argc > 1 ? argv[1] : "";
    if (first == "--help" || first == "-h") {
        std::puts("usage: accrue-bench-baseline LEDGER.jsonl\n"
                  "The fastest hand-written loop over a ukraine_hosting ledger: partner "
                  "totals, the honest baseline of bench/run.sh.");
        return 0;
    }
    if (argc != 2) {
        std::fprintf(stderr, "usage: accrue-bench-baseline LEDGER.jsonl\n");
        return 2;
    }
    std::FILE* file = std::fopen(argv[1], "rb");
    if (file == nullptr) {
        std::fprintf(stderr, "cannot read %s\n", argv[1]);
        return 2;
    }
    constexpr std::size_t block = std::size_t{4} << 20;
    std::vector<char> buffer(block + simdjson::SIMDJSON_PADDING);
    simdjson::ondemand::parser parser;
    Totals totals;
    std::size_t carried = 0; // the start of a line the last block cut
    for (;;) {
        const std::size_t wanted = block - carried;
        const std::size_t got = std::fread(buffer.data() + carried, 1, wanted, file);
        const std::size_t filled = carried + got;
        const bool at_end = got < wanted;
        std::size_t whole = filled; // the bytes up to the last newline
        while (!at_end && whole > 0 && buffer[whole - 1] != '\n') {
            --whole;
        }
        if (whole == 0 && !at_end) {
            std::fprintf(stderr, "a line longer than %zu bytes in %s\n", block, argv[1]);
            return 2;
        }
        if (whole > 0 && !read_block(parser, buffer.data(), whole, totals)) {
            std::fprintf(stderr, "malformed record in %s\n", argv[1]);
            return 2;
        }
        if (at_end) {
            break;
        }
        std::memmove(buffer.data(), buffer.data() + whole, filled - whole);
        carried = filled - whole;
    }
    std::fclose(file);
    totals.print();
    return 0;
}
