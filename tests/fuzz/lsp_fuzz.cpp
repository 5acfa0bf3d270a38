// Fuzz target: the bytes an editor sends to `accrue lsp`. Whatever they are
// (frames cut short, lengths that lie, JSON that is not, requests with the
// wrong params, documents of any text), the server answers and ends: no
// crash, no hang, and every message it writes is a well-formed frame.
#include "lsp/protocol.hpp"
#include "lsp/server.hpp"

#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::istringstream in(std::string(reinterpret_cast<const char*>(data), size));
    std::ostringstream out;
    accrue::lsp::Server(in, out).run();
    std::istringstream written(out.str());
    while (true) {
        const auto message = accrue::lsp::read_message(written);
        if (message.kind == accrue::lsp::Incoming::Kind::end_of_input) {
            break;
        }
        if (message.kind != accrue::lsp::Incoming::Kind::message ||
            !nlohmann::json::accept(message.body)) {
            std::abort(); // the server wrote a frame a client cannot read
        }
    }
    return 0;
}
