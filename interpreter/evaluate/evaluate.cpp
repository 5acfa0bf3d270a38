// The walk over the ledger's one sequence (ledger.md): attribution, statuses
// and rates change state as records pass; payments meet the exclusions and
// the line rules; refunds meet the clawback policy; withdrawal requests meet
// the checks against the balance at that point of the sequence.
#include "interpreter/evaluate/evaluate.hpp"

#include "interpreter/evaluate/expression.hpp"

#include <absl/container/flat_hash_map.h>
#include <absl/container/flat_hash_set.h>

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <queue>
#include <tuple>

namespace accrue {

namespace {

// The standard reasons (docs/language.md, "exclusions").
const std::string reason_no_partner = "no_partner";
const std::string reason_no_rule = "no_rule";
const std::string reason_not_accrued = "not_accrued";
const std::string reason_already_reversed = "already_reversed";

struct CustomerState {
    std::uint32_t holder = no_partner;
    std::string_view attributed_by; // the model that gave the holder
    std::string_view click_source;  // the source of the click that gave the holder
    std::string_view status;
    std::uint32_t payments = 0; // payments seen so far in the sequence, excluded ones included
    Instant first_paid_at;      // the `at` of the first of them
};

// The name a program tests with `customer.attributed_by = "..."`.
std::string_view model_name(AttributionModel model) {
    switch (model) {
    case AttributionModel::signup_link:
        return "signup_link";
    case AttributionModel::signup_partner:
        return "signup_partner";
    case AttributionModel::promo_code:
        return "promo_code";
    case AttributionModel::last_click:
        return "last_click";
    case AttributionModel::attach:
        return "attach";
    }
    return "";
}

// What a payment earned, kept for its refunds.
struct Commission {
    Decimal amount;
    Instant available_at;
    std::uint32_t partner = no_partner;
    Currency currency;
    bool provisional = false;
    bool reversed = false; // whole_once: a refund already reversed it
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
    std::priority_queue<PendingLine, std::vector<PendingLine>, std::greater<>> pending;
    Decimal released; // balance lines available at the current point

    Decimal balance_at(Instant t) {
        while (!pending.empty() && pending.top().available_at <= t) {
            released = released + pending.top().amount;
            pending.pop();
        }
        return released - withdrawn;
    }
};

// One period of a rule, for one partner.
struct Period {
    std::int64_t key = 0; // orders the periods of a rule and partner
    Instant start;
    Instant end; // the first instant after the period
    std::string label;
};

std::int64_t floor_div(std::int64_t a, std::int64_t b) {
    return a / b - ((a % b != 0) && ((a < 0) != (b < 0)) ? 1 : 0);
}

// What the first pass learns about each period, for the aggregates.
struct PeriodTotals {
    // sum of X in period: by (aggregate, partner, period key).
    std::map<std::tuple<const Expr*, std::uint32_t, std::int64_t>, Decimal> sums;
    // paying_customers at period end: by (rule, partner), each customer's first period.
    std::map<std::pair<const LineRule*, std::uint32_t>,
             absl::flat_hash_map<std::string_view, std::int64_t>>
        first_period;
    // The same as sorted keys, for counting (built after the pass).
    std::map<std::pair<const LineRule*, std::uint32_t>, std::vector<std::int64_t>> first_keys;

    void finish() {
        for (auto& [owner, customers] : first_period) {
            auto& keys = first_keys[owner];
            for (const auto& [customer, key] : customers) {
                keys.push_back(key);
            }
            std::sort(keys.begin(), keys.end());
        }
    }
};

bool counts_in_balance(LineKind kind) {
    return kind == LineKind::commission || kind == LineKind::clawback;
}

bool applies_to(const std::vector<Named>& roles, std::string_view role) {
    if (roles.empty()) {
        return true;
    }
    return std::any_of(roles.begin(), roles.end(), [&](const Named& r) { return r.name == role; });
}

class Walk {
  public:
    // With `totals` null, this is the first pass: it only learns each
    // period's aggregates (collected()), and its lines are not the result.
    Walk(const Program& program, const Ledger& ledger, const EvaluationOptions& options,
         const PeriodTotals* totals)
        : program_(program), ledger_(ledger), options_(options),
          zone_(*TimeZone::locate(program.header.time_zone->name)), totals_(totals) {}

    PeriodTotals& collected() { return collected_; }
    void set_first_pass() { first_pass_ = true; }

    Report run();

