// read_ledger: the file's bytes, framed into records (framing.cpp), each
// decoded by the field table (decode.cpp), then checked across records
// (validate.cpp). Every rule of ledger.md "Invalid ledgers" is checked
// before anything is computed.
#include "interpreter/ledger/decode.hpp"
#include "interpreter/ledger/framing.hpp"
#include "interpreter/ledger/validate.hpp"

#include "interpreter/values/bounded_read.hpp"
#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>

#include <algorithm>

namespace accrue {

std::string_view record_type_name(RecordType type) {
    switch (type) {
    case RecordType::partner:
        return "partner";
    case RecordType::rate:
        return "rate";
    case RecordType::click:
        return "click";
    case RecordType::signup:
        return "signup";
    case RecordType::attach:
        return "attach";
    case RecordType::status:
        return "status";
    case RecordType::payment:
        return "payment";
    case RecordType::refund:
        return "refund";
    case RecordType::withdrawal:
        return "withdrawal";
    }
    return "record";
}

std::string Ledger::where(std::uint32_t position) const {
    return fmt::format("{} {}", is_json_lines ? "line" : "index", position);
}

Diagnostic at_record(const Ledger& ledger, const Record& record, std::string message,
                     std::string_view field) {
    Diagnostic d;
    d.file = ledger.file;
    d.record =
        RecordPlace{ledger.where(record.position), std::string(record.id), std::string(field)};
    d.message = std::move(message);
    return d;
}

namespace {

// The file's bytes: a regular file by its size, anything else (a pipe,
// /dev/stdin) read up to the limit.
simdjson::padded_string load(const std::string& path) {
    if (path == "-") { // standard input: `--ledger -`
        const auto bytes = read_bounded(std::cin, limits::max_ledger_bytes);
        if (!bytes) {
            throw LedgerError("<stdin>", fmt::format("the ledger is larger than {} bytes",
                                                     limits::max_ledger_bytes));
        }
        return simdjson::padded_string(*bytes);
    }
    std::error_code error;
    if (std::filesystem::is_regular_file(path, error)) {
        const auto size = std::filesystem::file_size(path, error);
        if (!error && size > limits::max_ledger_bytes) {
            throw LedgerError(
                path, fmt::format("the ledger is larger than {} bytes", limits::max_ledger_bytes));
        }
        simdjson::padded_string text;
        if (auto failure = simdjson::padded_string::load(path).get(text)) {
            throw LedgerError(
                path, fmt::format("cannot read the ledger: {}", simdjson::error_message(failure)));
        }
        return text;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        throw LedgerError(path, "cannot read the ledger");
    }
    const auto bytes = read_bounded(in, limits::max_ledger_bytes);
    if (!bytes) {
        throw LedgerError(
            path, fmt::format("the ledger is larger than {} bytes", limits::max_ledger_bytes));
    }
    return simdjson::padded_string(*bytes);
}

void read_text(Ledger& ledger, const std::string& path,
               std::shared_ptr<simdjson::padded_string> text, const LedgerRules& rules) {
    ledger.file = path;
    // A byte order mark says nothing in UTF-8 (RFC 8259 lets a reader skip it).
    if (std::string_view(text->data(), text->size()).starts_with("\xEF\xBB\xBF")) {
        *text = simdjson::padded_string(std::string_view(text->data() + 3, text->size() - 3));
    }
    const std::string_view view(text->data(), text->size());
    const auto first = view.find_first_not_of(" \t\r\n");
    ledger.is_json_lines =
        !(path.ends_with(".json") || (first != std::string_view::npos && view[first] == '['));
    ledger.buffer = text;
    reading::References references(ledger);
    // About one record a line: reserving once spares the tables their rehashes.
    const auto estimate = static_cast<std::size_t>(std::count(view.begin(), view.end(), '\n')) + 1;
    ledger.records.reserve(estimate);
    references.timed_ids.reserve(estimate);
    reading::Decoder decoder(ledger, rules, references);
    std::size_t count = 0;
    reading::read_records(ledger, *text, [&](const reading::RecordText& record) {
        decoder.decode(record);
        if (rules.progress && ++count % 65536 == 0) {
            rules.progress(count, estimate);
        }
    });
    if (rules.progress) {
        rules.progress(count, count); // done: every record read
    }
    reading::validate(ledger, rules, references);
}

template <typename Read> Ledger guarded_read(const std::string& path, Read&& read) {
    Ledger ledger;
    try {
        read(ledger);
    } catch (const simdjson::simdjson_error& error) {
        throw LedgerError(path, fmt::format("malformed JSON: {}", error.what()));
    } catch (const DecimalOverflow& error) {
        throw LedgerError(path, error.what());
    }
    return ledger;
}

} // namespace

Ledger read_ledger(const std::string& path, const LedgerRules& rules) {
    const std::string name = path == "-" ? "<stdin>" : path;
    return guarded_read(name, [&](Ledger& ledger) {
        read_text(ledger, name, std::make_shared<simdjson::padded_string>(load(path)), rules);
    });
}

Ledger read_ledger_text(const std::string& name, std::string_view text, const LedgerRules& rules) {
    return guarded_read(name, [&](Ledger& ledger) {
        read_text(ledger, name, std::make_shared<simdjson::padded_string>(text), rules);
    });
}

} // namespace accrue
