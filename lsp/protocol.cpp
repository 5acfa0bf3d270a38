#include "lsp/protocol.hpp"

#include <algorithm>
#include <cctype>

namespace accrue::lsp {
namespace {

constexpr std::size_t max_header_bytes = 4096;

// One header line without its CR LF; nullopt at the end of the input or past
// the header limit.
std::optional<std::string> header_line(std::istream& in) {
    std::string line;
    char c = 0;
    while (in.get(c)) {
        if (c == '\n') {
            if (!line.empty() && line.back() == '\r') {
                line.pop_back();
            }
            return line;
        }
        if (line.size() >= max_header_bytes) {
            return std::nullopt;
        }
        line.push_back(c);
    }
    return std::nullopt;
}

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    return text;
}

} // namespace

Incoming read_message(std::istream& in) {
    std::optional<std::size_t> length;
    bool any_header = false;
    while (true) {
        const auto line = header_line(in);
        if (!line) {
            return {any_header ? Incoming::Kind::bad_frame : Incoming::Kind::end_of_input, {}};
        }
        if (line->empty()) {
            if (!any_header) {
                continue; // stray blank lines between messages
            }
            break;
        }
        any_header = true;
        const std::string name = lower(line->substr(0, line->find(':')));
        if (name == "content-length" && line->find(':') != std::string::npos) {
            const std::string value = line->substr(line->find(':') + 1);
            try {
                std::size_t used = 0;
                const unsigned long long n = std::stoull(value, &used);
                length = static_cast<std::size_t>(n);
            } catch (const std::exception&) {
                return {Incoming::Kind::bad_frame, {}};
            }
        }
    }
    if (!length) {
        return {Incoming::Kind::bad_frame, {}};
    }
    if (*length > max_message_bytes) {
        in.ignore(static_cast<std::streamsize>(*length));
        return {Incoming::Kind::too_large, {}};
    }
    std::string body(*length, '\0');
    in.read(body.data(), static_cast<std::streamsize>(*length));
    if (static_cast<std::size_t>(in.gcount()) != *length) {
        return {Incoming::Kind::end_of_input, {}};
    }
    return {Incoming::Kind::message, std::move(body)};
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