  private:
    void signup(std::uint32_t index, const Record& r);
    void attach(const Record& r);
    void payment(std::uint32_t index, const Record& r);
    void refund(std::uint32_t index, const Record& r);
    void withdrawal(std::uint32_t index, const Record& r);
    // The first rule of the holder's role that applies to the event makes
    // its line; false when none applies.
    bool apply_rules(EventKind event, std::uint32_t index, const Record& r, const Scope& scope,
                     std::uint32_t holder);
    void emit(Line line);
    void exclude(std::uint32_t record, std::uint32_t partner, const std::string& reason);
    void as_of_totals();
    Scope scope_for(const Record& event) const;
    void set_partner(Scope& scope, std::uint32_t partner) const;
    std::vector<CheckResult> run_checks(Scope& scope, bool& all_ok);
    Decimal rate_of(const Rate& rate, const Scope& scope, const Record& r,
                    const LineRule& rule) const;
    Decimal graduated(const Rate& rate, const Scope& scope, const Decimal& base,
                      Currency currency) const;
    [[noreturn]] void fail(const Record& r, const std::string& message) const {
        throw EvaluationError(at_record(ledger_, r, message));
    }

    const Program& program_;
    const Ledger& ledger_;
    const EvaluationOptions& options_;
    TimeZone zone_;
    Instant as_of_;
    RateTable rates_;
    absl::flat_hash_map<std::string_view, CustomerState> customers_;
    absl::flat_hash_map<std::string_view, std::uint32_t> promo_codes_;
    std::vector<Commission> commissions_;      // the commission lines that refunds may reverse
    std::vector<std::uint32_t> commission_of_; // by record: index into commissions_ + 1; 0: none
    std::vector<PartnerState> partners_;
    std::vector<bool> caused_line_; // by record
    // By partner: the customers with a counted payment (a commission,
    // discount or welcome_bonus line), for `paying_customers`.
    std::vector<absl::flat_hash_set<std::string_view>> paying_;
    absl::flat_hash_set<std::uint64_t> fired_once_; // (rule, partner) of `once per partner` rules
    const PeriodTotals* totals_;                    // null in the first pass
    bool first_pass_ = false;                       // a walk whose lines are not the result
    std::uint32_t explaining_ = UINT32_MAX;         // the record being explained, if any
    void note(std::string step) const { options_.explanation->push_back(std::move(step)); }
    [[nodiscard]] bool explains(std::uint32_t index) const { return index == explaining_; }
    [[nodiscard]] bool explains(const Record& r) const {
        return explaining_ != UINT32_MAX && &r == &ledger_.records[explaining_];
    }
    std::string money(const Decimal& amount, Currency currency) const {
        std::string text = amount.widened(currency.minor_units()).to_string();
        text += ' ';
        text += currency.code_view();
        return text;
    }
    // By partner: its counted payments in sequence order, for active_customers.
    struct CountedPayment {
        Instant at;
        std::string_view customer;
        std::uint32_t payment = 0;
    };
    std::vector<std::vector<CountedPayment>> counted_;
    absl::flat_hash_map<std::uint32_t, Decimal> refunded_; // payment -> refunded so far
    std::size_t active_customers(std::uint32_t partner, Instant t, Duration window) const;
    PeriodTotals collected_; // filled by the first pass
    // Per (rule, partner, period): the `paid via` total of its commission lines, for benefits.
    struct PeriodLines {
        Decimal via_total;
        Currency currency;
        Instant end;
        std::string label;
    };
    std::map<std::tuple<std::size_t, std::uint32_t, std::int64_t>, PeriodLines> period_lines_;
    Period period_of(const PeriodSpec& spec, Instant t, const Scope& scope) const;
    void collect(const LineRule& rule, const Scope& scope, std::uint32_t holder, const Record& r,
                 const Period& period);
    void unlock_benefits(PartnerTotals& totals);
    // By visitor: the latest click earlier in the sequence (`last click`).
    absl::flat_hash_map<std::string_view, const Record*> last_click_;
    Report report_;
    bool uses_attach_ = false;
    bool uses_last_click_ = false;
};

Scope Walk::scope_for(const Record& event) const {
    Scope s;
    s.ledger = &ledger_;
    s.zone = &zone_;
    s.rates = &rates_;
    s.rounding = program_.header.rounding;
    s.event = &event;
    return s;
}

void Walk::set_partner(Scope& scope, std::uint32_t partner) const {
    scope.partner = &ledger_.partners[partner];
    scope.partner_role = partners_[partner].role;
    scope.payout = partners_[partner].payout;
}

void Walk::signup(std::uint32_t index, const Record& r) {
    std::uint32_t holder = no_partner;
    std::string_view by;
    std::string_view source;
    for (const Attribution& a : program_.attribution) {
        if (a.model == AttributionModel::signup_link && r.has_partner &&
            (r.via.empty() || r.via == "link")) {
            holder = r.partner_index;
        } else if (a.model == AttributionModel::signup_partner && r.has_partner) {
            holder = r.partner_index;
        } else if (a.model == AttributionModel::promo_code && !r.promo_code.empty()) {
            if (const auto it = promo_codes_.find(r.promo_code); it != promo_codes_.end()) {
                holder = it->second;
            }
        } else if (a.model == AttributionModel::last_click && !r.visitor.empty()) {
            // "within N days before t": t - N days <= click.at <= t, and the
            // click is earlier in the sequence (a later one in the file at the
            // same instant has not happened yet).
            if (const auto it = last_click_.find(r.visitor);
                it != last_click_.end() && r.at - a.window <= it->second->at) {
                holder = it->second->partner_index;
                source = it->second->source;
            }
        }
        if (holder != no_partner) {
            by = model_name(a.model);
            break;
        }
    }
    CustomerState& customer = customers_[r.customer];
    customer.holder = holder;
    customer.attributed_by = by;
    customer.click_source = source;
    if (holder == no_partner) {
        return;
    }
    Scope scope = scope_for(r);
    scope.signup = &r;
    scope.customer.status = customer.status;
    scope.customer.attributed_by = by;
    scope.customer.click_source = source;
    set_partner(scope, holder);
    apply_rules(EventKind::signup, index, r, scope, holder);
}

void Walk::attach(const Record& r) {
    if (uses_attach_) {
        CustomerState& customer = customers_[r.customer];
        customer.holder = r.partner_index;
        customer.attributed_by = model_name(AttributionModel::attach);
        customer.click_source = {}; // an attach clears the traffic the customer came through
    }
}

void Walk::emit(Line line) {
    PartnerState& p = partners_[line.partner];
    auto& total = p.totals[static_cast<std::size_t>(line.kind)];
    total = total.value_or(Decimal{}) + line.amount;
    if (counts_in_balance(line.kind)) {
        p.accrued = p.accrued + line.amount;
        if (!line.provisional && line.available_at <= as_of_) {
            p.available_as_of = p.available_as_of + line.amount;
        }
        p.pending.push(PendingLine{line.available_at, line.amount});
    }
    caused_line_[line.record] = true;
    if (options_.keep_lines) {
        report_.lines.push_back(std::move(line));
    }
}

void Walk::exclude(std::uint32_t record, std::uint32_t partner, const std::string& reason) {
    report_.excluded.push_back(ExcludedEntry{record, partner, &reason});
}

Decimal Walk::rate_of(const Rate& rate, const Scope& scope, const Record& r,
                      const LineRule& rule) const {
    switch (rate.form) {
    case Rate::Form::fixed:
        return evaluate_expression(*rate.fixed, scope).number;
    case Rate::Form::cases:
        for (const RateCase& c : rate.cases) {
            if (!c.condition || evaluate_expression(*c.condition, scope).boolean) {
                if (explains(r)) {
                    note(fmt::format("rate case on line {} {}", c.pos.line,
                                     c.condition ? "holds" : "(otherwise)"));
                }
                return evaluate_expression(*c.rate, scope).number;
            }
        }
        break;
    case Rate::Form::tiers: {
        const Decimal metric = evaluate_expression(*rate.metric, scope).number;
        for (const Tier& t : rate.tiers) {
            const bool above = !t.from || metric >= t.from->number;
            const bool below =
                !t.to || (t.to_inclusive ? metric <= t.to->number : metric < t.to->number);
            if (above && below) {
                if (explains(r)) {
                    note(fmt::format("tiers chosen by {} -> the tier on line {}",
                                     metric.to_string(), t.pos.line));
                }
                return evaluate_expression(*t.rate, scope).number;
            }
        }
        fail(r, fmt::format("no tier of rule `{}` covers {}", rule.name.name, metric.to_string()));
    }
    }
    fail(r, fmt::format("no rate case of rule `{}` applies", rule.name.name));
}

Decimal Walk::graduated(const Rate& rate, const Scope& scope, const Decimal& base,
                        Currency currency) const {
    // The base covers [metric - base, metric]; each part is paid at the rate
    // of its band. A band runs from its `from` to the next band's `from`.
    const Decimal top = evaluate_expression(*rate.metric, scope).number;
    const Decimal bottom = top - base;
    const Decimal unit = Decimal::unit(currency.minor_units());
    Decimal amount;
    for (std::size_t i = 0; i < rate.tiers.size(); ++i) {
        const Tier& tier = rate.tiers[i];
        const Decimal low = tier.from ? std::max(bottom, tier.from->number) : bottom;
        Decimal high = top;
        if (tier.to) {
            high = std::min(top, tier.to_inclusive ? tier.to->number + unit : tier.to->number);
        }
        if (high > low) {
            amount = amount + (high - low) * evaluate_expression(*tier.rate, scope).number;
        }
    }
    return amount;
}

void Walk::payment(std::uint32_t index, const Record& r) {
    Scope scope = scope_for(r);
    scope.payment = &r;
    CustomerState& customer = customers_[r.customer];
    const std::uint32_t holder = customer.holder;
    scope.customer.status = customer.status;
    scope.customer.attributed_by = customer.attributed_by;
    scope.customer.click_source = customer.click_source;
    scope.customer.first_payment = customer.payments == 0;
    if (scope.customer.first_payment) {
        customer.first_paid_at = r.at;
    }
    ++customer.payments; // whatever becomes of this payment, it was paid
    scope.customer.payment_number = customer.payments;
    scope.customer.first_paid_at = customer.first_paid_at;
    if (holder != no_partner) {
        set_partner(scope, holder);
        const auto& paying = paying_[holder];
        scope.paying_customers = paying.size() + (paying.contains(r.customer) ? 0 : 1);
    }
    const bool explain = explains(index);
    if (explain) {
        note(fmt::format("payment {}: {} from customer {} at {}", r.id, money(r.amount, r.currency),
                         r.customer, zone_.format(r.at)));
        if (holder == no_partner) {
            note(fmt::format("customer {} has no partner at this payment", r.customer));
        } else {
            note(fmt::format("customer {} is held by partner {} (role {}), attributed by {}{}",
                             r.customer, ledger_.partners[holder].id, scope.partner_role,
                             customer.attributed_by,
                             customer.click_source.empty()
                                 ? ""
                                 : fmt::format(", click source \"{}\"", customer.click_source)));
            note(fmt::format(
                "customer.first_payment: {}; paying_customers of {} (this one included): {}",
                scope.customer.first_payment, ledger_.partners[holder].id, scope.paying_customers));
        }
        std::vector<Currency> shown;
        for (const Currency c : {r.currency, scope.payout}) {
            if (!c.valid() || c.code() == "USD" ||
                std::find(shown.begin(), shown.end(), c) != shown.end()) {
                continue;
            }
            shown.push_back(c);
            if (const auto rate = rates_.in_force(c)) {
                note(fmt::format("rate in force: 1 USD = {} {}", rate->to_string(), c.code()));
            }
        }
    }
    // Exclusions: a payment without a partner meets every list.
    for (const ExclusionList& list : program_.exclusions) {
        if (holder != no_partner && !applies_to(list.roles, scope.partner_role)) {
            continue;
        }
        for (const Exclusion& exclusion : list.items) {
            const bool holds = evaluate_expression(*exclusion.condition, scope).boolean;
            if (explain) {
                note(fmt::format("exclusion {} (line {}): {}", exclusion.name.name,
                                 exclusion.name.pos.line,
                                 holds ? "holds -> excluded" : "does not hold"));
            }
            if (holds) {
                exclude(index, holder, exclusion.name.name);
                return;
            }
        }
    }
    if (holder == no_partner) {
        if (explain) {
            note("no partner -> excluded: no_partner");
        }
        exclude(index, holder, reason_no_partner);
        return;
    }
    if (!apply_rules(EventKind::payment, index, r, scope, holder)) {
        if (explain) {
            note("no rule applies -> excluded: no_rule");
        }
        exclude(index, holder, reason_no_rule);
        return;
    }
    paying_[holder].insert(r.customer); // a counted payment
    counted_[holder].push_back({r.at, r.customer, index});
}

std::size_t Walk::active_customers(std::uint32_t partner, Instant t, Duration window) const {
    // Counted payments in [t - window, t], earlier in the sequence, not fully
    // refunded by t (partial refunds added up).
    absl::flat_hash_set<std::string_view> customers;
    const auto& payments = counted_[partner];
    for (auto it = payments.rbegin(); it != payments.rend() && t - window <= it->at; ++it) {
        const auto refunded = refunded_.find(it->payment);
        if (refunded == refunded_.end() || refunded->second < ledger_.records[it->payment].amount) {
            customers.insert(it->customer);
        }
    }
    return customers.size();
}

Period Walk::period_of(const PeriodSpec& spec, Instant t, const Scope& scope) const {
    Period p;
    const LocalDate day = zone_.local_date(t);
    if (spec.kind == PeriodSpec::Kind::calendar_month) {
        const YearMonth month = month_of(day);
        p.key = static_cast<std::int64_t>(month.year) * 12 + (month.month - 1);
        p.start = zone_.start_of(first_day(month));
        p.end = zone_.start_of(first_day(add_months(month, 1)));
        p.label = format_month(month);
        return p;
    }
    // Period k runs from local day D0 + N k to D0 + N (k + 1), D0 the anchor's local date.
    const LocalDate first = zone_.local_date(evaluate_expression(*spec.anchor, scope).instant());
    const std::int64_t days = spec.length.micros / Duration::days(1).micros;
    p.key = floor_div(day.days - first.days, days);
    const LocalDate begin = add_days(first, p.key * days);
    const LocalDate next = add_days(begin, days);
    p.start = zone_.start_of(begin);
    p.end = zone_.start_of(next);
    p.label = format_date(begin) + "/" + format_date(add_days(next, -1));
    return p;
}

void Walk::collect(const LineRule& rule, const Scope& scope, std::uint32_t holder, const Record& r,
                   const Period& period) {
    for (const Expr* aggregate : rule.aggregates) {
        if (aggregate->kind == ExprKind::period_sum) {
            Decimal& sum = collected_.sums[{aggregate, holder, period.key}];
            sum = sum + evaluate_expression(*aggregate->args[0], scope).number;
        } else {
            auto& first = collected_.first_period[{&rule, holder}];
            first.emplace(r.customer, period.key); // the first period stays
        }
    }
}

bool Walk::apply_rules(EventKind event, std::uint32_t index, const Record& r, const Scope& scope,
                       std::uint32_t holder) {
    for (std::size_t k = 0; k < program_.rules.size(); ++k) {
        const LineRule& rule = program_.rules[k];
        if (rule.event != event || !applies_to(rule.roles, scope.partner_role)) {
            continue;
        }
        const std::uint64_t once_key = (static_cast<std::uint64_t>(k) << 32) | holder;
        if (rule.once_per_partner && fired_once_.contains(once_key)) {
            continue;
        }
        const TermsVersion* version = rule.version_at(r.at);
        const LineRule& terms = version != nullptr ? version->terms : rule;
        if (explains(index) && version != nullptr) {
            note(fmt::format("rule {}: the terms from {} (line {}) are in force", rule.name.name,
                             version->first_day.name, version->first_day.pos.line));
        }
        if (terms.when && !evaluate_expression(*terms.when, scope).boolean) {
            if (explains(index)) {
                note(fmt::format("rule {} (line {}): its `when` does not hold", rule.name.name,
                                 rule.name.pos.line));
            }
            continue;
        }
        if (explains(index)) {
            note(fmt::format("rule {} (line {}) applies: a {} line", rule.name.name,
                             rule.name.pos.line, line_kind_name(rule.kind)));
        }
        Line line;
        line.record = index;
        line.partner = holder;
        line.kind = rule.kind;
        line.rule = &rule.name.name;
        line.currency = scope.payout;
        line.at = r.at;
        Scope rule_scope = scope;
        std::optional<Period> period;
        if (rule.period) {
            period = period_of(*rule.period, r.at, scope);
            rule_scope.period_start = period->start;
            rule_scope.period_end = period->end;
            line.provisional = period->end > as_of_;
            if (totals_ == nullptr) {
                // First pass: learn the aggregates; the amounts come in the second.
                collect(rule, rule_scope, holder, r, *period);
                emit(std::move(line));
                return true;
            }
            rule_scope.aggregate = [this, &rule, holder, key = period->key](const Expr& e) {
                if (e.kind == ExprKind::period_sum) {
                    const auto it = totals_->sums.find({&e, holder, key});
                    return it == totals_->sums.end() ? Value::of_money(Decimal{}, e.type.currency)
                                                     : Value::of_money(it->second, e.type.currency);
                }
                const auto it = totals_->first_keys.find({&rule, holder});
                const std::size_t count =
                    it == totals_->first_keys.end()
                        ? 0
                        : static_cast<std::size_t>(
                              std::upper_bound(it->second.begin(), it->second.end(), key) -
                              it->second.begin());
                return Value::of_number(Decimal::from_int(static_cast<std::int64_t>(count)));
            };
        }
        Decimal via_amount;
        if (terms.amount) {
            line.amount = evaluate_expression(*terms.amount, rule_scope).number;
        } else {
            line.has_base = true;
            const Value base = evaluate_expression(*terms.base, rule_scope);
            line.base = base.number;
            if (terms.rate->graduated) {
                line.has_rate = false;
                line.amount = graduated(*terms.rate, rule_scope, line.base, base.currency);
            } else {
                line.rate = rate_of(*terms.rate, rule_scope, r, rule);
                line.amount = line.base * line.rate;
            }
            if (terms.via.valid()) {
                // "Double conversion": round in the base's currency, then to the
                // via currency, then to the payout currency, each step rounded.
                const Decimal in_base =
                    line.amount.rounded(base.currency.minor_units(), program_.header.rounding);
                via_amount = rates_.convert(in_base, base.currency, terms.via, ledger_, r, zone_);
                line.amount =
                    rates_.convert(via_amount, terms.via, line.currency, ledger_, r, zone_);
            }
        }
        line.amount = line.amount.rounded(line.currency.minor_units(), program_.header.rounding);
        if (!terms.via.valid()) {
            via_amount = line.amount;
        }
        line.available_at = terms.available_at
                                ? evaluate_expression(*terms.available_at, rule_scope).instant()
                                : r.at;
        if (explains(index)) {
            if (period) {
                note(fmt::format("period {} ({} to {}){}", period->label,
                                 zone_.format(period->start), zone_.format(period->end),
                                 line.provisional ? ", still open at as-of: provisional" : ""));
            }
            if (line.has_base && line.has_rate) {
                note(fmt::format(
                    "{} x {} = {}{} -> {}", line.base.to_string(),
                    line.rate.normalized().to_string(), (line.base * line.rate).to_string(),
                    terms.via.valid() ? fmt::format(" (paid via {}: {})", terms.via.code(),
                                                    money(via_amount, terms.via))
                                      : "",
                    money(line.amount, line.currency)));
            } else {
                note(fmt::format("amount: {}", money(line.amount, line.currency)));
            }
            note(fmt::format("available at {}", zone_.format(line.available_at)));
        }
        if (period && rule.kind == LineKind::commission) {
            PeriodLines& lines = period_lines_[{k, holder, period->key}];
            lines.via_total = lines.via_total + via_amount;
            lines.currency = terms.via.valid() ? terms.via : line.currency;
            lines.end = period->end;
            lines.label = period->label;
        }
        if (rule.kind == LineKind::commission) {
            commissions_.push_back(Commission{line.amount, line.available_at, holder, line.currency,
                                              line.provisional, false});
            commission_of_[index] = static_cast<std::uint32_t>(commissions_.size());
        }
        if (rule.once_per_partner) {
            fired_once_.insert(once_key);
        }
        emit(std::move(line));
        return true;
    }
    return false;
}

void Walk::refund(std::uint32_t index, const Record& r) {
    {
        const Record& paid = ledger_.records[r.payment_index];
        Decimal& sum = refunded_[r.payment_index];
        sum = sum + (r.has_amount ? r.amount : paid.amount);
    }
    const std::uint32_t which = commission_of_[r.payment_index];
    const Record& refunded_payment = ledger_.records[r.payment_index];
    if (explains(index)) {
        note(fmt::format(
            "refund {} of payment {}: {} of {}", r.id, refunded_payment.id,
            money(r.has_amount ? r.amount : refunded_payment.amount, refunded_payment.currency),
            money(refunded_payment.amount, refunded_payment.currency)));
    }
    if (!program_.clawback || which == 0) {
        if (explains(index)) {
            note("the payment has no commission line -> excluded: not_accrued");
        }
        exclude(index, no_partner, reason_not_accrued);
        return;
    }
    Commission& c = commissions_[which - 1];
    if (explains(index)) {
        note(fmt::format("its commission: {} to {}, available at {}{}", money(c.amount, c.currency),
                         ledger_.partners[c.partner].id, zone_.format(c.available_at),
                         c.provisional ? ", provisional" : ""));
    }
    const ClawbackRule& rule = *program_.clawback;
    Line line;
    line.record = index;
    line.partner = c.partner;
    line.kind = LineKind::clawback;
    line.rule = &rule.name.name;
    line.currency = c.currency;
    line.at = r.at;
    line.available_at = std::max(r.at, c.available_at);
    line.provisional = c.provisional;
    if (rule.policy == ClawbackRule::Policy::whole_once) {
        if (c.reversed) {
            exclude(index, c.partner, reason_already_reversed);
            return;
        }
        c.reversed = true;
        line.amount = -c.amount;
    } else {
        const Record& paid = ledger_.records[r.payment_index];
        const Decimal refunded = r.has_amount ? r.amount : paid.amount;
        line.amount = -Decimal::divide(c.amount * refunded, paid.amount, c.currency.minor_units(),
                                       program_.header.rounding);
    }
    if (explains(index)) {
        note(fmt::format(
            "clawback {} -> {}, available at the later of the refund and the commission: {}",
            rule.policy == ClawbackRule::Policy::whole_once
                ? "of the whole commission"
                : "in proportion to the refunded amount",
            money(line.amount, line.currency), zone_.format(line.available_at)));
    }
    emit(std::move(line));
}

std::vector<CheckResult> Walk::run_checks(Scope& scope, bool& all_ok) {
    std::vector<CheckResult> results;
    all_ok = true;
    if (!program_.withdrawal) {
        return results;
    }
    for (const Check& check : program_.withdrawal->checks) {
        const bool ok = evaluate_expression(*check.condition, scope).boolean;
        results.push_back(
            CheckResult{&check.name.name, ok, describe_check(*check.condition, scope, ok)});
        all_ok = all_ok && ok;
    }
    return results;
}

void Walk::withdrawal(std::uint32_t index, const Record& r) {
    PartnerState& p = partners_[r.partner_index];
    Scope scope = scope_for(r);
    set_partner(scope, r.partner_index);
    scope.request_id = r.id;
    scope.request_at = r.at;
    scope.request_amount = r.amount;
    scope.balance = p.balance_at(r.at);
    scope.aggregate = [this, partner = r.partner_index, t = r.at](const Expr& e) {
        return Value::of_number(
            Decimal::from_int(static_cast<std::int64_t>(active_customers(partner, t, e.duration))));
    };
    WithdrawalDecision decision;
    decision.record = index;
    decision.partner = r.partner_index;
    decision.checks = run_checks(scope, decision.approved);
    if (explains(index)) {
        note(fmt::format("withdrawal {}: {} asked by {} at {}", r.id, money(r.amount, r.currency),
                         ledger_.partners[r.partner_index].id, zone_.format(r.at)));
        note(fmt::format(
            "balance at that point: {} (lines available by then, minus approved withdrawals)",
            money(scope.balance, p.payout)));
        for (const CheckResult& check : decision.checks) {
            note(fmt::format("check {}: {} -> {}", *check.name, check.detail,
                             check.ok ? "ok" : "FAILED"));
        }
        note(decision.approved ? "every check holds -> approved" : "a check failed -> refused");
    }
    if (decision.approved) {
        p.withdrawn = p.withdrawn + r.amount;
        if (program_.withdrawal && program_.withdrawal->due_by) {
            decision.due_by = evaluate_expression(*program_.withdrawal->due_by, scope).instant();
        }
    }
    report_.withdrawals.push_back(std::move(decision));
}

void Walk::unlock_benefits(PartnerTotals& totals) {
    for (const Benefits& benefits : program_.benefits) {
        for (const auto& [owner, lines] : period_lines_) {
            const auto& [rule, partner, key] = owner;
            // Only periods whose lines are available at as-of (closed).
            if (rule != benefits.rule_index || partner != totals.partner || lines.end > as_of_) {
                continue;
            }
            Record period_event;
            period_event.at = lines.end;
            period_event.position = ledger_.partners[partner].position;
            period_event.id = ledger_.partners[partner].id;
            Scope scope = scope_for(period_event);
            set_partner(scope, partner);
            scope.paid_via_total = lines.via_total;
            scope.paid_via_currency = lines.currency;
            for (const Benefit& benefit : benefits.items) {
                if (evaluate_expression(*benefit.condition, scope).boolean) {
                    totals.benefits.push_back({lines.label, &benefit.name.name});
                }
            }
        }
    }
}

void Walk::as_of_totals() {
    for (std::uint32_t i = 0; i < partners_.size(); ++i) {
        PartnerState& p = partners_[i];
        PartnerTotals t;
        t.partner = i;
        t.role = p.role;
        t.currency = p.payout;
        t.accrued = p.accrued;
        t.available = p.available_as_of;
        t.withdrawn = p.withdrawn;
        t.balance = p.available_as_of - p.withdrawn;
        t.totals = p.totals;
        // The as-of checks are an event of their own, at as-of: an error in
        // them (a rate missing for a conversion) names the partner's record.
        Record as_of_event;
        as_of_event.at = as_of_;
        as_of_event.position = ledger_.partners[i].position;
        as_of_event.id = ledger_.partners[i].id;
        Scope scope = scope_for(as_of_event);
        set_partner(scope, i);
        scope.request_at = as_of_;
        scope.request_amount = t.balance;
        scope.balance = t.balance;
        scope.aggregate = [this, i, at = as_of_](const Expr& e) {
            return Value::of_number(
                Decimal::from_int(static_cast<std::int64_t>(active_customers(i, at, e.duration))));
        };
        t.checks = run_checks(scope, t.eligible);
        unlock_benefits(t);
        report_.partners.push_back(std::move(t));
    }
}

Report Walk::run() {
    uses_attach_ =
        std::any_of(program_.attribution.begin(), program_.attribution.end(),
                    [](const Attribution& a) { return a.model == AttributionModel::attach; });
    uses_last_click_ =
        std::any_of(program_.attribution.begin(), program_.attribution.end(),
                    [](const Attribution& a) { return a.model == AttributionModel::last_click; });
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
    if (options_.explanation != nullptr && options_.explain_record && !first_pass_) {
        explaining_ = *options_.explain_record;
    }
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
    paying_.resize(ledger_.partners.size());
    counted_.resize(ledger_.partners.size());
    commission_of_.assign(ledger_.records.size(), 0);
    customers_.reserve(ledger_.records.size() / 8);
    std::size_t after = 0;
    for (const std::uint32_t index : ledger_.sequence) {
        const Record& r = ledger_.records[index];
        if (r.at > as_of_) {
            ++after;
            continue;
        }
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
            customers_[r.customer].status = r.status;
            break;
        case RecordType::payment:
            payment(index, r);
            break;
        case RecordType::refund:
            refund(index, r);
            break;
        case RecordType::withdrawal:
            withdrawal(index, r);
            break;
        case RecordType::click:
            if (uses_last_click_) {
                last_click_[r.visitor] = &r;
            }
            break;
        case RecordType::partner:
            break;
        }
    }
    as_of_totals();

