// The TextMate grammar, tokenized the way VS Code does (vscode-textmate with
// the Oniguruma regex engine): every program of programs/ and stdlib/ gets
// through it, and a handful of tokens get the scopes editors colour.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { createRequire } from "node:module";
import vsctm from "vscode-textmate";
import oniguruma from "vscode-oniguruma";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");
const require = createRequire(import.meta.url);

async function grammar() {
  const wasm = readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm")).buffer;
  await oniguruma.loadWASM(wasm);
  const registry = new vsctm.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async () =>
      vsctm.parseRawGrammar(readFileSync(join(here, "..", "accrue.tmLanguage.json"), "utf8"), "accrue.tmLanguage.json"),
  });
  return registry.loadGrammar("source.accrue");
}

// Every token of a text: {text, scopes} per token, line by line.
function tokenize(g, text) {
  let stack = vsctm.INITIAL;
  const tokens = [];
  for (const line of text.split("\n")) {
    const result = g.tokenizeLine(line, stack);
    for (const t of result.tokens) {
      tokens.push({ text: line.substring(t.startIndex, t.endIndex), scopes: t.scopes });
    }
    stack = result.ruleStack;
  }
  return tokens;
}

function programs() {
  const files = [];
  for (const folder of ["programs", "programs/examples", "stdlib"]) {
    for (const name of readdirSync(join(root, folder))) {
      if (name.endsWith(".accrue")) files.push(join(root, folder, name));
    }
  }
  return files;
}

test("every program of programs/ and stdlib/ tokenizes", async () => {
  const g = await grammar();
  const files = programs();
  assert.ok(files.length >= 11, `found ${files.length} programs`);
  for (const file of files) {
    const tokens = tokenize(g, readFileSync(file, "utf8"));
    assert.ok(tokens.length > 0, file);
    // A string never runs past its line, so a later line is never string-coloured by mistake.
    for (const t of tokens) {
      if (t.scopes.includes("string.quoted.double.accrue")) assert.ok(!t.text.includes("\n"), file);
    }
  }
});

test("a keyword, a rule name, money, a percentage, a duration, a comment and a string", async () => {
  const g = await grammar();
  const text = [
    "# 10% of every sale",
    "commission sales on payment",
    '  when payment.service = "hosting"',
    "  base payment.amount in USD",
    "  rate 10%",
    "  amount 30.00 USD",
    "  available at payment.at + 30 days",
  ].join("\n");
  const tokens = tokenize(g, text);
  const scopeOf = (text) => {
    const t = tokens.find((t) => t.text === text);
    assert.ok(t, `no token "${text}"`);
    return t.scopes[t.scopes.length - 1];
  };
  assert.equal(scopeOf("# 10% of every sale"), "comment.line.number-sign.accrue");
  assert.equal(scopeOf("commission"), "keyword.control.accrue");
  assert.equal(scopeOf("sales"), "entity.name.function.accrue");
  assert.equal(scopeOf("when"), "keyword.control.accrue");
  assert.equal(scopeOf("payment.service"), "variable.other.member.accrue");
  assert.equal(scopeOf('"'), "string.quoted.double.accrue");
  assert.equal(scopeOf("hosting"), "string.quoted.double.accrue");
  assert.equal(scopeOf("10%"), "constant.numeric.percentage.accrue");
  assert.equal(scopeOf("30.00 "), "constant.numeric.money.accrue");
  assert.equal(scopeOf("USD"), "support.constant.currency.accrue");
  assert.equal(scopeOf("30 days"), "constant.numeric.duration.accrue");
});
