#!/bin/bash
# Runs Neovim headless on a program with one mistake and checks the
# diagnostic its LSP client received from `accrue lsp` (range and words as
# `accrue check` gives them). Usage: neovim_test.sh ACCRUE_BINARY
set -euo pipefail
accrue=$1
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cat > "$work/mistake.accrue" <<'PROGRAM'
program p
  currency USD
  time zone "UTC"
  roles referral

commission c on payment
  base payment.amont in USD
  rate 10%
PROGRAM
# One mistake: `payment.amont`, line 7 (0-based 6), columns 7 to 20.
expected='6:7-6:20 unknown field `payment.amont` | hint: did you mean `payment.amount`?'
timeout 60 nvim --headless --clean \
  --cmd "let g:accrue_binary = '$accrue'" \
  --cmd "let g:accrue_program = '$work/mistake.accrue'" \
  --cmd "let g:accrue_output = '$work/received.txt'" \
  -c "luafile $here/neovim_diagnostics.lua" > "$work/nvim.log" 2>&1 || true
received=$(cat "$work/received.txt" 2>/dev/null || echo "Neovim wrote nothing: $(cat "$work/nvim.log")")
if [ "$received" != "$expected" ]; then
  echo "expected: $expected"
  echo "received: $received"
  exit 1
fi
echo "Neovim received: $received"
