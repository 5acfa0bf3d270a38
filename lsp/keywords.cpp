#include "lsp/keywords.hpp"

#include <array>

namespace accrue::lsp {
namespace {

constexpr std::array<Keyword, 47> table{{
    {"program", "`program NAME`: the program's name, the first line of the file"},
    {"currency", "`currency CODE`, or `currency partner default CODE`: the payout currency"},
    {"time", "`time zone \"Area/City\"`: the zone of calendar days, months and report times"},
    {"roles", "`roles a, b`: the partner roles; the first is the default"},
    {"rounding", "`rounding half_away_from_zero | half_even | down`: how line amounts round"},
    {"import", "`import LIBRARY`: brings a library of stdlib/ into the program"},
    {"set", "`set NAME = {\"a\", \"b\"}`: a named set of text"},
    {"parameter", "`parameter NAME = LITERAL`: a value a run may set (`accrue run --set "
                  "NAME=VALUE`); the literal is its default and its type"},
    {"field", "`field OBJECT.NAME: TYPE`: an extra ledger field the program reads, with its type"},
    {"attribution", "who holds a customer: the first model that names a partner"},
    {"exclusions",
     "conditions that exclude a payment, tried in order; the first that holds names the reason"},
    {"commission", "a rule making commission lines (counted in the balance)"},
    {"discount", "a rule making discount lines (a partner discount instead of a commission)"},
    {"welcome_bonus", "a rule making welcome_bonus lines"},
    {"customer_bonus", "a rule on signup making a bonus for the customer"},
    {"also", "`also RULE`: starts a new list of alternatives, so an event can make several lines"},
    {"on", "`on payment` or `on signup`: the event a rule is tried on"},
    {"for", "`for ROLE, ...`: only for partners of these roles"},
    {"when", "`when CONDITION`: the rule (or case, exclusion, benefit) applies only if it holds"},
    {"base", "`base EXPR`: the money the rate applies to; the line is round(base x rate)"},
    {"rate", "`rate 10%`, cases with `when`/`otherwise`, or tiers `rate by METRIC`"},
    {"amount", "`amount EXPR` (rounded money), or tiers of amounts `amount by METRIC`"},
    {"available",
     "`available at TIME`: when the line can be withdrawn (default: the event's time)"},
    {"once", "`once per partner` / `once per customer`: at most one line of the rule per partner / "
             "customer"},
    {"period",
     "`period calendar month` or `period every N days from TIME`: tiers resolved per period"},
    {"paid",
     "`paid via CODE` (double conversion) or `paid to partner.parent` (the recruiter's line)"},
    {"terms", "`terms from DAY [to DAY]`: clauses that replace the rule's own from that day"},
    {"by", "`rate by METRIC` / `amount by METRIC`: tiers chosen by a count or an amount"},
    {"graduated", "`rate graduated by METRIC`: each band of the metric at its own rate"},
    {"from",
     "a tier's lower bound (included), a library (`NAME from LIBRARY`), or a version's first day"},
    {"to", "a tier's upper bound (included), or a version's last day"},
    {"below", "a tier's upper bound (excluded)"},
    {"otherwise", "the last rate case: every other event"},
    {"clawback",
     "`clawback NAME on refund [when ...] POLICY`: what a refund does to a commission line"},
    {"proportional", "clawback policy: -round(commission x refunded / paid)"},
    {"whole", "clawback policy `whole commission once`: the first refund reverses the whole line"},
    {"keep",
     "clawback policy `keep commission`: no clawback; the refund is excluded with the rule's name"},
    {"withdrawal", "the withdrawal policy: named checks, and `due by TIME`"},
    {"check", "`check NAME: CONDITION`: a withdrawal condition, reported with its values"},
    {"due", "`due by TIME`: when an approved withdrawal is paid"},
    {"benefits", "`benefits per period of RULE`: perks unlocked by a closed period's commission"},
    {"sum", "`sum of X in period`, or `sum of X for customer [within W]`"},
    {"default", "`x default y`: x, or y where x is absent"},
    {"in", "`x in CODE` / `x in payout`: money converted through USD; `x in SET`: membership"},
    {"start", "`start of day|month|year of TIME`: 00:00 of its first day, in the program's zone"},
    {"the", "`the 10th on or after TIME`: 00:00 of the first 10th of a month at or after TIME"},
    {"within", "`within DURATION`: a window (clicks, active customers, a customer's sum)"},
}};

constexpr std::array<Keyword, 26> words{{
    {"paying_customers", "`paying_customers`: the partner's distinct customers with a counted "
                         "payment so far, this one included (`paying_customers at period end`: "
                         "up to the period's end)"},
    {"active_customers", "`active_customers within DURATION`: the partner's customers with a "
                         "counted payment not fully refunded in the window before the request"},
    {"balance", "`balance`: the partner's balance at the request: lines available by then, minus "
                "withdrawals approved earlier"},
    {"payout", "`x in payout`: money converted to the partner's payout currency"},
    {"days", "a duration: N days are N x 24 hours exactly (not calendar days)"},
    {"day", "a duration of 24 hours; `start of day of TIME`: 00:00 of TIME's day in the zone"},
    {"hours", "a duration: N hours"},
    {"hour", "a duration of one hour"},
    {"minutes", "a duration: N minutes"},
    {"minute", "a duration of one minute"},
    {"seconds", "a duration: N seconds"},
    {"second", "a duration of one second"},
    {"months", "a calendar amount: N months on the calendar of the program's zone, the clock time "
               "kept (the 31st clamps to the month's last day)"},
    {"month", "a calendar amount of one month; `start of month of TIME`: 00:00 of its first day; "
              "`period calendar month`: tiers per calendar month"},
    {"years", "a calendar amount: N years = 12 x N months"},
    {"year", "a calendar amount of 12 months; `start of year of TIME`: 00:00 of 1 January"},
    {"link", "attribution model `signup link`: the partner a signup names, when it came through a "
             "link (`via` absent or \"link\")"},
    {"click", "attribution models `last click within W` (the latest click of the signup's "
              "visitor within W before it) and `first click within W` (the earliest)"},
    {"last", "attribution model `last click within W`: the latest click of the visitor within W "
             "before the signup"},
    {"first", "attribution model `first click within W`: the earliest click of the visitor within "
              "W before the signup"},
    {"promo", "attribution model `promo code`: the partner whose `promo_codes` holds the signup's "
              "promo code"},
    {"code", "attribution model `promo code`: the partner whose `promo_codes` holds the signup's "
             "promo code"},
    {"attach", "attribution model `attach`: an attach record moves the customer to its partner"},
    {"signup", "`signup` records, `on signup` rules, `signup.X` fields; attribution models "
               "`signup link` and `signup partner` (the partner the signup names)"},
    {"partner", "the partner holding the customer (in checks: asking to withdraw); attribution "
                "models `signup partner` and `payment partner` (a payment through a partner's own "
                "link is that partner's)"},
    {"payment", "`payment` records, `on payment` rules, `payment.X` fields; attribution model "
                "`payment partner`"},
}};

} // namespace

const Keyword* language_word(std::string_view word) {
    for (const Keyword& k : words) {
        if (k.word == word) {
            return &k;
        }
    }
    return nullptr;
}

const Keyword* keyword(std::string_view word) {
    for (const Keyword& k : table) {
        if (k.word == word) {
            return &k;
        }
    }
    return nullptr;
}

std::span<const Keyword> keywords() {
    return table;
}

} // namespace accrue::lsp
