// `accrue lsp` driven over pipes by a scripted client, as an editor would:
// initialize, diagnostics on open and on change, hover, completion,
// definition, symbols, formatting, a quick fix, UTF-16 ranges, malformed
// input, shutdown and exit. Ranges and messages are written out by hand.
#include "support.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <csignal>
#include <string>

using json = nlohmann::json;

namespace {

class Client {
  public:
    Client() {
        int to_server[2];
        int from_server[2];
        REQUIRE(pipe(to_server) == 0);
        REQUIRE(pipe(from_server) == 0);
        pid_ = fork();
        REQUIRE(pid_ >= 0);
        if (pid_ == 0) {
            dup2(to_server[0], 0);
            dup2(from_server[1], 1);
            close(to_server[1]);
            close(from_server[0]);
            const std::string accrue = std::string(ACCRUE_BUILD_DIR) + "/accrue";
            execl(accrue.c_str(), "accrue", "lsp", static_cast<char*>(nullptr));
            _exit(127);
        }
        close(to_server[0]);
        close(from_server[1]);
        in_ = to_server[1];
        out_ = from_server[0];
    }
    ~Client() {
        if (in_ >= 0) {
            close(in_);
        }
        close(out_);
        if (pid_ > 0 && !waited_) {
            kill(pid_, SIGKILL);
            waitpid(pid_, nullptr, 0);
        }
    }
    Client(const Client&) = delete;
    Client& operator=(const Client&) = delete;

    void send_raw(const std::string& body) {
        const std::string frame =
            "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
        REQUIRE(write(in_, frame.data(), frame.size()) == static_cast<ssize_t>(frame.size()));
    }
    void send(const json& message) { send_raw(message.dump()); }
    // Bytes as they are, framed or not.
    void send_bytes(const std::string& bytes) {
        REQUIRE(write(in_, bytes.data(), bytes.size()) == static_cast<ssize_t>(bytes.size()));
    }
    void request(int id, const std::string& method, json params) {
        send({{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}});
    }
    void notify(const std::string& method, json params) {
        send({{"jsonrpc", "2.0"}, {"method", method}, {"params", std::move(params)}});
    }
    json receive() {
        std::string header;
        while (header.size() < 4 || header.substr(header.size() - 4) != "\r\n\r\n") {
            char c = 0;
            REQUIRE(read(out_, &c, 1) == 1);
            header.push_back(c);
        }
        const std::size_t length = std::stoul(header.substr(header.find(':') + 1));
        std::string body(length, '\0');
        std::size_t got = 0;
        while (got < length) {
            const ssize_t n = read(out_, body.data() + got, length - got);
            REQUIRE(n > 0);
            got += static_cast<std::size_t>(n);
        }
        return json::parse(body);
    }
    int exit_code() {
        close(in_);
        in_ = -1;
        int status = 0;
        waitpid(pid_, &status, 0);
        waited_ = true;
        return WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    }

  private:
    pid_t pid_ = -1;
    int in_ = -1;
    int out_ = -1;
    bool waited_ = false;
};

json position(int line, int character) {
    return {{"line", line}, {"character", character}};
}
json range(int line, int from, int to) {
    return {{"start", position(line, from)}, {"end", position(line, to)}};
}
json at(const std::string& uri, int line, int character) {
    return {{"textDocument", {{"uri", uri}}}, {"position", position(line, character)}};
}

const std::string uri = "file:///tmp/accrue-lsp-test.accrue";

// `"a":1,` `count` times: a long JSON body without a line break.
std::string repeat_member(int count) {
    std::string text;
    for (int i = 0; i < count; ++i) {
        text += "\"a\":1,";
    }
    return text + "\"b\":2";
}

// Two mistakes: an unknown field (line 13) and an unknown set (line 14).
const std::string program = "program p\n"
                            "  currency USD\n"
                            "  time zone \"UTC\"\n"
                            "  roles referral\n"
                            "  import standard\n"
                            "\n"
                            "set sources = {\"blog\", \"video\"}\n"
                            "\n"
                            "exclusions\n"
                            "  no_partner from standard\n"
                            "\n"
                            "commission c on payment\n"
                            "  when payment.service in sources\n"
                            "   and payment.amont in USD > 0\n"
                            "   and payment.plan in plans\n"
                            "  base payment.amount in USD\n"
                            "  rate 10%\n";

} // namespace