    Summary& s = report_.summary;
    s.records = ledger_.record_count();
    s.after_as_of = after;
    s.accrued =
        static_cast<std::size_t>(std::count(caused_line_.begin(), caused_line_.end(), true));
    s.excluded = report_.excluded.size();
    s.withdrawals = report_.withdrawals.size();
    s.informational = s.records - s.accrued - s.excluded - s.withdrawals - s.after_as_of;

    const auto kind_name = [](LineKind k) { return std::string_view(line_kind_name(k)); };
    std::stable_sort(report_.lines.begin(), report_.lines.end(), [&](const Line& a, const Line& b) {
        if (a.at != b.at) {
            return a.at < b.at;
        }
        const std::string_view ea = ledger_.records[a.record].id;
        const std::string_view eb = ledger_.records[b.record].id;
        if (ea != eb) {
            return ea < eb;
        }
        return kind_name(a.kind) < kind_name(b.kind);
    });
    return std::move(report_);
}

} // namespace

Report evaluate(const Program& program, const Ledger& ledger, const EvaluationOptions& options) {
    try {
        const bool needs_first_pass =
            std::any_of(program.rules.begin(), program.rules.end(),
                        [](const LineRule& rule) { return !rule.aggregates.empty(); });
        if (!needs_first_pass) {
            return Walk(program, ledger, options, nullptr).run();
        }
        // Tiers resolved per period need the whole period (up to as-of)
        // before any of its lines: a first walk learns the aggregates.
        EvaluationOptions first_options = options;
        first_options.keep_lines = false;
        Walk first(program, ledger, first_options, nullptr);
        first.set_first_pass();
        first.run();
        PeriodTotals& totals = first.collected();
        totals.finish();
        return Walk(program, ledger, options, &totals).run();
    } catch (const DecimalOverflow& error) {
        throw EvaluationError(ledger.file, error.what());
    }
}

} // namespace accrue
