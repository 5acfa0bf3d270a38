// What the server answers about a document: hover, completion, definitions,
// symbols and quick fixes. Each takes the document and the request's
// position (a byte offset) and returns the protocol's JSON.
#pragma once

#include "lsp/document.hpp"
#include "lsp/positions.hpp"

#include <nlohmann/json.hpp>

namespace accrue::lsp {

using json = nlohmann::json;

json hover(const Document& d, const LineIndex& lines, std::size_t offset);
json completion(const Document& d, std::size_t offset);
json definition(const Document& d, const LineIndex& lines, std::size_t offset);
json document_symbols(const Document& d, const LineIndex& lines);
// A quick fix for each "did you mean `X`?" among the document's diagnostics
// that touch the range.
json code_actions(const Document& d, const LineIndex& lines, std::size_t line_from,
                  std::size_t line_to);
// The diagnostics as the protocol publishes them.
json diagnostics(const Document& d, const LineIndex& lines);

} // namespace accrue::lsp
