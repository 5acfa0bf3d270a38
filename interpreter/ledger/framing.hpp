// The JSON framing of a ledger (ledger.md, "Encoding"): JSON Lines, a JSON
// array of records, or {"records": [...]}. Each record object is checked as
// JSON (values as written, no repeated keys, nested values well-formed) and
// handed on as a RecordText, in file order.
#pragma once

#include "interpreter/ledger/record_text.hpp"

#include <functional>

namespace accrue::reading {

using RecordSink = std::function<void(const RecordText&)>;

// Reads `text` (the file's bytes, padded for simdjson) into records; sets
// ledger.is_json_lines. Throws LedgerError.
void read_records(Ledger& ledger, const simdjson::padded_string& text, const RecordSink& sink);

} // namespace accrue::reading
