// The VS Code client of `accrue lsp`: it starts the server for .accrue files
// (the executable from the `accrue.path` setting) and passes everything to it.
const vscode = require("vscode");
const { LanguageClient, TransportKind } = require("vscode-languageclient/node");

let client;

function activate(context) {
  const command = vscode.workspace.getConfiguration("accrue").get("path") || "accrue";
  const server = { command, args: ["lsp"], transport: TransportKind.stdio };
  client = new LanguageClient(
    "accrue",
    "accrue",
    { run: server, debug: server },
    { documentSelector: [{ scheme: "file", language: "accrue" }] }
  );
  context.subscriptions.push({ dispose: () => client && client.stop() });
  return client.start();
}

function deactivate() {
  return client ? client.stop() : undefined;
}

module.exports = { activate, deactivate };
