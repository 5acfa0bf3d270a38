#include "lsp/server.hpp"

#include "grammar/format/format.hpp"
#include "lsp/features.hpp"

#include <stdexcept>

namespace accrue::lsp {
namespace {

// A request the params do not allow (a missing field, a closed document).
struct InvalidParams : std::runtime_error {
    using std::runtime_error::runtime_error;
};

json capabilities() {
    return {{"positionEncoding", "utf-16"},
            {"textDocumentSync", {{"openClose", true}, {"change", 1}}}, // full text on change
            {"hoverProvider", true},
            {"completionProvider", {{"triggerCharacters", json::array({"."})}}},
            {"definitionProvider", true},
            {"documentSymbolProvider", true},
            {"documentFormattingProvider", true},
            {"codeActionProvider", {{"codeActionKinds", json::array({"quickfix"})}}}};
}

std::size_t offset_of(const LineIndex& lines, const json& params) {
    const json& position = params.at("position");
    return lines.offset(position.at("line").get<std::size_t>(),
                        position.at("character").get<std::size_t>());
}

} // namespace

int Server::run() {
    while (!exit_) {
        const Incoming incoming = read_message(in_);
        if (incoming.kind == Incoming::Kind::end_of_input) {
            break;
        }
        if (incoming.kind != Incoming::Kind::message) {
            write_message(out_,
                          error_response(nullptr, ErrorCode::parse_error,
                                         incoming.kind == Incoming::Kind::too_large
                                             ? "the message is larger than 64 MiB"
                                             : "malformed message header: " + incoming.problem));
            continue;
        }
        json message;
        try {
            message = json::parse(incoming.body);
        } catch (const json::exception&) {
            write_message(out_, error_response(nullptr, ErrorCode::parse_error,
                                               "the message is not valid JSON"));
            continue;
        }
        handle(message);
    }
    return shut_down_ ? 0 : 1;
}

void Server::handle(const json& message) {
    if (!message.is_object() || !message.contains("method") || !message["method"].is_string()) {
        if (message.is_object() && message.contains("id")) {
            write_message(out_, error_response(message["id"], ErrorCode::invalid_request,
                                               "a request needs a method"));
        } else if (!message.is_object() || !message.contains("result")) {
            write_message(out_, error_response(nullptr, ErrorCode::invalid_request,
                                               "not a JSON-RPC message"));
        }
        return; // a response to a request of ours: nothing to do
    }
    const std::string method = message["method"];
    const json params = message.value("params", json::object());
    const bool is_request = message.contains("id");
    const json id = is_request ? message["id"] : json(nullptr);
    try {
        if (!is_request) {
            notify(method, params);
        } else if (!initialized_ && method != "initialize") {
            write_message(out_, error_response(id, ErrorCode::server_not_initialized,
                                               "the server is not initialized"));
        } else {
            write_message(out_, response(id, request(method, params)));
        }
    } catch (const InvalidParams& error) {
        if (is_request) {
            write_message(out_, error_response(id, ErrorCode::invalid_params, error.what()));
        }
    } catch (const std::out_of_range& error) { // json::at on a missing field
        if (is_request) {
            write_message(out_, error_response(id, ErrorCode::method_not_found, error.what()));
        }
    } catch (const json::exception& error) {
        if (is_request) {
            write_message(out_, error_response(id, ErrorCode::invalid_params, error.what()));
        }
    } catch (const std::exception& error) {
        if (is_request) {
            write_message(out_, error_response(id, ErrorCode::internal_error, error.what()));
        }
    }
}

json Server::request(const std::string& method, const json& params) {
    if (method == "initialize") {
        initialized_ = true;
        return {{"capabilities", capabilities()},
                {"serverInfo", {{"name", "accrue"}, {"version", ACCRUE_VERSION}}}};
    }
    if (method == "shutdown") {
        shut_down_ = true;
        return nullptr;
    }
    if (method.rfind("textDocument/", 0) != 0) {
        throw std::out_of_range("unknown method " + method);
    }
    const Document& d = document(params);
    const LineIndex lines(d.text, Encoding::utf16);
    if (method == "textDocument/hover") {
        return hover(d, lines, offset_of(lines, params));
    }
    if (method == "textDocument/completion") {
        return completion(d, offset_of(lines, params));
    }
    if (method == "textDocument/definition") {
        return definition(d, lines, offset_of(lines, params));
    }
    if (method == "textDocument/documentSymbol") {
        return document_symbols(d, lines);
    }
    if (method == "textDocument/formatting") {
        return formatting(d);
    }
    if (method == "textDocument/codeAction") {
        const json& range = params.at("range");
        return code_actions(d, lines, range.at("start").at("line").get<std::size_t>(),
                            range.at("end").at("line").get<std::size_t>());
    }
    throw std::out_of_range("unknown method " + method);
}

void Server::notify(const std::string& method, const json& params) {
    if (method == "exit") {
        exit_ = true;
    } else if (method == "textDocument/didOpen") {
        const json& doc = params.at("textDocument");
        update(doc.at("uri").get<std::string>(), doc.at("text").get<std::string>());
    } else if (method == "textDocument/didChange") {
        const json& changes = params.at("contentChanges");
        if (!changes.empty()) { // full sync: the last change is the whole text
            update(params.at("textDocument").at("uri").get<std::string>(),
                   changes.back().at("text").get<std::string>());
        }
    } else if (method == "textDocument/didClose") {
        const std::string uri = params.at("textDocument").at("uri").get<std::string>();
        documents_.erase(uri);
        write_message(out_, notification("textDocument/publishDiagnostics",
                                         {{"uri", uri}, {"diagnostics", json::array()}}));
    }
    // Other notifications (initialized, $/cancelRequest, didSave...) need nothing.
}

void Server::update(const std::string& uri, std::string text) {
    const Document& d =
        documents_.insert_or_assign(uri, open_document(uri, std::move(text))).first->second;
    publish(d);
}

void Server::publish(const Document& d) {
    const LineIndex lines(d.text, Encoding::utf16);
    write_message(out_, notification("textDocument/publishDiagnostics",
                                     {{"uri", d.uri}, {"diagnostics", diagnostics(d, lines)}}));
}

const Document& Server::document(const json& params) const {
    const std::string uri = params.at("textDocument").at("uri").get<std::string>();
    const auto it = documents_.find(uri);
    if (it == documents_.end()) {
        throw InvalidParams("the document " + uri + " is not open");
    }
    return it->second;
}

json Server::formatting(const Document& d) const {
    try {
        const std::string formatted = format_source(SourceFile{d.path, d.text});
        if (formatted == d.text) {
            return json::array();
        }
        const LineIndex lines(d.text, Encoding::utf16);
        return json::array({{{"range", lines.whole()}, {"newText", formatted}}});
    } catch (const std::exception&) {
        return json::array(); // a syntax error: its diagnostic says where
    }
}

} // namespace accrue::lsp
