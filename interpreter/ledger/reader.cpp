// read_ledger: the file's bytes, framed into records (framing.cpp), each
// decoded by the field table (decode.cpp), then checked across records
// (validate.cpp). Every rule of ledger.md "Invalid ledgers" is checked
// before anything is computed.
#include "interpreter/ledger/blocks.hpp"
#include "interpreter/ledger/decode.hpp"
#include "interpreter/ledger/framing.hpp"
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
        std::optional<simdjson::padded_string_view> block =
            reading::without_byte_order_mark(blocks.next());
        const std::string_view first = block ? std::string_view(*block) : std::string_view{};
        ledger_.is_json_lines = !reading::is_json_document(ledger_.file, first);
        if (!ledger_.is_json_lines) {
            std::string text(first); // before rest(), which reuses the block's memory
            text += blocks.rest();
            const simdjson::padded_string whole(text);
            reading::read_document(ledger_, whole,
                                   [&](const RecordText& r) { decoder_.decode(r); });
            decoder_.number_customers();
        } else {
            reserve(first);
            std::uint32_t line = 0;
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
        }
        if (rules_.progress) {
            rules_.progress(count_, blocks.bytes(), blocks.bytes()); // done: every record read
        }
        reading::validate(ledger_, rules_, references_);
    }

  private:
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
        const std::string name = "<stdin>";
        return guarded_read(name, [&](Ledger& ledger) {
            ledger.file = name;
            read_from(ledger, std::cin, 0, rules);
        });
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
        std::ifstream in(path, std::ios::binary);
        if (!in) {
            throw LedgerError(name, "cannot read the ledger");
        }
        read_from(ledger, in, error ? 0 : size, rules);
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
