// JSON-RPC 2.0 over the Language Server Protocol's framing: each message is
// `Content-Length: N\r\n\r\n` and N bytes of JSON. Reading is bounded: a
// header or body past the limits is refused, never read into memory whole.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <istream>
#include <optional>
#include <ostream>
#include <string>

namespace accrue::lsp {

using json = nlohmann::json;

// The error codes of JSON-RPC and the LSP that the server answers with.
enum class ErrorCode : int {
    parse_error = -32700,
    invalid_request = -32600,
    method_not_found = -32601,
    invalid_params = -32602,
    internal_error = -32603,
    server_not_initialized = -32002,
};

// The largest message body read: far beyond any program (limits.hpp allows
// 1 MiB), so that a document past the program limit still reaches the
// checks and gets its diagnostic.
inline constexpr std::size_t max_message_bytes = std::size_t{64} << 20;

struct Incoming {
    enum class Kind { message, end_of_input, bad_frame, too_large } kind = Kind::message;
    std::string body;
    std::string problem; // what is wrong with a bad frame
};

// The next message's body; end_of_input when the client closed the stream.
Incoming read_message(std::istream& in);
void write_message(std::ostream& out, const json& message);

json response(const json& id, json result);
json error_response(const json& id, ErrorCode code, const std::string& message);
json notification(const std::string& method, json params);

} // namespace accrue::lsp
