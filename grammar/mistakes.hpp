// Common mistakes, each recognised where it is made and reported with what to
// write instead (the messages are in errors.hpp). None of these rules matches
// a valid program: each stands where the parse would fail anyway, so it only
// turns "expected ..." into what went wrong.
#pragma once

#include "grammar/lexical.hpp"
#include "interpreter/diagnostics/suggest.hpp"
#include "interpreter/values/currency.hpp"

#include <fmt/format.h>
#include <tao/pegtl/contrib/analyze_traits.hpp>

#include <array>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace accrue::grammar {

// "abc with no closing quote on its line.
struct unclosed_string
    : seq<at<one<'"'>, string_body, sor<one<'\r', '\n'>, eof>>, raise<unclosed_string>> {};
struct quoted_text : sor<string_literal, unclosed_string> {};

// `$50`, `50,00 USD`, `50.00 usd`, `==`, `2024-01-01` in a condition.
struct dollar_sign : seq<at<one<'$'>>, raise<dollar_sign>> {};
struct decimal_comma
    : seq<at<digits, one<','>, digits, star<one<' '>>, currency_code>, raise<decimal_comma>> {};
struct double_equals : seq<at<TAO_PEGTL_STRING("==")>, raise<double_equals>> {};
struct date_in_expression : seq<at<calendar_date>, raise<date_in_expression>> {};

// Three lower-case letters that are an ISO 4217 code in upper case (`usd`).
struct lower_case_code {
    using rule_t = lower_case_code;
    using subs_t = empty_list;
    template <typename ParseInput> static bool match(ParseInput& in) {
        const std::string_view rest(in.current(), in.size(4));
        if (rest.size() < 3 ||
            (rest.size() == 4 &&
             (std::isalnum(static_cast<unsigned char>(rest[3])) != 0 || rest[3] == '_'))) {
            return false;
        }
        std::string upper;
        for (const char c : rest.substr(0, 3)) {
            if (c < 'a' || c > 'z') {
                return false;
            }
            upper.push_back(static_cast<char>(c - 'a' + 'A'));
        }
        return Currency::from_code(upper).has_value();
    }
};
struct lower_case_money
    : seq<number_text, star<one<' '>>, at<lower_case_code>, raise<lower_case_money>> {};

// The keywords that start a declaration, a setting or a clause, as a reader
// writes them; `timezone` is near `time zone` once the space is left out.
struct DeclarationWords {
    static constexpr std::array<std::string_view, 13> words{
        "commission", "discount",    "welcome_bonus", "customer_bonus", "clawback", "withdrawal",
        "exclusions", "attribution", "set",           "field",          "benefits", "also",
        "parameter"};
};
struct ClauseWords {
    static constexpr std::array<std::string_view, 31> words{"parameter",
                                                            "commission",
                                                            "discount",
                                                            "welcome_bonus",
                                                            "customer_bonus",
                                                            "clawback",
                                                            "withdrawal",
                                                            "exclusions",
                                                            "attribution",
                                                            "set",
                                                            "field",
                                                            "benefits",
                                                            "also",
                                                            "currency",
                                                            "time zone",
                                                            "roles",
                                                            "rounding",
                                                            "import",
                                                            "when",
                                                            "base",
                                                            "rate",
                                                            "amount",
                                                            "available at",
                                                            "once per",
                                                            "period",
                                                            "paid via",
                                                            "paid to",
                                                            "terms from",
                                                            "check",
                                                            "due by",
                                                            "whole commission once"};
};
struct OtherwiseWord {
    static constexpr std::array<std::string_view, 1> words{"otherwise"};
};

inline constexpr const char* misspelt_word_message =
    "`{}` is not a word of the language: did you mean `{}`?";

// A word that is none of the language's words but within two edits of one of
// `Words` (spaces left out): reported with the closest, where the parse
// would fail. `AtLineStart`: only a word that begins its line and is not
// followed by `when` or `from` (a declaration misspelt after a list of
// exclusions, whose names could be anything). Never matches.
template <typename Words, bool AtLineStart = false> struct misspelt_word {
    using rule_t = misspelt_word;
    using subs_t = empty_list;

    template <typename ParseInput> static bool match(ParseInput& in) {
        const char* begin = in.begin();
        const char* at = in.current();
        if (AtLineStart && at != begin && at[-1] != '\n') {
            return false;
        }
        const std::string_view rest(at, in.size(std::size_t{1} << 10));
        const std::size_t length = rest.find_first_not_of("abcdefghijklmnopqrstuvwxyz_0123456789");
        const std::string word(rest.substr(0, length));
        if (word.empty() || is_keyword(word) || (AtLineStart && followed_by_body(rest, length))) {
            return false;
        }
        std::vector<std::string> joined;
        for (const std::string_view w : Words::words) {
            std::string j(w);
            std::erase(j, ' ');
            joined.push_back(std::move(j));
        }
        const std::string near = closest(word, joined);
        if (near.empty()) {
            return false;
        }
        for (std::size_t i = 0; i < joined.size(); ++i) {
            if (joined[i] == near) {
                throw mistake_error(
                    fmt::format(fmt::runtime(misspelt_word_message), word, Words::words[i]), in);
            }
        }
        return false;
    }

  private:
    static bool is_keyword(const std::string& word) {
        memory_input keyword(word, "");
        return parse<seq<reserved, eof>>(keyword);
    }
    static bool followed_by_body(std::string_view rest, std::size_t length) {
        const std::size_t next = rest.find_first_not_of(" \t", length);
        return next != std::string_view::npos &&
               (rest.substr(next).starts_with("when") || rest.substr(next).starts_with("from"));
    }
};

} // namespace accrue::grammar

// For PEGTL's grammar analysis (tests/grammar_test.cpp): each of these rules
// consumes input when it matches, like any one character.
template <typename Name, typename Words, bool AtLineStart>
struct tao::pegtl::analyze_traits<Name, accrue::grammar::misspelt_word<Words, AtLineStart>>
    : analyze_any_traits<> {};
template <typename Name>
struct tao::pegtl::analyze_traits<Name, accrue::grammar::lower_case_code> : analyze_any_traits<> {};
