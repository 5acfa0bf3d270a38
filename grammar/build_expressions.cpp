#include "grammar/builder.hpp"

#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

namespace accrue::grammar {

Decimal Builder::number(const Node& n, std::string_view text) {
    if (const auto value = leading_number(text)) {
        return *value;
    }
    error(pos_of(n),
          fmt::format("this number has more than {} digits, or more than {} after the point",
                      limits::max_digits, limits::max_scale),
          "amounts and rates are exact decimals: write the figure the terms say");
    return Decimal{};
}

Duration Builder::duration(const Node& n, std::string_view text) {
    const Decimal amount = number(n, text);
    const std::int64_t seconds = unit_seconds(text);
    if (!amount.is_integer()) {
        return Duration{}; // the checks say durations are whole
    }
    const auto whole = amount.to_int64();
    if (!whole || *whole > limits::max_duration_days * 86'400 / seconds) {
        error(pos_of(n), fmt::format("a duration is at most {} days", limits::max_duration_days),
              "write the duration the terms say");
        return Duration{};
    }
    return Duration::seconds(*whole * seconds);
}

std::int64_t Builder::months(const Node& n, std::string_view text) {
    const Decimal amount = number(n, text);
    const std::int64_t per_unit = text.find("year") != std::string_view::npos ? 12 : 1;
    if (!amount.is_integer()) {
        return 0; // the checks say calendar amounts are whole
    }
    const auto whole = amount.to_int64();
    if (!whole || *whole > limits::max_calendar_months / per_unit) {
        error(pos_of(n),
              fmt::format("a calendar amount is at most {} months", limits::max_calendar_months),
              "write the months or years the terms say");
        return 0;
    }
    return *whole * per_unit;
}

// `the 10th on or after T`: a day that every month has or that clamps to its
// last day, with the suffix English gives it.
int Builder::day_number(const Node& n) {
    const std::string_view text = trimmed(n);
    const std::size_t digits_end = text.find_first_not_of("0123456789");
    const auto day = leading_number(text.substr(0, digits_end)).value_or(Decimal{}).to_int64();
    if (!day || *day < 1 || *day > 31) {
        error(pos_of(n), "a day of the month is from the 1st to the 31st",
              "a later day than a month has is its last day: `the 31st` of June is the 30th");
        return 1;
    }
    const std::int64_t last = *day % 10;
    const bool teen = *day / 10 == 1;
    const std::string_view suffix = teen || last == 0 || last > 3 ? "th"
                                    : last == 1                   ? "st"
                                    : last == 2                   ? "nd"
                                                                  : "rd";
    if (text.substr(digits_end, 2) != suffix) {
        error(pos_of(n), fmt::format("the day is written `{}{}`", *day, suffix));
    }
    return static_cast<int>(*day);
}

ExprPtr Builder::calendar(const Node& n) {
    if (n.is_type<calendar_literal>()) {
        auto e = make(ExprKind::calendar, n);
        const std::string_view text = trimmed(n);
        e->months = months(n, text);
        e->number = number(n, text); // kept so that the checks can refuse fractions
        return e;
    }
    if (n.is_type<start_of>()) {
        auto e = make(ExprKind::start_of, n);
        const std::string_view span = trimmed(*n.children.at(0));
        e->span = span.starts_with("day")     ? CalendarSpan::day
                  : span.starts_with("month") ? CalendarSpan::month
                                              : CalendarSpan::year;
        e->args.push_back(expr(*n.children.at(1)));
        return e;
    }
    auto e = make(ExprKind::day_of_month, n);
    e->day = day_number(*n.children.at(0));
    e->args.push_back(expr(*n.children.at(1)));
    return e;
}

bool Builder::shallow_enough(const Expr& e) {
    if (e.depth <= limits::max_expression_depth) {
        return true;
    }
    if (!reported_depth_) {
        reported_depth_ = true;
        error(e.pos,
              fmt::format("this expression nests more than {} levels deep",
                          limits::max_expression_depth),
              "split the condition into simpler parts, or name a set for a long list");
    }
    return false;
}

ExprPtr Builder::expr(const Node& n) {
    ExprPtr e = build(n);
    for (const ExprPtr& arg : e->args) {
        e->depth = std::max(e->depth, arg->depth + 1);
    }
    shallow_enough(*e);
    return e;
}

ExprPtr Builder::joined(const Node& n, Operator op) {
    ExprPtr result = expr(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size() && shallow_enough(*result); ++i) {
        result = binary(op, std::move(result), expr(*n.children[i]), pos_of(*n.children[i]));
    }
    return result;
}

ExprPtr Builder::literal(const Node& n) {
    const std::string_view text = trimmed(n);
    if (n.is_type<money_literal>()) {
        auto e = make(ExprKind::money, n);
        e->number = number(n, text);
        e->currency = Currency::from_code(text.substr(text.size() - 3)).value_or(Currency{});
        e->text = std::string(text.substr(text.size() - 3));
        return e;
    }
    if (n.is_type<percent_literal>()) {
        auto e = make(ExprKind::percent, n);
        const Decimal percent = number(n, text);
        if (percent.scale() + 2 > limits::max_scale) {
            error(pos_of(n), fmt::format("a percentage has at most {} digits after the point",
                                         limits::max_scale - 2));
            return e;
        }
        try {
            e->number = Decimal::divide(percent, Decimal::from_int(100), percent.scale() + 2,
                                        Rounding::down)
                            .normalized();
        } catch (const DecimalOverflow&) {
            error(pos_of(n),
                  fmt::format(
                      "this percentage is out of range: as a rate it needs more than {} digits",
                      limits::max_digits));
        }
        return e;
    }
    if (n.is_type<duration_literal>()) {
        auto e = make(ExprKind::duration, n);
        e->duration = duration(n, text);
        e->number = number(n, text); // kept so that the checks can refuse fractions
        return e;
    }
    if (n.is_type<number_literal>()) {
        auto e = make(ExprKind::number, n);
        e->number = number(n, text);
        return e;
    }
    if (n.is_type<string_literal>()) {
        auto e = make(ExprKind::text, n);
        e->text = unquote(text);
        return e;
    }
    if (n.is_type<set_literal>()) {
        auto e = make(ExprKind::set, n);
        for (const auto& item : n.children) {
            e->items.push_back(unquote(trimmed(*item)));
        }
        return e;
    }
    auto e = make(ExprKind::boolean, n);
    e->boolean = n.is_type<kw_true>();
    return e;
}

ExprPtr Builder::build(const Node& n) {
    if (n.is_type<calendar_literal>() || n.is_type<start_of>() || n.is_type<day_of_month>()) {
        return calendar(n);
    }
    if (n.is_type<period_sum>() || n.is_type<period_customers>() || n.is_type<active_customers>()) {
        return aggregate(n);
    }
    if (n.is_type<expression>() || n.is_type<exclusion_condition>() || n.is_type<rate_value>() ||
        n.is_type<period_anchor>() || n.is_type<benefit_condition>() ||
        n.is_type<case_condition>() || n.is_type<rate_metric>() || n.is_type<check_condition>()) {
        return joined(n, Operator::logical_or);
    }
    if (n.is_type<conjunction>()) {
        return joined(n, Operator::logical_and);
    }
    if (n.is_type<logical_not>()) {
        return unary(n, Operator::logical_not);
    }
    if (n.is_type<negation_minus>()) {
        return unary(n, Operator::negate);
    }
    if (n.is_type<comparison>()) {
        return compared(n);
    }
    if (n.is_type<defaulted>()) {
        return defaulted_value(n);
    }
    if (n.is_type<additive>() || n.is_type<multiplicative>()) {
        return arithmetic(n);
    }
    if (n.is_type<converted>()) {
        return conversions(n);
    }
    if (n.is_type<call>()) {
        return function_call(n);
    }
    if (n.is_type<field_path>()) {
        return field(n);
    }
    if (n.is_type<name>()) {
        auto e = make(ExprKind::name, n);
        e->text = std::string(trimmed(n));
        return e;
    }
    return literal(n);
}

ExprPtr Builder::aggregate(const Node& n) {
    if (n.is_type<period_sum>()) {
        const bool of_customer = n.children.size() > 1 && n.children[1]->is_type<for_customer>();
        auto e = make(of_customer ? ExprKind::customer_sum : ExprKind::period_sum, n);
        e->args.push_back(expr(*n.children.at(0)));
        if (of_customer && !n.children[1]->children.empty()) {
            e->args.push_back(expr(*n.children[1]->children.at(0))); // the window
        }
        return e;
    }
    if (n.is_type<period_customers>()) {
        return make(ExprKind::period_customers, n);
    }
    auto e = make(ExprKind::active_customers, n);
    const std::string_view text = trimmed(n);
    const std::string_view window = text.substr(text.find("within") + 6);
    const std::string_view amount = window.substr(window.find_first_not_of(" \t\r\n\v\f"));
    e->duration = duration(n, amount);
    e->number = number(n, amount);
    return e;
}

ExprPtr Builder::unary(const Node& n, Operator op) {
    auto e = make(ExprKind::unary, n);
    e->op = op;
    e->args.push_back(expr(*n.children.at(0)));
    return e;
}

ExprPtr Builder::compared(const Node& n) {
    ExprPtr left = expr(*n.children.at(0));
    if (n.children.size() == 1) {
        return left;
    }
    const Node& op = *n.children[1];
    if (op.is_type<compare_op>()) {
        static constexpr std::pair<std::string_view, Operator> ops[] = {
            {"<=", Operator::less_equal}, {">=", Operator::greater_equal},
            {"!=", Operator::not_equal},  {"<", Operator::less},
            {">", Operator::greater},     {"=", Operator::equal}};
        Operator which = Operator::equal;
        for (const auto& [text, o] : ops) {
            if (trimmed(op) == text) {
                which = o;
                break;
            }
        }
        return binary(which, std::move(left), expr(*n.children.at(2)), pos_of(op));
    }
    if (op.is_type<membership_op>()) {
        auto e = make(ExprKind::membership, op);
        e->negated = !op.children.empty();
        e->args.push_back(std::move(left));
        e->args.push_back(expr(*n.children.at(2)));
        return e;
    }
    auto e = make(ExprKind::is_set, op);
    e->negated = op.is_type<is_not_set>();
    e->args.push_back(std::move(left));
    return e;
}

ExprPtr Builder::defaulted_value(const Node& n) {
    ExprPtr value = expr(*n.children.at(0));
    if (n.children.size() == 1) {
        return value;
    }
    auto e = make(ExprKind::defaulted, *n.children[1]);
    e->args.push_back(std::move(value));
    e->args.push_back(expr(*n.children[1]));
    return e;
}

ExprPtr Builder::arithmetic(const Node& n) {
    ExprPtr result = expr(*n.children.at(0));
    for (std::size_t i = 1; i + 1 < n.children.size() && shallow_enough(*result); i += 2) {
        const Node& op = *n.children[i];
        const Operator which = op.is_type<add_op>()        ? Operator::add
                               : op.is_type<subtract_op>() ? Operator::subtract
                               : op.is_type<multiply_op>() ? Operator::multiply
                                                           : Operator::divide;
        result = binary(which, std::move(result), expr(*n.children[i + 1]), pos_of(op));
    }
    return result;
}

ExprPtr Builder::conversions(const Node& n) {
    ExprPtr result = expr(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size() && shallow_enough(*result); ++i) {
        auto e = make(ExprKind::conversion, *n.children[i]);
        e->text = std::string(trimmed(*n.children[i]));
        e->to_payout = e->text == "payout";
        e->currency = Currency::from_code(e->text).value_or(Currency{});
        e->depth = result->depth + 1;
        e->args.push_back(std::move(result));
        result = std::move(e);
    }
    return result;
}

ExprPtr Builder::function_call(const Node& n) {
    auto e = make(ExprKind::call, n);
    const std::string_view function = trimmed(*n.children.at(0));
    e->text = std::string(function);
    e->function = function == "round" ? Function::round
                  : function == "min" ? Function::min
                                      : Function::max;
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        e->args.push_back(expr(*n.children[i]));
    }
    return e;
}

ExprPtr Builder::field(const Node& n) {
    auto e = make(ExprKind::field, n);
    const std::string_view text = trimmed(n);
    const auto dot = text.find('.');
    e->text = std::string(text.substr(0, dot));
    e->member = std::string(text.substr(dot + 1));
    return e;
}

} // namespace accrue::grammar
