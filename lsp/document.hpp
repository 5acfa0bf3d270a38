// One open document as the server sees it: its text, and what the parser
// and the checks say of it (the same calls as `accrue check`).
#pragma once

#include "interpreter/ast/ast.hpp"
#include "interpreter/diagnostics/diagnostic.hpp"

#include <optional>
#include <string>
#include <vector>

namespace accrue::lsp {

struct Analysis {
    std::vector<Diagnostic> diagnostics; // every message `accrue check` gives
    std::optional<Program> program;      // the parsed program, unless it has a syntax error
};

struct Document {
    std::string uri;
    std::string path; // the file's path, for messages and library lookups
    std::string text;
    Analysis analysis;
};

Document open_document(std::string uri, std::string text);

// The word under a byte offset: a name, a keyword, a code or a field path
// (`payment.amount`), with the byte offset it starts at.
struct Word {
    std::string text;
    std::size_t begin = 0;
};
Word word_at(std::string_view text, std::size_t offset);

// "file:///a/b%20c.accrue" -> "/a/b c.accrue"; other URIs are kept as they are.
std::string path_of_uri(const std::string& uri);
std::string uri_of_path(const std::string& path);

} // namespace accrue::lsp
