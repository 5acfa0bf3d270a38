// Writes a ledger of about N records (JSON Lines, in sequence order) made of
// copies of a program's sample ledger, for the programs that have no
// generator of their own:
//   accrue-bench-scale SAMPLE.jsonl N > ledger.jsonl
// Partner and rate records are written once. Every other record is written
// once per copy, at the sample's own instant, with its id, customer, visitor
// and refunded payment suffixed by the copy's number, so that each copy is a
// new set of customers of the same partners. Copies of one record are
// written together, so the file stays in sequence order.
#include "interpreter/values/time.hpp"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

using nlohmann::ordered_json;

namespace {

struct Timed {
    std::int64_t at = 0; // microseconds
    ordered_json record;
};

void write(const ordered_json& record) {
    std::puts(record.dump().c_str());
}

} // namespace

int main(int argc, char** argv) {
    const std::string first = argc > 1 ? argv[1] : "";
    if (first == "--help" || first == "-h") {
        std::puts("usage: accrue-bench-scale SAMPLE.jsonl RECORDS > ledger.jsonl\n"
                  "Writes about RECORDS records: the sample's partners once, then its timed "
                  "records again and again with new ids.");
        return 0;
    }
    if (argc != 3) {
        std::fprintf(stderr, "usage: accrue-bench-scale SAMPLE.jsonl RECORDS\n");
        return 2;
    }
    std::ifstream in(argv[1]);
    const long records = std::atol(argv[2]);
    std::vector<ordered_json> once; // partners
    std::vector<Timed> timed;
    for (std::string line; std::getline(in, line);) {
        if (line.find_first_not_of(" \t\r") == std::string::npos) {
            continue;
        }
        ordered_json record = ordered_json::parse(line);
        if (!record.contains("at")) {
            once.push_back(std::move(record));
            continue;
        }
        const auto at = accrue::parse_rfc3339(record["at"].get<std::string>());
        if (!at) {
            std::fprintf(stderr, "bad time in %s\n", line.c_str());
            return 2;
        }
        timed.push_back({at->micros, std::move(record)});
    }
    std::stable_sort(timed.begin(), timed.end(),
                     [](const Timed& a, const Timed& b) { return a.at < b.at; });
    for (const ordered_json& partner : once) {
        write(partner);
    }
    const long copies =
        std::max(1L, records / static_cast<long>(std::max<std::size_t>(1, timed.size())));
    for (const Timed& t : timed) {
        if (t.record["type"] == "rate") {
            write(t.record);
            continue;
        }
        for (long k = 0; k < copies; ++k) {
            ordered_json copy = t.record;
            const std::string suffix = "-" + std::to_string(k);
            for (const char* key : {"id", "customer", "visitor", "payment"}) {
                if (copy.contains(key) && copy[key].is_string()) {
                    copy[key] = copy[key].get<std::string>() + suffix;
                }
            }
            write(copy);
        }
    }
    return 0;
}
