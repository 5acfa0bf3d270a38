// The walk over the ledger's one sequence (ledger.md): attribution, statuses
// and rates change state as records pass (attribution.cpp); payments meet
// the exclusions and the line rules (accruals.cpp, periods.cpp); refunds
// meet the clawback policy (clawbacks.cpp); withdrawal requests meet the
// checks against the balance at that point of the sequence (withdrawals.cpp).
// walk.cpp runs the sequence and keeps the figures.
#pragma once

#include "interpreter/evaluate/active_customers.hpp"
#include "interpreter/evaluate/held_lines.hpp"
#include "interpreter/evaluate/observer.hpp"
#include "interpreter/values/chunked_vector.hpp"
#include "interpreter/values/large_allocator.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>
#include <absl/container/node_hash_map.h>

#include <deque>
#include <map>
#include <optional>
#include <queue>
#include <tuple>

namespace accrue::walking {

// The standard reasons (docs/language.md, "exclusions").
inline const std::string reason_no_partner = "no_partner";
inline const std::string reason_no_rule = "no_rule";
inline const std::string reason_not_accrued = "not_accrued";
inline const std::string reason_already_reversed = "already_reversed";
inline const std::string reason_no_clawback = "no_clawback";

// What only some programs need of a customer, allocated for those alone.
struct CustomerExtras {
    std::vector<Decimal> sums;       // `sum of X for customer`, by ProgramNeeds::customer_sums
    std::vector<std::uint32_t> once; // the rules with `once per customer` that paid it
};

// A status or click source, interned (Walk::intern): its number, 4 bytes
// where a view would be 16, in state kept per customer and per visitor.
using TextId = std::uint32_t;
inline constexpr TextId no_text = 0xFFFFFFFF;
inline constexpr std::uint32_t no_record = 0xFFFFFFFF;

// A click as attribution remembers it, so that the click's record need not
// be kept: a streamed read drops each record after its block.
struct Click {
    Instant at;
    std::uint32_t partner = no_partner;
    TextId source = no_text;
};

// A customer as the walk goes. One per customer of the ledger, so kept small:
// texts by number, the signup by record number, and what only some programs
// need (CustomerExtras) apart, in Walk::customer_extras_.
struct CustomerState {
    std::uint32_t holder = no_partner;
    std::uint32_t payments = 0; // payments seen so far in the sequence, excluded ones included
    TextId status = no_text;
    TextId click_source = no_text; // of the click that gave the holder; none: no click did
    // The customer's signup, if any (a streamed read keeps it only for a
    // program that reads it later: ProgramNeeds::customer_signup).
    std::uint32_t signup = no_record;
    std::optional<AttributionModel> attributed_by; // the model that gave the holder
    Instant first_paid_at;                         // the `at` of the first payment
    Instant last_paid_at;                          // and of the latest
    // Copied from the click and the signup, which every payment's scope
    // reads: their records lie far back in memory, a cache miss apiece.
    Instant clicked_at;
    Instant signed_up_at;

    void set_click(const Click* given) {
        click_source = given != nullptr ? given->source : no_text;
        clicked_at = given != nullptr ? given->at : Instant{};
    }
};

static_assert(sizeof(CustomerState) <= 56, "one per customer: keep it small");

// The name a program tests with `customer.attributed_by = "..."`.
std::string_view model_name(AttributionModel model);

// Who a signup gives the customer to, by which model, through which click.
struct Attributed {
    std::uint32_t holder = no_partner;
    std::optional<AttributionModel> by; // none: no holder
    const Click* click = nullptr;       // the click that gave the holder, if one did
};

struct PendingLine {
    Instant available_at;
    Decimal amount;
    friend bool operator>(const PendingLine& a, const PendingLine& b) {
        return a.available_at > b.available_at;
    }
};

// A partner's running figures while the sequence is walked.
struct PartnerState {
    std::string_view role;
    Currency payout;
    Decimal accrued;
    Decimal available_as_of;
    Decimal withdrawn;
    std::array<std::optional<Decimal>, line_kind_count> totals;
    // Balance lines not yet available at the current point of the walk.
    // A hold of one length makes lines available in the order they are made:
    // those wait in a queue, the others (out of that order) in a heap.
    std::deque<PendingLine> pending_in_order;
    std::priority_queue<PendingLine, std::vector<PendingLine>, std::greater<>> pending;
    Decimal released; // balance lines available at the current point

