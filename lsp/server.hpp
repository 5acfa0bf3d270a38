// `accrue lsp`: a Language Server Protocol server over standard input and
// output (docs/editors.md). It reuses the parser, the checks and the
// formatter as they are; it never exits on bad input, only on `exit`.
#pragma once

#include "lsp/document.hpp"
#include "lsp/protocol.hpp"

#include <istream>
#include <map>
#include <ostream>

namespace accrue::lsp {

class Server {
  public:
    Server(std::istream& in, std::ostream& out) : in_(in), out_(out) {}

    // Serves until `exit` (or the end of the input); the process's exit code:
    // 0 after `shutdown`, 1 otherwise, as the protocol says.
    int run();

  private:
    void handle(const json& message);
    json request(const std::string& method, const json& params);
    void notify(const std::string& method, const json& params);
    void publish(const Document& d);
    void update(const std::string& uri, std::string text);
    const Document& document(const json& params) const;
    json formatting(const Document& d) const;

    std::istream& in_;
    std::ostream& out_;
    std::map<std::string, Document> documents_;
    bool initialized_ = false;
    bool shut_down_ = false;
    bool exit_ = false;
};

} // namespace accrue::lsp
