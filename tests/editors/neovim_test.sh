#!/bin/bash
# Runs headless Neovim (the one installed here, 0.7.2 on bookworm) with the
# set-up of docs/editors.md, editors/nvim/accrue.lua, and checks what a user
# would see: the filetype and omnifunc of a `*.accrue` file, the diagnostic
# `accrue lsp` sent (range and words as `accrue check` gives them), a
# completion, and :AccrueFormat in the `accrue fmt` layout.
# Usage: neovim_test.sh ACCRUE_BINARY
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
printf 'program   messy\n  currency USD\n  time zone "UTC"\n  roles referral\ncommission c on payment\n  base payment.amount in USD\n  rate 10 %%\n' \
  > "$work/messy.accrue"
# One mistake: `payment.amont`, line 7 (0-based 6), columns 7 to 20.
expected='filetype accrue
omnifunc v:lua.vim.lsp.omnifunc
diagnostic 6:7-6:20 unknown field `payment.amont` | hint: did you mean `payment.amount`?
completion has amount: true
formatted program messy
formatted   currency USD
formatted   time zone "UTC"
formatted   roles referral
formatted 
formatted commission c on payment
formatted   base payment.amount in USD
formatted   rate 10%'
timeout 60 nvim --headless --clean \
  --cmd "let g:accrue_binary = '$accrue'" \
  --cmd "let g:accrue_setup = '$here/../../editors/nvim/accrue.lua'" \
  --cmd "let g:accrue_program = '$work/mistake.accrue'" \
  --cmd "let g:accrue_messy = '$work/messy.accrue'" \
  --cmd "let g:accrue_output = '$work/received.txt'" \
  -c "luafile $here/neovim_setup.lua" > "$work/nvim.log" 2>&1 || true
received=$(cat "$work/received.txt" 2>/dev/null || echo "Neovim wrote nothing: $(cat "$work/nvim.log")")
if [ "$received" != "$expected" ]; then
  echo "expected:"; echo "$expected"
  echo "received:"; echo "$received"
  exit 1
fi
echo "$(nvim --version | head -1) received:"
echo "$received"
