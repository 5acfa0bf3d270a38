#include "interpreter/values/types.hpp"

namespace accrue {

bool same_unit(const Type& a, const Type& b) {
    if (a.kind != b.kind) {
        return false;
    }
    if (a.kind != TypeKind::money) {
        return true;
    }
    if (a.money_of != b.money_of) {
        return false;
    }
    return a.money_of != MoneyOf::fixed || a.currency == b.currency;
}

std::string describe(const Type& type) {
    std::string text;
    switch (type.kind) {
    case TypeKind::invalid:
        text = "an invalid value";
        break;
    case TypeKind::boolean:
        text = "a condition (true or false)";
        break;
    case TypeKind::number:
        text = "a number";
        break;
    case TypeKind::percent:
        text = "a percentage";
        break;
    case TypeKind::money:
        switch (type.money_of) {
        case MoneyOf::fixed:
            text = "money in " + type.currency.code();
            break;
        case MoneyOf::payment:
            text = "money in the payment's own currency";
            break;
        case MoneyOf::payout:
            text = "money in the payout currency";
            break;
        }
        break;
    case TypeKind::time:
        text = "a time";
        break;
    case TypeKind::duration:
        text = "a duration";
        break;
    case TypeKind::calendar:
        text = "a calendar amount (months or years)";
        break;
    case TypeKind::text:
        text = "text";
        break;
    case TypeKind::set:
        text = "a set of text";
        break;
    }
    if (type.optional) {
        text += " that may be absent";
    }
    return text;
}

} // namespace accrue
