#include "interpreter/evaluate/walk.hpp"

#include <fmt/format.h>

#include <algorithm>

namespace accrue::walking {

void PartnerState::hold(const PendingLine& line) {
    if (pending_in_order.empty() || pending_in_order.back().available_at <= line.available_at) {
        pending_in_order.push_back(line);
    } else {
        pending.push(line);
    }
}

Decimal PartnerState::balance_at(Instant t) {
    while (!pending_in_order.empty() && pending_in_order.front().available_at <= t) {
        released = released + pending_in_order.front().amount;
        pending_in_order.pop_front();
    }
    while (!pending.empty() && pending.top().available_at <= t) {
        released = released + pending.top().amount;
        pending.pop();
    }
    return released - withdrawn;
}

void PeriodTotals::finish() {
    for (auto& [owner, customers] : first_period) {
        auto& keys = first_keys[owner];
        for (const auto& [customer, key] : customers) {
            keys.push_back(key);
        }
        std::sort(keys.begin(), keys.end());
    }
}

Walk::Walk(const Program& program, const Ledger& ledger, const EvaluationOptions& options,
           Pass pass, const PeriodTotals& totals, WalkObserver& observer)
    : program_(program), ledger_(ledger), options_(options), observer_(observer),
      zone_(*TimeZone::locate(program.header.time_zone->name)), pass_(pass), totals_(totals) {
    if (pass_ == Pass::single) {
        find_held_rates();
    }
}

Scope Walk::scope_for(const Record& event) const {
    Scope s;
    s.ledger = &ledger_;
    s.zone = &zone_;
    s.rates = &rates_;
    s.rounding = program_.header.rounding;
    s.event = &event;
    s.conversions = observer_.conversions();
    return s;
}

void Walk::set_partner(Scope& scope, std::uint32_t partner) const {
    scope.partner = &ledger_.partners[partner];
    scope.partner_role = partners_[partner].role;
    scope.payout = partners_[partner].payout;
}

void Walk::fail(const Record& r, const std::string& message) const {
    throw EvaluationError(at_record(ledger_, r, message));
}

void Walk::credit(std::uint32_t partner, LineKind kind, bool provisional, Instant available_at,
                  const Decimal& amount) {
    PartnerState& p = partners_[partner];
    auto& total = p.totals[static_cast<std::size_t>(kind)];
    total = total.value_or(Decimal{}) + amount;
    if (kind == LineKind::commission || kind == LineKind::clawback) {
        p.accrued = p.accrued + amount;
        if (!provisional && available_at <= as_of_) {
            p.available_as_of = p.available_as_of + amount;
        }
        p.hold(PendingLine{available_at, amount});
    }
}

void Walk::emit(Line line) {
    credit(line.partner, line.kind, line.provisional, line.available_at, line.amount);
    if (line.kind == LineKind::commission || line.kind == LineKind::clawback) {
        // Released as the walk's clock passes them (balances are asked in
        // sequence order), so only lines still on hold are pending.
        partners_[line.partner].balance_at(line.at);
    }
    caused_line_[line.record] = true;
    if (options_.keep_lines) {
        report_.lines.push_back(std::move(line));
    }
}

void Walk::exclude(std::uint32_t record, std::uint32_t partner, const std::string& reason) {
    ++excluded_;
    if (options_.keep_lines) {
        report_.excluded.push_back(ExcludedEntry{record, partner, &reason});
    }
}

void Walk::start() {
    const auto uses = [&](AttributionModel model) {
        return std::any_of(program_.attribution.begin(), program_.attribution.end(),
                           [&](const Attribution& a) { return a.model == model; });
    };
    uses_last_click_ = uses(AttributionModel::last_click);
    uses_first_click_ = uses(AttributionModel::first_click);
    if (options_.as_of) {
        as_of_ = *options_.as_of;
    } else if (!ledger_.sequence.empty()) {
        as_of_ = ledger_.records[ledger_.sequence.back()].at;
    } else {
        throw EvaluationError(
            ledger_.file,
            "the ledger has no timed record, so there is no default as-of: give --as-of");
    }
    report_.as_of = as_of_;
    for (std::uint32_t i = 0; i < ledger_.partners.size(); ++i) {
        const Partner& partner = ledger_.partners[i];
        PartnerState state;
        state.role = partner.role.empty() ? std::string_view(program_.header.roles.front().name)
                                          : partner.role;
        state.payout = partner.currency.value_or(program_.header.currency);
        partners_.push_back(std::move(state));
        for (std::string_view code : partner.promo_codes) {
            promo_codes_.emplace(code, i);
        }
    }
    caused_line_.assign(ledger_.records.size(), false);
    keeps_paying_ = program_.needs.paying_customers || options_.explain_record.has_value();
    paying_.resize(keeps_paying_ ? ledger_.partners.size() : 0);
    if (!program_.needs.active_windows.empty()) {
        active_.emplace(ledger_.partners.size(), program_.needs.active_windows);
    }
    // Only a refunded payment's commission lines can be reversed, and the
    // ledger already names every refunded payment: those alone are kept.
    // (Streamed, those are the payments kept: grow_to().)
    for (const Record& r : ledger_.records) {
        if (r.type == RecordType::refund && !streamed_) {
            commission_of_.emplace(r.payment_index, 0);
        }
    }
    commissions_.reserve(commission_of_.size()); // about one line a payment
    customers_.resize(ledger_.customer_count());
}

void Walk::grow_to(std::uint32_t index, const Record& r) {
    if (index >= caused_line_.size()) {
        caused_line_.resize(std::max<std::size_t>(index + 1, caused_line_.size() * 2));
    }
    if (r.customer_index != Record::no_customer && r.customer_index >= customers_.size()) {
        customers_.resize(ledger_.customer_count());
    }
    if (r.kept && r.type == RecordType::payment) { // kept because a refund names it
        commission_of_.emplace(index, 0);
    }
}

void Walk::done_with(std::uint32_t index) {
    const auto refunded = commission_of_.find(index);
    if (refunded == commission_of_.end()) {
        return;
    }
    for (std::uint32_t slot = refunded->second; slot != 0;) {
        Commission& c = commissions_[slot - 1];
        const std::uint32_t next = c.next;
        if (c.held) { // a held line's slot is its period's until the period ends
            c.next = 0;
        } else {
            c = Commission{};
            free_commissions_.push_back(slot);
        }
        slot = next;
    }
    commission_of_.erase(refunded);
}

TextId Walk::intern(std::string_view text) {
    const auto found = interned_.find(text);
    if (found != interned_.end()) {
        return found->second;
    }
    const auto id = static_cast<TextId>(interned_views_.size());
    interned_.emplace(interned_views_.emplace_back(interned_texts_.copy(text)), id);
    return id;
}

// What attribution reads of a click, copied: the record is not kept.
void Walk::remember(const Record& r) {
    if (!uses_last_click_ && !uses_first_click_) {
        return;
    }
    const Click click{r.at, r.partner_index, intern(r.source())};
    if (uses_last_click_) {
        if (const auto it = last_click_.find(r.visitor()); it != last_click_.end()) {
            it->second = click;
        } else {
            last_click_.emplace(visitor_texts_.copy(r.visitor()), click);
        }
    }
    if (uses_first_click_) {
        if (const auto it = clicks_.find(r.visitor()); it != clicks_.end()) {
            it->second.push_back(click);
        } else {
            clicks_.emplace(visitor_texts_.copy(r.visitor()), std::vector<Click>{click});
        }
    }
}

void Walk::step(std::uint32_t index, const Record& r) {
    switch (r.type) {
    case RecordType::rate:
        rates_.update(r);
        break;
    case RecordType::signup:
        signup(index, r);
        break;
    case RecordType::attach:
        attach(r);
        break;
    case RecordType::status:
        customers_[r.customer_index].status = intern(r.status());
        break;
    case RecordType::payment:
        payment(index, r);
        break;
    case RecordType::refund:
        if (pass_ != Pass::learn_aggregates) { // what it learns never depends on a refund
            refund(index, r);
        }
        break;
    case RecordType::withdrawal:
        if (pass_ != Pass::learn_aggregates) { // nor on a withdrawal: `balance` is for checks
            withdrawal(index, r);
        }
        break;
    case RecordType::click:
        remember(r);
        break;
    case RecordType::partner:
        break;
    }
}

void Walk::finish() {
    close_periods(Instant{std::numeric_limits<std::int64_t>::max()}); // at as-of, as they stand
    as_of_totals();
    Summary& s = report_.summary;
    s.records = ledger_.record_count();
    s.after_as_of = after_as_of_;
    s.accrued =
        static_cast<std::size_t>(std::count(caused_line_.begin(), caused_line_.end(), true));
    s.excluded = excluded_;
    s.withdrawals = withdrawals_;
    s.informational = s.records - s.accrued - s.excluded - s.withdrawals - s.after_as_of;

    sort_lines();
}

// By at, then event id, then kind (report.md). Lines are made in sequence
// order, so they are usually in order of `at` already: then only each run of
// lines at one instant is sorted, instead of moving every line log n times.
void Walk::sort_lines() {
    const auto kind_name = [](LineKind k) { return std::string_view(line_kind_name(k)); };
    const auto before = [&](const Line& a, const Line& b) {
        if (a.at != b.at) {
            return a.at < b.at;
        }
        const std::string_view ea = ledger_.record(a.record).id;
        const std::string_view eb = ledger_.record(b.record).id;
        if (ea != eb) {
            return ea < eb;
        }
        return kind_name(a.kind) < kind_name(b.kind);
    };
    auto& lines = report_.lines;
    const auto by_at = [](const Line& a, const Line& b) { return a.at < b.at; };
    if (!std::is_sorted(lines.begin(), lines.end(), by_at)) {
        std::stable_sort(lines.begin(), lines.end(), before);
        return;
    }
    for (auto run = lines.begin(); run != lines.end();) {
        const auto end =
            std::find_if(run, lines.end(), [&](const Line& l) { return l.at != run->at; });
        if (end - run > 1) {
            std::stable_sort(run, end, before);
        }
        run = end;
    }
}

Report Walk::run() {
    start();
    for (const std::uint32_t index : ledger_.sequence) {
        next(index, ledger_.records[index]);
    }
    return end();
}

void Walk::begin_streamed() {
    streamed_ = true;
    start();
}

void Walk::next(std::uint32_t index, const Record& r) {
    if (r.at > as_of_) {
        ++after_as_of_;
        return;
    }
    if (streamed_) {
        grow_to(index, r);
    }
    close_periods(r.at); // the periods that end at or before this record are complete
    try {
        step(index, r);
    } catch (const DecimalOverflow& overflow) {
        fail(r, overflow.what()); // the figures of this record leave the decimal range
    }
}

void Walk::ahead(const Record& r) {
    if (r.customer_index < customers_.size()) { // else a customer not seen yet
        const char* state = reinterpret_cast<const char*>(&customers_[r.customer_index]);
        __builtin_prefetch(state);
        __builtin_prefetch(state + sizeof(CustomerState) - 1); // it may span two lines
    }
    std::uint32_t& slot = customers_ahead_[ahead_count_++ % partner_ahead];
    const std::uint32_t earlier = slot;
    slot = r.customer_index;
    if (ahead_count_ <= partner_ahead || earlier >= customers_.size()) {
        return;
    }
    const std::uint32_t holder = customers_[earlier].holder;
    if (holder < partners_.size()) {
        // A payment's line reads and writes most of its holder's state (role
        // and payout, sums, the queue of held lines) and the partner record.
        const char* state = reinterpret_cast<const char*>(&partners_[holder]);
        for (std::size_t at = 0; at < sizeof(PartnerState); at += 64) {
            __builtin_prefetch(state + at);
        }
        __builtin_prefetch(&ledger_.partners[holder]);
    }
}

Report Walk::end() {
    finish();
    return std::move(report_);
}

} // namespace accrue::walking
