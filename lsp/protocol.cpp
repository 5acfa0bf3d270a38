#include "lsp/protocol.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <string_view>

namespace accrue::lsp {
namespace {

constexpr std::size_t max_header_bytes = 4096;

struct HeaderLine {
    std::string text; // without its CR LF; of a longer line, at least its last max_header_bytes
    bool cut = false; // longer than max_header_bytes
};

// One header line, holding at most max_header_bytes of it however long it
// is; nullopt at the end of the input.
std::optional<HeaderLine> header_line(std::istream& in) {
    HeaderLine line;
    char c = 0;
    bool any = false;
    while (in.get(c)) {
        any = true;
        if (c == '\n') {
            if (!line.text.empty() && line.text.back() == '\r') {
                line.text.pop_back();
            }
            return line;
        }
        if (line.text.size() >= max_header_bytes) {
            line.cut = true;
            if (line.text.size() >= 2 * max_header_bytes) { // keep the end, where a frame may start
                line.text.erase(0, line.text.size() - max_header_bytes);
            }
        }
        line.text.push_back(c);
    }
    if (!any) {
        return std::nullopt;
    }
    return line; // the input ended inside the line
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

// Where a Content-Length header starts in a line: at 0 in a well-formed
// header; later when the line begins with what is left of a broken frame
// (a body sent without its length runs into the next frame's header).
std::size_t content_length_at(const std::string& line) {
    const std::size_t at = lower(line).rfind("content-length:");
    return at == std::string::npos ? line.size() : at;
}

// A header's value without the spaces around it.
std::string_view trimmed(std::string_view value) {
    const std::size_t first = value.find_first_not_of(" \t");
    if (first == std::string_view::npos) {
        return {};
    }
    return value.substr(first, value.find_last_not_of(" \t") - first + 1);
}

// The header's (trimmed) value as a number of bytes: digits only.
std::optional<std::size_t> byte_count(std::string_view value) {
    std::size_t n = 0;
    const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), n);
    if (error != std::errc{} || end != value.data() + value.size()) {
        return std::nullopt;
    }
    return n;
}

Incoming bad_frame(std::string problem) {
    return {Incoming::Kind::bad_frame, {}, std::move(problem)};
}

} // namespace

Incoming read_message(std::istream& in) {
    std::optional<std::size_t> length;
    std::string problem;
    bool any_header = false;
    while (true) {
        auto line = header_line(in);
        if (!line) {
            return any_header ? bad_frame("the input ended inside a message header")
                              : Incoming{Incoming::Kind::end_of_input, {}, {}};
        }
        std::string& text = line->text;
        if (text.empty()) {
            if (!any_header) {
                continue; // stray blank lines between messages
            }
            break;
        }
        const std::size_t at = content_length_at(text);
        const bool names_length = at < text.size();
        if (names_length && (at > 0 || line->cut)) { // a new frame starts inside the line
            text.erase(0, at);
            problem.clear();
        } else if (line->cut) {
            problem = fmt::format("a header line is longer than {} bytes", max_header_bytes);
        }
        any_header = true;
        if (names_length) {
            const std::string_view value =
                trimmed(std::string_view(text).substr(text.find(':') + 1));
            const auto n = byte_count(value);
            if (!n) {
                problem = fmt::format("Content-Length \"{}\" is not a number of bytes",
                                      value.substr(0, 32));
            }
            length = n;
        }
    }
    if (!length) {
        return bad_frame(problem.empty() ? "a message header without Content-Length" : problem);
    }
    if (*length > max_message_bytes) {
        in.ignore(static_cast<std::streamsize>(*length));
        return {Incoming::Kind::too_large, {}, {}};
    }
    std::string body(*length, '\0');
    in.read(body.data(), static_cast<std::streamsize>(*length));
    if (static_cast<std::size_t>(in.gcount()) != *length) {
        return {Incoming::Kind::end_of_input, {}, {}};
    }
    if (!problem.empty()) { // the body is read past, so that the next frame is found
        return bad_frame(problem);
    }
    return {Incoming::Kind::message, std::move(body), {}};
}

void write_message(std::ostream& out, const json& message) {
    // Invalid UTF-8 from a document is replaced, never thrown at the client.
    const std::string body = message.dump(-1, ' ', false, json::error_handler_t::replace);
    out << "Content-Length: " << body.size() << "\r\n\r\n" << body;
    out.flush();
}

json response(const json& id, json result) {
    return {{"jsonrpc", "2.0"}, {"id", id}, {"result", std::move(result)}};
}

json error_response(const json& id, ErrorCode code, const std::string& message) {
    return {{"jsonrpc", "2.0"},
            {"id", id},
            {"error", {{"code", static_cast<int>(code)}, {"message", message}}}};
}

json notification(const std::string& method, json params) {
    return {{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}};
}

} // namespace accrue::lsp
