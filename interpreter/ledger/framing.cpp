// Reads record objects with simdjson On-Demand: each value is taken from its
// literal text (numbers too, so money never passes through binary floating
// point).
#include "interpreter/ledger/framing.hpp"

#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>

namespace accrue::reading {
namespace {

std::string_view trim_right(std::string_view text) {
    while (!text.empty() && (text.back() == ' ' || text.back() == '\t' || text.back() == '\n' ||
                             text.back() == '\r')) {
        text.remove_suffix(1);
    }
    return text;
}

// A JSON number as written must be a plain JSON number: no leading zeros.
bool is_json_number(std::string_view token) {
    std::size_t i = token.starts_with('-') ? 1 : 0;
    if (i >= token.size()) {
        return false;
    }
    if (token[i] == '0' && i + 1 < token.size() && token[i + 1] >= '0' && token[i + 1] <= '9') {
        return false;
    }
    return true;
}

// simdjson accepts a little more than JSON in scalars (`tru`, `01`): these are
// refused here, as written.
bool well_formed_scalar(od::json_type type, std::string_view token) {
    return !((type == od::json_type::boolean && token != "true" && token != "false") ||
             (type == od::json_type::null && token != "null") ||
             (type == od::json_type::number && !is_json_number(token)));
}

// Whether a document was read to its end (nothing follows the record).
bool at_end(od::document& document) {
    return document.current_location().error() == simdjson::OUT_OF_BOUNDS;
}

class Framing {
  public:
    Framing(Ledger& ledger, const RecordSink& sink) : ledger_(ledger), sink_(sink) {}

    void json_lines(simdjson::padded_string_view text, std::uint32_t& line);
    void json_document(simdjson::padded_string_view text);

  private:
    [[noreturn]] void fail_json(std::uint32_t position, simdjson::error_code error) const {
        fail(ledger_, position, {}, {},
             fmt::format("malformed JSON: {}", simdjson::error_message(error)));
    }
    [[noreturn]] void fail_file(const std::string& message) const {
        throw LedgerError(ledger_.file, message);
    }
    void record(od::object object, std::uint32_t position);
    void member(od::field& field, std::uint32_t position);
    void array_member(od::value value, Member& member, std::uint32_t position);
    // Calls visit(element) for each element of an array value.
    template <typename Visit>
    void for_each_element(od::value value, std::uint32_t position, Visit&& visit) {
        od::array array;
        if (auto error = value.get_array().get(array)) {
            fail_json(position, error);
        }
        for (auto element : array) {
            od::value inner;
            if (auto error = element.get(inner)) {
                fail_json(position, error);
            }
            visit(inner);
        }
    }
    void check_nested(od::value value, std::uint32_t position, std::string_view path,
                      std::size_t depth);
    void report_repeated_key() const;
    void records_of(od::array records);
    std::string_view key_of(od::field& field, std::uint32_t position);