    void hold(const PendingLine& line);
    Decimal balance_at(Instant t);
};

// What the first pass learns about each period, for the aggregates.
struct PeriodTotals {
    // sum of X in period: by (aggregate, partner, period key).
    std::map<std::tuple<const Expr*, std::uint32_t, std::int64_t>, Decimal> sums;
    // paying_customers at period end: by (rule, partner), each customer's
    // first period (a key of a period in the years 0001 to 9999 fits 32 bits).
    std::map<std::pair<const LineRule*, std::uint32_t>,
             absl::flat_hash_map<std::uint32_t, std::int32_t>>
        first_period;
    // The single walk: how many customers have each first period.
    std::map<std::pair<const LineRule*, std::uint32_t>, std::map<std::int64_t, std::uint32_t>>
        first_counts;
    // The same as sorted keys, for counting (built after the pass).
    std::map<std::pair<const LineRule*, std::uint32_t>, std::vector<std::int64_t>> first_keys;

    void finish();
};

// Per (rule, partner, period): the `paid via` total of its commission lines, for benefits.
struct PeriodLines {
    Decimal via_total;
    Currency currency;
    Instant end;
    std::string label;
};

// A program whose tiers depend on its periods' aggregates is walked twice:
// the first walk only learns the aggregates (collected()); its lines are not
// the result. Every other program is walked once, as the final walk. A
// streamed walk of a program that holds_periods() may instead be the single
// walk, which holds a period's lines until the period closes (held_lines.hpp).
enum class Pass : std::uint8_t { learn_aggregates, final, single };

// Whether every rate that reads a period's aggregate chooses plain tiers by
// the aggregate itself, so that a line can be priced under each tier and
// its period's aggregate chosen later: then one walk (Pass::single) will do.
bool holds_periods(const Program& program);

// Whether the metric's value falls in the tier.
bool covers(const Tier& tier, const Decimal& metric);

class Walk {
  public:
    // `totals`: what the learning walk found (empty when no rule has aggregates).
    Walk(const Program& program, const Ledger& ledger, const EvaluationOptions& options, Pass pass,
         const PeriodTotals& totals, WalkObserver& observer);

    PeriodTotals& collected() { return collected_; }
    // The whole ledger's sequence.
    Report run();
    // A streamed walk (evaluate/stream.cpp), told the records as they are
    // read: begin_streamed() once every partner is known, next() for each
    // timed record in sequence order, end() for the report.
    void begin_streamed();
    void next(std::uint32_t index, const Record& r);
    // A record next() will be given soon: its customer's state is fetched
    // into the cache (reading it was most of a payment's time, a miss apiece),
    // and, for the record given `partner_ahead` calls before (its customer's
    // state has arrived by now), the state of that customer's holder.
    void ahead(const Record& r);
    // The payment numbered `index` will not be refunded again (its last
    // refund was walked): its commission lines' slots are freed for later
    // payments, but a held one's, which its period still prices.
    void done_with(std::uint32_t index);
    Report end();

