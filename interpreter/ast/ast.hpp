// The program as the parser builds it and the checks annotate it. Every node
// keeps its SourcePos.
#pragma once

#include "interpreter/diagnostics/source.hpp"
#include "interpreter/values/currency.hpp"
#include "interpreter/values/decimal.hpp"
#include "interpreter/values/time.hpp"
#include "interpreter/values/types.hpp"
#include "interpreter/values/value.hpp"

#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace accrue {

enum class ExprKind : std::uint8_t {
    number,           // 12.5
    percent,          // 10%  (number holds 0.1)
    money,            // 30.00 USD
    duration,         // 30 days
    calendar,         // 12 months, 1 year
    start_of,         // start of month of payment.at
    day_of_month,     // the 10th on or after payment.at
    text,             // "hosting"
    boolean,          // true
    set,              // {"a", "b"}
    name,             // balance, a set name, partner
    field,            // payment.amount
    unary,            // -x, not x
    binary,           // + - * / and or, comparisons
    membership,       // x in SET, x not in SET
    is_set,           // x is set, x is not set
    defaulted,        // x default y
    conversion,       // x in USD
    call,             // round(x), min(a, b), max(a, b)
    period_sum,       // sum of X in period
    customer_sum,     // sum of X for customer [within W]
    period_customers, // paying_customers at period end
    active_customers, // active_customers within 30 days (withdrawal checks)
};

enum class Operator : std::uint8_t {
    add,
    subtract,
    multiply,
    divide,
    logical_and,
    logical_or,
    logical_not,
    negate,
    equal,
    not_equal,
    less,
    less_equal,
    greater,
    greater_equal,
};
const char* operator_text(Operator op);

struct LedgerField; // interpreter/ledger/fields.hpp

// What a field or name refers to, resolved by the checks.
enum class Ref : std::uint8_t {
    unresolved,
    field,          // a field of the table: Expr::field
    payment_extra,  // a payment field the ledger contract does not list
    partner_extra,  // a partner field the ledger contract does not list
    declared_field, // an extra field the program declares with its type: Expr::declared
    paying_customers,
    partner_value, // `partner` alone: the holder, tested with `is set`
    balance,
    period_start,
    period_end,
    paid_via_total,
    set_name,
};

enum class Function : std::uint8_t { round, min, max };

enum class CalendarSpan : std::uint8_t { day, month, year };

struct NamedSet;
struct FieldDeclaration;
struct Expr;
struct Scope; // interpreter/evaluate/expression.hpp

// The function that evaluates one node of an expression in a scope.
using Evaluator = Value (*)(const Expr&, const Scope&);

struct Expr {
    ExprKind kind = ExprKind::number;
    SourcePos pos;
    Operator op = Operator::add;
    bool negated = false;   // membership, is_set
    bool to_payout = false; // conversion: `in payout`, the partner's payout currency
    Function function = Function::round;
    Decimal number;                        // number, percent, money
    Currency currency;                     // money, conversion
    Duration duration;                     // duration
    std::int64_t months = 0;               // calendar: years are 12 months
    CalendarSpan span = CalendarSpan::day; // start_of
    int day = 0;                           // day_of_month: 1 to 31
    bool boolean = false;
    std::string text;               // text; name; field: the object ("payment")
    std::string member;             // field: the member ("amount")
    std::vector<std::string> items; // set literal
    std::vector<std::unique_ptr<Expr>> args;
    std::uint32_t depth = 1; // levels of this tree, bounded by limits::max_expression_depth
    std::uint32_t aggregate_index = 0; // customer_sum: its place in Program::customer_sums

    // Filled in by the checks.
    Type type;
    Ref ref = Ref::unresolved;
    const LedgerField* field = nullptr; // Ref::field
    const NamedSet* set = nullptr;
    const FieldDeclaration* declared = nullptr; // Ref::declared_field

    // Filled in by compile_expressions (evaluate/compile.hpp) once the checks
    // have passed: this node's own function, and a literal's or a set
    // name's value.
    Evaluator evaluate = nullptr;
    Value constant;
};
using ExprPtr = std::unique_ptr<Expr>;

struct Named {
    std::string name;
    SourcePos pos;
};