    Ledger& ledger_;
    const RecordSink& sink_;
    RecordText text_;
};

std::string_view Framing::key_of(od::field& field, std::uint32_t position) {
    // The raw key points just after its opening quote; it ends at the first
    // unescaped quote.
    const char* start = field.key().raw();
    const char* end = start;
    bool escaped = false;
    while (*end != '"') {
        if (*end == '\\') {
            escaped = true;
            ++end;
        }
        ++end;
    }
    std::string_view key(start, static_cast<std::size_t>(end - start));
    if (escaped) {
        const auto plain = unescaped(ledger_, std::string_view(start - 1, key.size() + 2));
        if (!plain) {
            fail(ledger_, position, {}, {}, "malformed JSON: bad escape in a key");
        }
        key = *plain;
    }
    return key;
}

void Framing::check_nested(od::value value, std::uint32_t position, std::string_view path,
                           std::size_t depth) {
    if (depth > limits::max_json_depth) {
        fail(ledger_, position, {}, path,
             fmt::format("objects and arrays nest more than {} levels deep",
                         limits::max_json_depth));
    }
    od::json_type type;
    if (auto error = value.type().get(type)) {
        fail_json(position, error);
    }
    if (type == od::json_type::object) {
        od::object object;
        if (auto error = value.get_object().get(object)) {
            fail_json(position, error);
        }
        std::vector<std::string_view> keys;
        for (auto field_result : object) {
            od::field field;
            if (auto error = std::move(field_result).get(field)) {
                fail_json(position, error);
            }
            const std::string_view key = key_of(field, position);
            if (std::find(keys.begin(), keys.end(), key) != keys.end() && !text_.repeated_key) {
                text_.repeated_key = {std::string(path),
                                      fmt::format("repeated key \"{}\" in an object", key)};
            }
            keys.push_back(key);
            check_nested(field.value(), position, key, depth + 1);
        }
    } else if (type == od::json_type::array) {
        for_each_element(value, position,
                         [&](od::value inner) { check_nested(inner, position, path, depth + 1); });
    } else {
        const std::string_view token = trim_right(value.raw_json_token());
        if (!well_formed_scalar(type, token)) {
            fail(ledger_, position, {}, path, fmt::format("malformed JSON value {}", token));
        }
    }
}

void Framing::array_member(od::value value, Member& member, std::uint32_t position) {
    for_each_element(value, position, [&](od::value inner) {
        od::json_type inner_type;
        if (auto error = inner.type().get(inner_type)) {
            fail_json(position, error);
        }
        if (inner_type == od::json_type::string) {
            Member element_member{member.key, member.key_number, od::json_type::string,
                                  trim_right(inner.raw_json_token())};
            if (member.strings_count++ == 0) {
                member.strings_begin = static_cast<std::uint32_t>(text_.strings.size());
            }
            text_.strings.push_back(text_of(ledger_, element_member, position, {}));
        } else {
            member.array_of_strings = false;
            check_nested(inner, position, member.key, 2);
        }
    });
}

void Framing::member(od::field& field, std::uint32_t position) {
    Member member;
    member.key = key_of(field, position);
    member.key_number = KeyIndex::of(member.key);
    // A known key repeats when its slot is taken; other keys are compared.
    const bool repeated =
        member.key_number != KeyIndex::unknown
            ? text_.slots[static_cast<std::size_t>(member.key_number)] != 0
            : std::any_of(text_.members.begin(), text_.members.end(),
                          [&](const Member& earlier) { return earlier.key == member.key; });
    if (repeated && !text_.repeated_key) {
        text_.repeated_key = {std::string(member.key),
                              fmt::format("repeated key \"{}\" in the record", member.key)};
    }
    od::value value = field.value();
    if (auto error = value.type().get(member.type)) {
        fail_json(position, error);
    }
    if (member.type == od::json_type::object) {
        check_nested(value, position, member.key, 1);
    } else if (member.type == od::json_type::array) {
        array_member(value, member, position);
    } else {
        member.token = trim_right(value.raw_json_token());
        if (!well_formed_scalar(member.type, member.token)) {
            fail(ledger_, position, {}, member.key,
                 fmt::format("malformed JSON value {}", member.token));
        }
    }
    if (member.key_number != KeyIndex::unknown && text_.members.size() < 32000) {
        text_.slots[static_cast<std::size_t>(member.key_number)] =
            static_cast<std::int16_t>(text_.members.size() + 1);
    }
    text_.members.push_back(member);
}

void Framing::report_repeated_key() const {
    // Reported once the record's id is known, so that the message names it.
    const Member* id = text_.member(KeyIndex::of("id"));
    const std::string_view id_text = id != nullptr && id->type == od::json_type::string
                                         ? id->token.substr(1, id->token.size() - 2)
                                         : "";
    fail(ledger_, text_.position, id_text, text_.repeated_key->first, text_.repeated_key->second);
}

void Framing::record(od::object object, std::uint32_t position) {
    text_.clear();
    text_.position = position;
    for (auto field_result : object) {
        od::field field;
        if (auto error = std::move(field_result).get(field)) {
            fail_json(position, error);
        }
        member(field, position);
    }
    if (text_.repeated_key) {
        report_repeated_key();
    }
    sink_(text_);
}

void Framing::json_lines(simdjson::padded_string_view text, std::uint32_t& line) {
    od::parser parser;
    const char* data = text.data();
    const std::size_t size = text.size();
    std::size_t begin = 0;
    while (begin < size) {
        ++line;
        const void* newline = std::memchr(data + begin, '\n', size - begin);
        const std::size_t end =
            newline ? static_cast<std::size_t>(static_cast<const char*>(newline) - data) : size;
        const std::size_t length = end - begin;
        const std::string_view content(data + begin, length);
        if (content.find_first_not_of(" \t\r") != std::string_view::npos) {
            od::document document;
            const std::size_t capacity = text.capacity() - begin;
            if (auto error = parser.iterate(data + begin, length, capacity).get(document)) {
                fail_json(line, error);
            }
            od::object object;
            if (auto error = document.get_object().get(object)) {
                fail(ledger_, line, {}, {},
                     error == simdjson::INCORRECT_TYPE
                         ? std::string("a record must be a JSON object")
                         : fmt::format("malformed JSON: {}", simdjson::error_message(error)));
            }
            record(object, line);
            if (!at_end(document)) {
                fail(ledger_, line, {}, {}, "malformed JSON: text after the record");
            }
        }
        begin = end + 1;
    }
}

void Framing::records_of(od::array records) {
    std::uint32_t index = 0;
    for (auto element : records) {
        od::object object;
        if (auto error = element.get_object().get(object)) {
            fail(ledger_, index, {}, {},
                 error == simdjson::INCORRECT_TYPE
                     ? std::string("a record must be a JSON object")
                     : fmt::format("malformed JSON: {}", simdjson::error_message(error)));
        }
        record(object, index);
        ++index;
    }
}

void Framing::json_document(simdjson::padded_string_view text) {
    od::parser parser;
    od::document document;
    if (auto error = parser.iterate(text).get(document)) {
        fail_json(0, error);
    }
    od::json_type type;
    if (auto error = document.type().get(type)) {
        fail_file(fmt::format("malformed JSON: {}", simdjson::error_message(error)));
    }
    od::array records;
    if (type == od::json_type::object) {
        od::object root;
        if (auto error = document.get_object().get(root)) {
            fail_json(0, error);
        }
        bool found = false;
        for (auto field_result : root) {
            od::field field;
            if (auto error = std::move(field_result).get(field)) {
                fail_file(fmt::format("malformed JSON: {}", simdjson::error_message(error)));
            }
            const std::string_view key = key_of(field, 0);
            if (key != "records" || found) {
                fail_file(fmt::format("a JSON ledger is an array of records or an object with the "
                                      "one key \"records\" (found key \"{}\")",
                                      key));
            }
            found = true;
            if (field.value().get_array().get(records) != simdjson::SUCCESS) {
                fail_file("\"records\" must be an array");
            }
            records_of(records);
        }
        if (!found) {
            fail_file("no \"records\" array");
        }
    } else if (type == od::json_type::array) {
        if (auto error = document.get_array().get(records)) {
            fail_json(0, error);
        }
        records_of(records);
    } else {
        fail_file("a JSON ledger is an array of records or {\"records\": [...]}");
    }
    if (!at_end(document)) {
        fail_file("malformed JSON: text after the document");
    }
}

} // namespace

void read_document(Ledger& ledger, simdjson::padded_string_view text, const RecordSink& sink) {
    Framing(ledger, sink).json_document(text);
}

void read_lines(Ledger& ledger, simdjson::padded_string_view block, std::uint32_t& line,
                const RecordSink& sink) {
    Framing(ledger, sink).json_lines(block, line);
}

} // namespace accrue::reading
