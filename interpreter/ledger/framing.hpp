// The JSON framing of a ledger (ledger.md, "Encoding"): JSON Lines, a JSON
// array of records, or {"records": [...]}. Each record object is checked as
// JSON (values as written, no repeated keys, nested values well-formed) and
// handed on as a RecordText, in file order.
#pragma once

#include "interpreter/ledger/record_text.hpp"

#include <functional>

namespace accrue::reading {

using RecordSink = std::function<void(const RecordText&)>;

// A JSON document ledger (an array, or {"records": [...]}), read whole.
// Throws LedgerError.
void read_document(Ledger& ledger, simdjson::padded_string_view text, const RecordSink& sink);

// Whole lines of a JSON Lines ledger (the last line of the file may lack its
// newline), padded for simdjson. `line` is the number of the line before
// the block, and is advanced past it.
void read_lines(Ledger& ledger, simdjson::padded_string_view block, std::uint32_t& line,
                const RecordSink& sink);

} // namespace accrue::reading