struct NamedSet {
    Named name;
    std::vector<std::string> items;
};

// `field OBJECT.NAME: TYPE`: an extra field (one the ledger contract does
// not list) that the program reads, with its type; the reader then checks
// every record's value (ledger.md, "Version 1.1 additions").
struct FieldDeclaration {
    Named object; // payment, signup, refund, request, partner
    Named name;
    SourcePos pos;
    ExtraType type = ExtraType::text;
    std::optional<Named> currency_name; // `money CODE`
    Currency currency;                  // resolved by the checks (money CODE)
};

struct Header {
    Named program;
    // `currency UAH`, or with partner_currency `currency partner default USD`.
    std::optional<Named> currency_name;
    bool partner_currency = false;
    Currency currency; // resolved by the checks
    std::optional<Named> time_zone;
    std::vector<Named> roles;
    Rounding rounding = Rounding::half_away_from_zero;
    std::vector<Named> imports; // libraries of stdlib/
};

enum class AttributionModel : std::uint8_t {
    signup_link,
    signup_partner,
    promo_code,
    last_click,
    first_click,
    payment_partner, // a payment's own `partner` (ledger 1.1), for that payment
    attach
};

struct Attribution {
    AttributionModel model;
    SourcePos pos;
    Duration window;                // last_click, first_click: a fixed length...
    std::int64_t window_months = 0; // ... or months (`10 years`)
    std::vector<Named> roles;       // `for ROLE, ...`: gives customers to these roles only
};

struct Exclusion {
    Named name;
    ExprPtr condition;
    std::optional<Named> from; // `NAME from LIBRARY`: the condition is the library's
};

struct ExclusionList {
    SourcePos pos;
    std::vector<Named> roles; // empty: every role
    std::vector<Exclusion> items;
};

struct RateCase {
    ExprPtr rate;
    ExprPtr condition; // null: otherwise
    SourcePos pos;
};

struct Tier {
    SourcePos pos;
    ExprPtr from;             // null: open start
    ExprPtr to;               // null: open end
    bool to_inclusive = true; // `to B` (true) or `below B` (false)
    ExprPtr rate;             // the tier's rate; in `amount by`, its amount
};

struct Rate {
    enum class Form : std::uint8_t { fixed, cases, tiers } form = Form::fixed;
    SourcePos pos;
    ExprPtr fixed;
    std::vector<RateCase> cases;
    ExprPtr metric;
    std::vector<Tier> tiers;
    // Graduated: each band of the metric at its own rate. The base covers the
    // range [metric - base, metric], and each part of it is paid at its band's rate.
    bool graduated = false;
};

enum class LineKind : std::uint8_t {
    commission,
    clawback,
    discount,
    welcome_bonus,
    customer_bonus
};
const char* line_kind_name(LineKind kind);

enum class EventKind : std::uint8_t { payment, signup };

// The periods a rule's tiers are resolved in (docs/language.md, "Periods").
struct PeriodSpec {
    enum class Kind : std::uint8_t { calendar_month, rolling_days } kind = Kind::calendar_month;
    SourcePos pos;
    Duration length; // rolling_days: a whole number of days
    ExprPtr anchor;  // rolling_days: periods count from this time's local date
};

struct TermsVersion;

struct LineRule {
    LineKind kind = LineKind::commission;
    // `also`: starts a new list of alternatives for the event; each list
    // makes at most one line (docs/language.md, "Several lines per event").
    bool also = false;
    Named name;
    EventKind event = EventKind::payment;
    std::string event_name;
    SourcePos event_pos;
    std::vector<Named> roles; // empty: every role
    ExprPtr when;
    ExprPtr base;
    std::optional<Rate> rate;
    ExprPtr amount;
    std::optional<Rate> amount_by; // `amount by METRIC`: tiers of amounts (form tiers)
    ExprPtr available_at;
    bool once_per_partner = false;  // at most one line of this rule per partner
    bool once_per_customer = false; // at most one line of this rule per customer
    std::optional<PeriodSpec> period;
    std::optional<Named> via_name; // `paid via USD`: round(base x rate) -> USD -> payout
    Currency via;                  // resolved by the checks
    // `paid to partner.parent[.parent...]`: the line goes that many parents
    // above the holder (0: to the holder).
    std::optional<Named> to;
    std::uint32_t to_parents = 0;
    // The aggregates in this rule's expressions, found by the checks.
    std::vector<const Expr*> aggregates;
    // Later terms of this rule, in the order written (docs/language.md,
    // "Versioned terms"). The rule itself holds the terms before the first.
    std::vector<TermsVersion> versions;

