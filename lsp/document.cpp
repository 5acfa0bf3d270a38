#include "lsp/document.hpp"

#include "grammar/format/layout_check.hpp"
#include "grammar/libraries.hpp"
#include "grammar/parse.hpp"
#include "interpreter/check/check.hpp"

#include <cctype>

namespace accrue::lsp {
namespace {

// A program, or a library as the program that uses its definitions.
Program parse(const SourceFile& source) {
    return grammar::is_library_text(source.text) ? grammar::library_as_program(source)
                                                 : parse_program(source);
}

Analysis analyze(const SourceFile& source) {
    Analysis analysis;
    try {
        analysis.program = parse(source);
    } catch (const ProgramError& error) {
        analysis.diagnostics = error.diagnostics();
        return analysis;
    } catch (const std::exception& error) {
        analysis.diagnostics.push_back(Diagnostic{{1, 1, 1}, error.what()});
        return analysis;
    }
    analysis.diagnostics = format::misleading_layout(source);
    if (!analysis.diagnostics.empty()) {
        return analysis;
    }
    // The checks annotate a copy: the parsed program stays as written, for
    // symbols and definitions.
    Program checked = parse(source);
    try {
        check_program(checked, source);
    } catch (const ProgramError& error) {
        analysis.diagnostics = error.diagnostics();
    } catch (const std::exception& error) {
        analysis.diagnostics.push_back(Diagnostic{{1, 1, 1}, error.what()});
    }
    return analysis;
}

int hex_value(char c) {
    return std::isdigit(static_cast<unsigned char>(c))
               ? c - '0'
               : std::tolower(static_cast<unsigned char>(c)) - 'a' + 10;
}

bool word_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

} // namespace

std::string path_of_uri(const std::string& uri) {
    constexpr std::string_view scheme = "file://";
    if (uri.rfind(scheme, 0) != 0) {
        return uri;
    }
    std::string path;
    for (std::size_t i = scheme.size(); i < uri.size(); ++i) {
        if (uri[i] == '%' && i + 2 < uri.size() &&
            std::isxdigit(static_cast<unsigned char>(uri[i + 1])) &&
            std::isxdigit(static_cast<unsigned char>(uri[i + 2]))) {
            path.push_back(static_cast<char>(hex_value(uri[i + 1]) * 16 + hex_value(uri[i + 2])));
            i += 2;
        } else {
            path.push_back(uri[i]);
        }
    }
    return path;
}

std::string uri_of_path(const std::string& path) {
    std::string uri = "file://";
    for (const char c : path) {
        const auto u = static_cast<unsigned char>(c);
        if (std::isalnum(u) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~') {
            uri.push_back(c);
        } else {
            static constexpr char digits[] = "0123456789ABCDEF";
            uri += {'%', digits[u >> 4], digits[u & 15]};
        }
    }
    return uri;
}

Document open_document(std::string uri, std::string text) {
    Document d;
    d.path = path_of_uri(uri);
    d.uri = std::move(uri);
    d.text = std::move(text);
    d.analysis = analyze(SourceFile{d.path, d.text});
    return d;
}

Word word_at(std::string_view text, std::size_t offset) {
    offset = std::min(offset, text.size());
    std::size_t begin = offset;
    while (begin > 0 && word_char(text[begin - 1])) {
        --begin;
    }
    std::size_t end = offset;
    while (end < text.size() && word_char(text[end])) {
        ++end;
    }
    return Word{std::string(text.substr(begin, end - begin)), begin};
}

} // namespace accrue::lsp
