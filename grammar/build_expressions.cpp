#include "grammar/builder.hpp"

namespace accrue::grammar {

ExprPtr Builder::joined(const Node& n, Operator op) {
    ExprPtr result = expr(*n.children.at(0));
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        result = binary(op, std::move(result), expr(*n.children[i]), pos_of(*n.children[i]));
    }
    return result;
}

ExprPtr Builder::literal(const Node& n) {
    const std::string_view text = trimmed(n);
    if (n.is_type<money_literal>()) {
        auto e = make(ExprKind::money, n);
        e->number = leading_number(text);
        e->currency = Currency::from_code(text.substr(text.size() - 3)).value_or(Currency{});
        e->text = std::string(text.substr(text.size() - 3));
        return e;
    }
    if (n.is_type<percent_literal>()) {
        auto e = make(ExprKind::percent, n);
        e->number = Decimal::divide(leading_number(text), Decimal::from_int(100),
                                    leading_number(text).scale() + 2, Rounding::down);
        e->number = e->number.normalized();
        return e;
    }
    if (n.is_type<duration_literal>()) {
        auto e = make(ExprKind::duration, n);
        e->duration = duration_of(text);
        e->number = leading_number(text); // kept so that the checks can refuse fractions
        return e;
    }
    if (n.is_type<number_literal>()) {
        auto e = make(ExprKind::number, n);
        e->number = leading_number(text);
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

ExprPtr Builder::expr(const Node& n) {
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
        auto e = make(ExprKind::period_sum, n);
        e->args.push_back(expr(*n.children.at(0)));
        return e;
    }
    if (n.is_type<period_customers>()) {
        return make(ExprKind::period_customers, n);
    }
    auto e = make(ExprKind::active_customers, n);
    const std::string_view text = trimmed(n);
    const std::string_view window = text.substr(text.find("within") + 6);
    e->duration = duration_of(window.substr(window.find_first_not_of(" \t\r\n")));
    e->number = leading_number(window.substr(window.find_first_not_of(" \t\r\n")));
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
    for (std::size_t i = 1; i + 1 < n.children.size(); i += 2) {
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
    for (std::size_t i = 1; i < n.children.size(); ++i) {
        auto e = make(ExprKind::conversion, *n.children[i]);
        e->text = std::string(trimmed(*n.children[i]));
        e->currency = Currency::from_code(e->text).value_or(Currency{});
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