    // The version of the terms in force at an instant; null: the rule's own.
    [[nodiscard]] const TermsVersion* version_at(Instant at) const;
};

// `terms from DAY [to DAY]`: the rule's clauses with the ones restated under
// it, in force from 00:00 of the first day (program's zone) to the next
// version, or to the end of the last day and then the rule's own again.
struct TermsVersion {
    SourcePos pos;
    Named first_day;
    std::optional<Named> last_day;
    Instant from;                 // resolved by the checks
    std::optional<Instant> until; // resolved by the checks: 00:00 after the last day
    // A clause that belongs to the whole rule (`period`, `once per partner`,
    // `paid via`) written under this version; the checks reject it.
    std::optional<Named> rule_only_clause;
    LineRule terms;
};

struct Benefit {
    Named name;
    ExprPtr condition;
};

// `benefits per period of RULE`: unlocked per closed period of that rule.
struct Benefits {
    Named rule;
    std::size_t rule_index = 0; // resolved by the checks
    std::vector<Benefit> items;
};

// `clawback NAME on refund [when CONDITION] POLICY`: the first rule whose
// condition holds (or that has none) decides a refund of a commission.
struct ClawbackRule {
    Named name;
    Named event;       // must be `refund`
    ExprPtr condition; // null: every refund
    enum class Policy : std::uint8_t {
        whole_once,   // any refund reverses the whole commission, once
        proportional, // -round(c x refunded / paid)
        keep,         // not clawed back: excluded with the rule's name as reason
    } policy = Policy::proportional;
};

struct Check {
    Named name;
    ExprPtr condition;
    std::optional<Named> from; // `check NAME from LIBRARY`
};

struct WithdrawalPolicy {
    SourcePos pos;
    bool implied = false; // the standard checks, given to a program that states no policy
    std::vector<Check> checks;
    ExprPtr due_by;
    SourcePos due_by_pos;
};

// A copy of an expression, every node placed at `pos` (where it is used).
ExprPtr copy_at(const Expr& e, SourcePos pos);

struct ProgramNeeds {
    // The `sum of X for customer` of the whole program: the walk keeps one
    // running sum of each per customer.
    std::vector<const Expr*> customer_sums;
    bool paying_customers = false; // the customers of each partner's counted payments
    // The widths of the program's `active_customers within W`, each once:
    // the walk keeps each partner's counted payments inside the widest.
    std::vector<Duration> active_windows;
    // `signup.X` read outside rules on signup (the customer's signup, later):
    // a streamed walk keeps each signup record only then.
    bool customer_signup = false;
};

// `parameter NAME = LITERAL`: a value a run may set (`--set NAME=VALUE`).
// Before the checks, each use of NAME in the program's expressions becomes a
// copy of `value` (grammar/parameters.hpp), so tiers and types are checked
// with the value given.
struct Parameter {
    Named name;
    ExprPtr value;    // the default, or the value set for this run
    std::string text; // the value as written (`12%`), for the report
    bool set = false; // given by `--set`, not the default
};

struct Program {
    std::string file;
    Header header;
    std::vector<Parameter> parameters;
    std::vector<NamedSet> sets;
    std::vector<FieldDeclaration> fields;
    std::vector<Attribution> attribution;
    std::vector<ExclusionList> exclusions;
    std::vector<LineRule> rules;
    std::vector<ClawbackRule> clawbacks; // in file order
    std::optional<WithdrawalPolicy> withdrawal;
    std::vector<Benefits> benefits;
    // What the walk must keep for this program, found by the checks; state
    // that no construct reads is not kept.
    ProgramNeeds needs;
};

// Calls `visit` on each root expression of the program: every condition,
// base, rate, amount, tier bound, anchor, check and due date, versions
// included.
void for_each_root(Program& program, const std::function<void(ExprPtr&)>& visit);

} // namespace accrue