TEST_CASE("accrue lsp: a scripted client over pipes", "[lsp]") {
    Client client;
    client.request(1, "initialize", {{"capabilities", json::object()}});
    const json init = client.receive();
    CHECK(init["id"] == 1);
    CHECK(init["result"]["capabilities"]["positionEncoding"] == "utf-16");
    CHECK(init["result"]["capabilities"]["hoverProvider"] == true);
    client.notify("initialized", json::object());

    // didOpen: both mistakes, with their exact ranges (0-based lines).
    client.notify("textDocument/didOpen",
                  {{"textDocument",
                    {{"uri", uri}, {"languageId", "accrue"}, {"version", 1}, {"text", program}}}});
    const json opened = client.receive();
    CHECK(opened["method"] == "textDocument/publishDiagnostics");
    const json& two = opened["params"]["diagnostics"];
    REQUIRE(two.size() == 2);
    CHECK(two[0]["range"] == range(13, 7, 20)); // `payment.amont`
    CHECK(two[0]["message"] ==
          "unknown field `payment.amont`\nhint: did you mean `payment.amount`?");
    CHECK(two[0]["severity"] == 1);
    CHECK(two[1]["range"] == range(14, 23, 28)); // `plans`
    CHECK(two[1]["message"].get<std::string>().starts_with("unknown name `plans`"));

    // A quick fix for the did-you-mean.
    client.request(2, "textDocument/codeAction",
                   {{"textDocument", {{"uri", uri}}},
                    {"range", range(13, 0, 0)},
                    {"context", {{"diagnostics", json::array()}}}});
    const json fix = client.receive();
    REQUIRE(fix["result"].size() == 1);
    CHECK(fix["result"][0]["title"] == "Replace with `payment.amount`");
    CHECK(fix["result"][0]["edit"]["changes"][uri][0] ==
          json({{"range", range(13, 7, 20)}, {"newText", "payment.amount"}}));

    // didChange fixes the field: one diagnostic left.
    std::string fixed = program;
    fixed.replace(fixed.find("payment.amont"), 13, "payment.amount");
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 2}}},
                                             {"contentChanges", json::array({{{"text", fixed}}})}});
    const json changed = client.receive();
    REQUIRE(changed["params"]["diagnostics"].size() == 1);
    CHECK(changed["params"]["diagnostics"][0]["range"] == range(14, 23, 28));

    // Hover on a field (line 15 `  base payment.amount in USD`) and on a set.
    client.request(3, "textDocument/hover", at(uri, 15, 10));
    const json field = client.receive();
    CHECK(field["result"]["contents"]["value"] ==
          "`payment.amount`: money of the payment\n\nthe amount paid, in the payment's currency");
    client.request(4, "textDocument/hover", at(uri, 12, 28)); // `sources`
    CHECK(client.receive()["result"]["contents"]["value"] ==
          "set `sources` = {\"blog\", \"video\"}");

    // Hover on a definition taken from a library: its text there.
    client.request(12, "textDocument/hover", at(uri, 9, 4)); // `  no_partner from standard`
    CHECK(client.receive()["result"]["contents"]["value"] ==
          "`no_partner` from library `standard`:\n\n```accrue\nexclusion no_partner when partner "
          "is not set\n```");

    // Completion after `payment.`: its fields readable in rules on payment.
    std::string typing = fixed;
    typing.insert(typing.find("  rate 10%"), "  available at payment.\n");
    client.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}, {"version", 3}}},
                   {"contentChanges", json::array({{{"text", typing}}})}});
    client.receive(); // its diagnostics
    client.request(5, "textDocument/completion", at(uri, 16, 23));
    const json completion = client.receive();
    std::vector<std::string> labels;
    for (const json& item : completion["result"]["items"]) {
        labels.push_back(item["label"]);
    }
    CHECK(labels.size() == 14); // payment's fields: id, at, ... partner, plan
    CHECK(std::find(labels.begin(), labels.end(), "amount") != labels.end());
    CHECK(std::find(labels.begin(), labels.end(), "status") == labels.end());
    client.notify("textDocument/didChange", {{"textDocument", {{"uri", uri}, {"version", 4}}},
                                             {"contentChanges", json::array({{{"text", fixed}}})}});
    client.receive();

    // Definition of a set, and the document's symbols.
    client.request(6, "textDocument/definition", at(uri, 12, 28));
    CHECK(client.receive()["result"] == json({{"uri", uri}, {"range", range(6, 4, 11)}}));
    // ... and of a library's definition: into the library's text (line 10 of
    // stdlib/standard.accrue, 0-based 9).
    client.request(13, "textDocument/definition", at(uri, 9, 4));
    const json library = client.receive()["result"];
    CHECK(library["uri"].get<std::string>().ends_with("/accrue-stdlib/standard.accrue"));
    CHECK(library["range"]["start"] == position(9, 0));
    client.request(7, "textDocument/documentSymbol", {{"textDocument", {{"uri", uri}}}});
    const json symbols = client.receive()["result"];
    REQUIRE(symbols.size() == 3); // the set, the exclusion, the rule
    CHECK(symbols[0]["name"] == "sources");
    CHECK(symbols[2]["name"] == "c");

    // Formatting: the `fmt` layout, as one edit of the whole document.
    const std::string flat = "program p\ncurrency USD\ntime zone \"UTC\"\nroles referral\n";
    client.notify("textDocument/didOpen", {{"textDocument",
                                            {{"uri", "file:///tmp/flat.accrue"},
                                             {"languageId", "accrue"},
                                             {"version", 1},
                                             {"text", flat}}}});
    client.receive();
    client.request(
        8, "textDocument/formatting",
        {{"textDocument", {{"uri", "file:///tmp/flat.accrue"}}}, {"options", json::object()}});
    const json formatting = client.receive()["result"];
    REQUIRE(formatting.size() == 1);
    CHECK(formatting[0]["range"] == json({{"start", position(0, 0)}, {"end", position(4, 0)}}));
    CHECK(formatting[0]["newText"] ==
          "program p\n  currency USD\n  time zone \"UTC\"\n  roles referral\n");

    // Non-ASCII before a mistake: ranges count UTF-16 units, not bytes.
    // `   and payment.service = "Привет 😀" and payment.amont in USD > 0`: the
    // field starts at byte 49 but at UTF-16 unit 41 (6 Cyrillic letters are 12
    // bytes and 6 units; the emoji is 4 bytes and 2 units).
    std::string unicode = fixed;
    unicode.replace(unicode.find("   and payment.amount in USD > 0"), 32,
                    "   and payment.service = \"Привет 😀\" and payment.amont in USD > 0");
    client.notify("textDocument/didChange",
                  {{"textDocument", {{"uri", uri}, {"version", 5}}},
                   {"contentChanges", json::array({{{"text", unicode}}})}});
    const json utf16 = client.receive()["params"]["diagnostics"];
    REQUIRE(utf16.size() == 2);
    CHECK(utf16[0]["range"] == range(13, 41, 54));

    // Malformed JSON, an unknown method, a document never opened: errors, not a crash.
    client.send_raw("{not json");
    CHECK(client.receive()["error"]["code"] == -32700);
    client.request(9, "accrue/unknown", json::object());
    const json unknown = client.receive();
    CHECK(unknown["id"] == 9);
    CHECK(unknown["error"]["code"] == -32601);
    client.request(10, "textDocument/hover", at("file:///nowhere.accrue", 0, 0));
    CHECK(client.receive()["error"]["code"] == -32602);

    // A binary document gets a diagnostic.
    client.notify("textDocument/didOpen",
                  {{"textDocument",
                    {{"uri", "file:///tmp/binary.accrue"},
                     {"languageId", "accrue"},
                     {"version", 1},
                     {"text", std::string("program p\n\x01\x02\x03", 13)}}}});
    const json binary = client.receive();
    CHECK(binary["params"]["uri"] == "file:///tmp/binary.accrue");
    CHECK(binary["params"]["diagnostics"].size() == 1);

    // A document past the program limit (1 MiB) gets the limit's diagnostic.
    client.notify("textDocument/didOpen",
                  {{"textDocument",
                    {{"uri", "file:///tmp/huge.accrue"},
                     {"languageId", "accrue"},
                     {"version", 1},
                     {"text", "program p\n" + std::string(2 << 20, '#')}}}});
    const json huge = client.receive()["params"]["diagnostics"];
    REQUIRE(huge.size() == 1);
    CHECK_THAT(huge[0]["message"].get<std::string>(), Catch::Contains("larger than 1048576 bytes"));

    client.request(11, "shutdown", nullptr);
    const json shutdown = client.receive();
    CHECK(shutdown["id"] == 11);
    CHECK(shutdown["result"].is_null());
    client.notify("exit", nullptr);
    CHECK(client.exit_code() == 0);
}