  private:
    // walk.cpp
    void start();
    // Streamed: the state by record and by customer grows with the records read.
    void grow_to(std::uint32_t index, const Record& r);
    void step(std::uint32_t index, const Record& r);
    // A status or a click's source outlives its record (a streamed record's
    // text does not): the text once for the whole walk, at a place that does not move.
    TextId intern(std::string_view text);
    std::string_view interned(TextId id) const {
        return id == no_text ? std::string_view{} : interned_views_[id];
    }
    void remember(const Record& click);
    void finish();
    void sort_lines();
    void emit(Line line);
    void exclude(std::uint32_t record, std::uint32_t partner, const std::string& reason);
    [[nodiscard]] Scope scope_for(const Record& event) const;
    void set_partner(Scope& scope, std::uint32_t partner) const;
    [[noreturn]] void fail(const Record& r, const std::string& message) const;
    // attribution.cpp
    void signup(std::uint32_t index, const Record& r);
    [[nodiscard]] Attributed attribute(const Record& signup) const;
    [[nodiscard]] bool gives_to(const Attribution& a, std::uint32_t partner) const;
    [[nodiscard]] Instant window_start(const Attribution& a, Instant t) const;
    [[nodiscard]] const Click* first_click(const Attribution& a, const Record& signup) const;
    // `payment partner`: the payment's own partner, when the program lists it.
    [[nodiscard]] bool own_link(const Record& payment) const;
    void attach(const Record& r);
    // accruals.cpp
    void payment(std::uint32_t index, const Record& r);
    Scope payment_scope(const Record& r, CustomerState& customer, std::uint32_t holder,
                        bool own_link);
    const Decimal* add_to_customer_sums(std::uint32_t customer_index, const CustomerState& customer,
                                        const Scope& scope);
    [[nodiscard]] bool within_window(const Expr& window, Instant first, const Scope& scope) const;
    [[nodiscard]] Scope refund_scope(const Record& refund, const Record& paid,
                                     const Commission& c) const;
    const ClawbackRule* clawback_rule(std::uint32_t index, const Scope& scope);
    static const std::string* kept_by(const ClawbackRule* rule, const Commission& c);
    [[nodiscard]] Decimal clawed_back(const ClawbackRule& rule, const Decimal& amount,
                                      const Record& refund, const Record& paid,
                                      const Currency& currency) const;
    const std::string* claw_back(std::uint32_t index, const Record& r, const Record& paid,
                                 Commission& c);
    bool excluded_by_lists(std::uint32_t index, const Scope& scope, std::uint32_t holder);
    // The first rule of the holder's role that applies to the event makes
    // its line; false when none applies.
    bool apply_rules(EventKind event, std::uint32_t index, const Record& r, const Scope& scope,
                     std::uint32_t holder);
    bool apply_rule(std::size_t k, std::uint32_t index, const Record& r, const Scope& scope,
                    std::uint32_t holder);
    void price(Line& line, const LineRule& terms, const Scope& scope, std::uint32_t index,
               const LineRule& rule, ViaSteps& via);
    void keep_line(Line line, std::size_t k, const LineRule& rule,
                   const std::optional<Period>& period, const Currency& via,
                   const Decimal& via_amount);
    void add_to_period(std::size_t k, std::uint32_t partner, const Period& period,
                       const Currency& via, const Decimal& via_amount);
    // The slot (index + 1 into commissions_) the line is kept in for its
    // payment's refunds; 0 when no refund names its payment.
    std::uint32_t keep_for_refunds(const Line& line);
    Decimal rate_of(const Rate& rate, const Scope& scope, std::uint32_t index,
                    const LineRule& rule) const;
    [[nodiscard]] const Attribution* attribution_of(std::optional<AttributionModel> model,
                                                    std::uint32_t holder) const;
    [[nodiscard]] std::string_view earlier_line_event(const LineRule& rule, std::uint32_t holder,
                                                      const Record& r) const;
    [[nodiscard]] std::uint32_t recipient_of(const LineRule& rule, std::uint32_t holder) const;
    [[nodiscard]] const Tier& tier_of(const Rate& tiers, const Scope& scope, std::uint32_t index,
                                      const LineRule& rule) const;
    Decimal graduated(const Rate& rate, const Scope& scope, const Decimal& base,
                      Currency currency) const;
    // periods.cpp
    [[nodiscard]] Period period_of(const PeriodSpec& spec, Instant t, const Scope& scope) const;
    void collect(const LineRule& rule, const Scope& scope, std::uint32_t holder, const Record& r,
                 const Period& period);
    [[nodiscard]] Value aggregate(const Expr& e, const LineRule& rule, std::uint32_t holder,
                                  std::int64_t key) const;
    void unlock_benefits(PartnerTotals& totals);
    // held_lines.cpp
    void hold_line(const Line& line, std::size_t k, const LineRule& terms, const Rate& tiers,
                   Scope& scope, std::uint32_t holder, const Period& period);
    std::uint32_t held_group(std::size_t k, std::uint32_t holder, const Period& period,
                             const Currency& via);
    void find_held_rates();
    const std::string* claw_back_held(std::uint32_t index, const Record& r, const Record& paid,
                                      std::uint32_t slot);
    void require_balance_known(std::uint32_t partner, Instant t) const;
    // Every held period that ends at or before `now` is resolved.
    void close_periods(Instant now);
    void resolve(const HeldPeriod& held);
    [[nodiscard]] std::size_t chosen_tier(std::uint32_t group, const Rate& tiers) const;
    // The partner's figures for an amount of lines (emit() for one line).
    void credit(std::uint32_t partner, LineKind kind, bool provisional, Instant available_at,
                const Decimal& amount);
    // clawbacks.cpp
    void refund(std::uint32_t index, const Record& r);
    // withdrawals.cpp
    void withdrawal(std::uint32_t index, const Record& r);
    // `described`: each result with its detail (a report shows it).
    std::vector<CheckResult> run_checks(Scope& scope, bool& all_ok, bool described);
    void as_of_totals();
    // The scope's `active_customers within W`, for this partner at t.
    void count_active_customers(Scope& scope, std::uint32_t partner, Instant t);

