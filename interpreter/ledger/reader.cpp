// read_ledger: the file's bytes, framed into records (framing.cpp), each
// decoded by the field table (decode.cpp), then checked across records
// (validate.cpp). Every rule of ledger.md "Invalid ledgers" is checked
// before anything is computed.
#include "interpreter/ledger/blocks.hpp"
#include "interpreter/ledger/decode.hpp"
#include "interpreter/ledger/framing.hpp"
#include "interpreter/ledger/spool.hpp"
#include "interpreter/ledger/validate.hpp"

#include "interpreter/values/limits.hpp"

#include <fmt/format.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

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

void Record::set_texts(ViewArena& arena,
                       const std::array<std::string_view, text_slot::count>& staged) {
    std::array<std::string_view, text_slot::count> present;
    std::size_t count = 0;
    texts_present = 0;
    for (std::size_t slot = 0; slot < staged.size(); ++slot) {
        if (!staged[slot].empty()) {
            present[count++] = staged[slot];
            texts_present |= static_cast<std::uint8_t>(1U << slot);
        }
    }
    texts = count == 0 ? nullptr : arena.store(present.data(), count);
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

using reading::Blocks;
using reading::RecordText;

[[noreturn]] void too_large(const std::string& name) {
    throw LedgerError(name,
                      fmt::format("the ledger is larger than {} bytes", limits::max_ledger_bytes));
}

// Reads the records of `source` (the ledger's bytes) and validates them. A
// JSON Lines ledger is framed a block at a time; a JSON document, read whole.
class Reading {
  public:
    Reading(Ledger& ledger, const LedgerRules& rules, std::uint64_t size)
        : ledger_(ledger), rules_(rules), size_(size), references_(ledger),
          decoder_(ledger, rules, references_) {}

    void read(std::istream& source) {
        Blocks blocks(source, limits::max_ledger_bytes, rules_.block_bytes);
        const std::string_view start = reading::without_byte_order_mark(blocks.start());
        ledger_.is_json_lines = !reading::is_json_document(ledger_.file, start);
        if (!ledger_.is_json_lines) {
            read_document(blocks);
        } else {
            check_first_record(start);
            read_lines(blocks, start);
        }
        if (rules_.progress) {
            rules_.progress(count_, blocks.bytes(), blocks.bytes()); // done: every record read
        }
        reading::validate(ledger_, rules_, references_);
    }

  private:
    // Held whole while it is read: one copy, with simdjson's padding.
    void read_document(Blocks& blocks) {
        std::string text = blocks.rest(size_);
        const std::size_t skip = text.size() - reading::without_byte_order_mark(text).size();
        if (text.capacity() < text.size() + simdjson::SIMDJSON_PADDING) {
            text.reserve(text.size() + simdjson::SIMDJSON_PADDING);
        }
        const simdjson::padded_string_view whole(text.data() + skip, text.size() - skip,
                                                 text.capacity() - skip);
        reading::read_document(ledger_, whole, [&](const RecordText& r) { decoder_.decode(r); });
        decoder_.number_customers();
    }

    void read_lines(Blocks& blocks, std::string_view start) {
        reserve(start);
        std::uint32_t line = 0;
        try {
            auto block = reading::without_byte_order_mark(blocks.next());
            for (; block; block = blocks.next()) {
                reading::read_lines(ledger_, *block, line, [&](const RecordText& r) {
                    decoder_.decode(r);
                    ++count_;
                });
                decoder_.number_customers();
                if (rules_.progress) {
                    rules_.progress(count_, blocks.bytes(), size_);
                }
            }
        } catch (const Blocks::LineTooLong&) {
            reading::fail(ledger_, line + 1, {}, {},
                          fmt::format("the line is longer than {} bytes (one record is at most "
                                      "that long)",
                                      limits::max_line_bytes));
        }
    }

    // The first record's first byte, before its line is read whole: /dev/zero
    // or a binary file is refused at once, not after max_line_bytes.
    void check_first_record(std::string_view start) const {
        const std::size_t at = start.find_first_not_of(" \t\r\n");
        if (at == std::string_view::npos || start[at] == '{' || start[at] == '[') {
            return;
        }
        const auto line = static_cast<std::uint32_t>(
            1 + std::count(start.begin(), start.begin() + static_cast<std::ptrdiff_t>(at), '\n'));
        const auto byte = static_cast<unsigned char>(start[at]);
        reading::fail(ledger_, line, {}, {},
                      fmt::format("malformed JSON: a record is a JSON object, starting with '{{', "
                                  "found {}",
                                  byte >= 0x21 && byte < 0x7F
                                      ? fmt::format("'{}'", static_cast<char>(byte))
                                      : fmt::format("the byte 0x{:02X}", byte)));
    }

    // About one record a line, as long as the first block's lines: reserving
    // once spares the record vector and the id table their regrowth.
    void reserve(std::string_view first) {
        const auto lines = static_cast<std::size_t>(std::count(first.begin(), first.end(), '\n'));
        if (size_ == 0 || lines == 0) {
            return;
        }
        // 5% more, for files whose lines grow longer further on.
        const std::size_t estimate = size_ * lines / first.size() * 105 / 100 + 16;
        ledger_.records.reserve(estimate);
        references_.timed_ids.reserve(estimate);
    }

    Ledger& ledger_;
    const LedgerRules& rules_;
    std::uint64_t size_; // 0: not known (standard input)
    reading::References references_;
    reading::Decoder decoder_;
    std::size_t count_ = 0;
};

void read_from(Ledger& ledger, std::istream& source, std::uint64_t size, const LedgerRules& rules) {
    try {
        Reading(ledger, rules, size).read(source);
    } catch (const Blocks::TooLarge&) {
        too_large(ledger.file);
    }
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
    if (path == "-") { // standard input: `--ledger -`
        // Copied to a file first (in a fixed buffer), so that input over the
        // limit is refused without holding it, and the size is known.
        const SpooledInput spooled(std::cin, "<stdin>", limits::max_ledger_bytes);
        return read_ledger(spooled.path(), "<stdin>", rules);
    }
    return read_ledger(path, path, rules);
}

Ledger read_ledger(const std::string& path, const std::string& name, const LedgerRules& rules) {
    return guarded_read(name, [&](Ledger& ledger) {
        ledger.file = name;
        std::error_code error;
        std::uint64_t size = 0;
        if (std::filesystem::is_regular_file(path, error)) {
            size = std::filesystem::file_size(path, error);
            if (!error && size > limits::max_ledger_bytes) {
                too_large(name);
            }
        }
        std::error_code kind_error;
        if (std::filesystem::is_directory(path, kind_error)) {
            throw LedgerError(name, "is a folder, not a ledger: name a JSON Lines (.jsonl) or "
                                    "JSON (.json) file");
        }
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw LedgerError(name, std::filesystem::exists(path, kind_error)
                                        ? "cannot read the ledger (is it readable?)"
                                        : "no such file: cannot read the ledger");
        }
        read_from(ledger, in, error ? 0 : size, rules);
        if (in.bad()) { // a read that failed is not an empty ledger
            throw LedgerError(name, "cannot read the ledger: reading it failed");
        }
    });
}

Ledger read_ledger_text(const std::string& name, std::string_view text, const LedgerRules& rules) {
    return guarded_read(name, [&](Ledger& ledger) {
        ledger.file = name;
        std::istringstream in{std::string(text)};
        read_from(ledger, in, text.size(), rules);
    });
}

} // namespace accrue
