#include "interpreter/ledger/validate.hpp"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>

namespace accrue::reading {
namespace {

void check_withdrawal(const Ledger& ledger, const LedgerRules& rules, Record& record) {
    const Partner& partner = ledger.partners[record.partner_index];
    const Currency payout = partner.currency.value_or(
        rules.fixed_payout_currency.value_or(rules.default_payout_currency));
    if (record.currency.valid() && record.currency != payout) {
        fail(ledger, record.position, record.id, "currency",
             fmt::format("withdrawal in \"{}\", but partner \"{}\" is paid in {}",
                         record.currency.code(), partner.id, payout.code()));
    }
    record.currency = payout;
    if (record.amount.scale() > payout.minor_units() &&
        record.amount.rounded(payout.minor_units(), Rounding::down) != record.amount) {
        fail(ledger, record.position, record.id, "amount",
             fmt::format("{} has more decimals than {} allows ({})", record.amount.to_string(),
                         payout.code(), payout.minor_units()));
    }
}

} // namespace

void resolve_partners(Ledger& ledger, const LedgerRules& rules, const References& references) {
    for (const auto& [index, partner_id] : references.partner_refs) {
        Record& record = ledger.records[index - ledger.record_base];
        const auto it = references.partner_ids.find(partner_id);
        if (it == references.partner_ids.end()) {
            fail(ledger, record.position, record.id, "partner",
                 fmt::format("unknown partner \"{}\" (no partner record has this id)", partner_id));
        }
        record.partner_index = it->second;
        if (record.type == RecordType::withdrawal) {
            try {
                check_withdrawal(ledger, rules, record);
            } catch (const DecimalOverflow& overflow) {
                fail(ledger, record.position, record.id, "amount", overflow.what());
            }
        }
    }
}

// `parent` (ledger 1.1): a known partner, not the partner itself, and no
// cycle through parents (the message names the partners of the cycle).
void resolve_parents(Ledger& ledger, const References& references) {
    auto& partners = ledger.partners;
    for (Partner& p : partners) {
        if (p.parent_id.empty()) {
            continue;
        }
        const auto it = references.partner_ids.find(p.parent_id);
        if (it == references.partner_ids.end()) {
            fail(
                ledger, p.position, p.id, "parent",
                fmt::format("unknown partner \"{}\" (no partner record has this id)", p.parent_id));
        }
        if (partners[it->second].id == p.id) {
            fail(ledger, p.position, p.id, "parent", "a partner cannot be its own parent");
        }
        p.parent = it->second;
    }
    // Each chain is walked once: 0 unvisited, 1 on the current chain, 2 done.
    std::vector<std::uint8_t> state(partners.size(), 0);
    for (std::uint32_t start = 0; start < partners.size(); ++start) {
        std::vector<std::uint32_t> chain;
        std::optional<std::uint32_t> at = start;
        while (at && state[*at] == 0) {
            state[*at] = 1;
            chain.push_back(*at);
            at = partners[*at].parent;
        }
        if (at && state[*at] == 1) {
            std::vector<std::string> names;
            for (auto i = std::find(chain.begin(), chain.end(), *at); i != chain.end(); ++i) {
                names.push_back(fmt::format("\"{}\"", partners[*i].id));
            }
            names.push_back(fmt::format("\"{}\"", partners[*at].id));
            const Partner& first = partners[*at];
            fail(
                ledger, first.position, first.id, "parent",
                fmt::format("partners {} form a cycle through `parent`", fmt::join(names, " -> ")));
        }
        for (const std::uint32_t i : chain) {
            state[i] = 2;
        }
    }
}

namespace {

// The one sequence: by `at`, ties in file order.
void order_sequence(Ledger& ledger) {
    auto& sequence = ledger.sequence;
    sequence.resize(ledger.records.size());
    for (std::uint32_t i = 0; i < sequence.size(); ++i) {
        sequence[i] = i;
    }
    const auto earlier = [&](std::uint32_t a, std::uint32_t b) {
        return ledger.records[a].at < ledger.records[b].at;
    };
    // Exported ledgers are usually in time order already; checking is cheaper than sorting.
    if (!std::is_sorted(sequence.begin(), sequence.end(), earlier)) {
        std::stable_sort(sequence.begin(), sequence.end(), earlier);
    }
}

class SequenceChecks {
  public:
    SequenceChecks(Ledger& ledger, const References& references)
        : ledger_(ledger), references_(references), place_(ledger.records.size()),
          signups_(ledger.customer_count(), no_signup) {
        for (std::uint32_t k = 0; k < ledger.sequence.size(); ++k) {
            place_[ledger.sequence[k]] = k;
        }
    }

    void run() {
        for (const std::uint32_t index : ledger_.sequence) {
            Record& record = ledger_.records[index];
            if (record.type == RecordType::signup) {
                signup(index, record);
            } else if (record.type == RecordType::refund) {
                try {
                    refund(index, record);
                } catch (const DecimalOverflow& overflow) {
                    fail(ledger_, record.position, record.id, "amount",
                         fmt::format("the refunds of payment \"{}\" add up beyond the decimal "
                                     "range ({})",
                                     record.payment_id(), overflow.what()));
                }
            }
        }
    }

  private:
    void signup(std::uint32_t index, const Record& record) {
        std::uint32_t& signup = signups_[record.customer_index];
        if (signup == no_signup) {
            signup = index;
        } else {
            const Record& first = ledger_.records[signup];
            fail(ledger_, record.position, record.id, "customer",
                 fmt::format("second signup of customer \"{}\" (first: \"{}\", {})",
                             ledger_.customer_of(record), first.id, ledger_.where(first.position)));
        }
    }

    void refund(std::uint32_t index, Record& record) {
        const auto found = references_.timed_ids.find(record.payment_id());
        if (!found || ledger_.records[*found].type != RecordType::payment) {
            fail(ledger_, record.position, record.id, "payment",
                 fmt::format("refund of unknown payment \"{}\"", record.payment_id()));
        }
        const Record& payment = ledger_.records[*found];
        if (place_[*found] > place_[index]) {
            fail(ledger_, record.position, record.id, "at",
                 fmt::format("the refund comes before its payment \"{}\" ({}) in the sequence",
                             payment.id, ledger_.where(payment.position)));
        }
        record.payment_index = *found;
        const Decimal amount = record.has_amount ? record.amount : payment.amount;
        auto [sum, fresh] = refunded_.emplace(*found, Decimal{});
        sum->second = sum->second + amount;
        if (sum->second > payment.amount) {
            fail(ledger_, record.position, record.id, "amount",
                 fmt::format("the refunds of payment \"{}\" add up to {}, more than its amount {}",
                             payment.id, sum->second.to_string(), payment.amount.to_string()));
        }
        record.completes_payment = sum->second == payment.amount;
    }

    Ledger& ledger_;
    const References& references_;
    std::vector<std::uint32_t> place_; // record -> place in sequence
    static constexpr std::uint32_t no_signup = 0xFFFFFFFF;
    std::vector<std::uint32_t> signups_;                   // by customer: the signup's record
    absl::flat_hash_map<std::uint32_t, Decimal> refunded_; // payment -> sum so far
};

} // namespace

void validate(Ledger& ledger, const LedgerRules& rules, const References& references) {
    resolve_partners(ledger, rules, references);
    resolve_parents(ledger, references);
    order_sequence(ledger);
    SequenceChecks(ledger, references).run();
}

} // namespace accrue::reading