    const Program& program_;
    const Ledger& ledger_;
    const EvaluationOptions& options_;
    WalkObserver& observer_;
    TimeZone zone_;
    Instant as_of_;
    RateTable rates_;
    ChunkedVector<CustomerState> customers_; // by customer_index
    // By customer_index, for the customers a program's sums or `once per
    // customer` have touched; nodes, so that a scope may point into one.
    absl::node_hash_map<std::uint32_t, CustomerExtras> customer_extras_;
    absl::flat_hash_map<std::string_view, std::uint32_t> promo_codes_;
    // The commission lines that refunds may reverse: those of the payments
    // a refund of the ledger names.
    std::vector<Commission> commissions_;
    std::vector<std::uint32_t> free_commissions_; // slots done_with() freed, + 1
    // By refunded payment: its first commission line, as an index into
    // commissions_ + 1 (0: none); the others follow through Commission::next.
    absl::flat_hash_map<std::uint32_t, std::uint32_t> commission_of_;
    std::vector<PartnerState> partners_;
    std::vector<bool> caused_line_; // by record
    // By partner: the customers with a counted payment (a commission,
    // discount or welcome_bonus line), for `paying_customers`.
    // Kept only when the program reads `paying_customers`.
    std::vector<absl::flat_hash_set<std::uint32_t>> paying_;
    absl::flat_hash_set<std::uint64_t> fired_once_; // (rule, partner) of `once per partner` rules
    Pass pass_;
    const PeriodTotals& totals_;
    // Kept only when a check reads `active_customers`.
    std::optional<ActiveCustomers> active_;
    PeriodTotals collected_; // filled by the first pass, or as the single walk goes
    // The single walk's held lines, by the instant their period ends.
    std::map<Instant, HeldPeriod> held_;
    std::vector<HeldGroup> held_groups_;
    absl::flat_hash_map<std::tuple<std::size_t, std::uint32_t, std::int64_t>, std::uint32_t>
        held_group_of_;
    absl::flat_hash_map<std::uint32_t, HeldCommission> held_commissions_; // by commissions_ + 1
    absl::flat_hash_set<const Rate*> held_rates_; // the rates that read an aggregate
    std::map<std::tuple<std::size_t, std::uint32_t, std::int64_t>, PeriodLines> period_lines_;
    // By visitor (a copy in visitor_texts_): the latest click earlier in the
    // sequence (`last click`).
    absl::flat_hash_map<std::string_view, Click> last_click_;
    // first click: every click of each visitor, in sequence order.
    absl::flat_hash_map<std::string_view, std::vector<Click>> clicks_;
    TextArena visitor_texts_;
    // Each status and click source once (interned_texts_), numbered by its
    // place in interned_views_.
    absl::flat_hash_map<std::string_view, TextId> interned_;
    std::vector<std::string_view> interned_views_;
    TextArena interned_texts_;
    Report report_;
    bool streamed_ = false;
    // The customers of the records ahead() was last given, in a ring.
    static constexpr std::size_t partner_ahead = 8;
    std::array<std::uint32_t, partner_ahead> customers_ahead_{};
    std::size_t ahead_count_ = 0;
    std::size_t after_as_of_ = 0;
    std::size_t excluded_ = 0; // counted whether kept or not (keep_lines)
    std::size_t withdrawals_ = 0;
    bool uses_last_click_ = false;
    bool uses_first_click_ = false;
    // `paying_customers` is counted when the program or `accrue explain` reads it.
    bool keeps_paying_ = false;
};

} // namespace accrue::walking