TEST_CASE("accrue lsp: exit without shutdown is exit code 1", "[lsp]") {
    Client client;
    client.notify("exit", nullptr);
    CHECK(client.exit_code() == 1);
}

TEST_CASE("accrue lsp: broken frames get an error frame, and later requests their answers",
          "[lsp][reliability]") {
    Client client;
    const auto frame = [](const json& message) {
        const std::string body = message.dump();
        return "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    };
    const auto error_of = [&]() {
        const json reply = client.receive();
        CHECK(reply["id"].is_null());
        CHECK(reply["error"]["code"] == -32700);
        return reply["error"]["message"].get<std::string>();
    };
    const auto hover = [&](int id) {
        client.request(id, "textDocument/hover", at("file:///tmp/none.accrue", 0, 0));
        CHECK(client.receive()["id"] == id);
    };
    client.request(1, "initialize", json::object());
    CHECK(client.receive()["id"] == 1);

    // A header line of 5,000 bytes, then a frame: not the end of the input.
    client.send_bytes("X-Long: " + std::string(5000, 'x') + "\r\n" +
                      frame({{"jsonrpc", "2.0"}, {"id", 2}, {"method", "noSuchMethod"}}));
    CHECK(error_of() == "malformed message header: a header line is longer than 4096 bytes");
    hover(3);

    // A negative length is not a huge one.
    client.send_bytes("Content-Length: -1\r\n\r\n");
    CHECK(error_of() == "malformed message header: Content-Length \"-1\" is not a number of bytes");
    hover(4);

    // A frame without Content-Length before a long body: the next frame is still found.
    client.send_bytes("Content-Type: application/json\r\n\r\n{" + repeat_member(3000) + "}");
    CHECK(error_of() == "malformed message header: a message header without Content-Length");
    hover(5);

    client.request(6, "shutdown", nullptr);
    CHECK(client.receive()["id"] == 6);
    client.notify("exit", nullptr);
    CHECK(client.exit_code() == 0);
}
