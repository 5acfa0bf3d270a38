-- The set-up of docs/editors.md, as a user loads it: editors/nvim/accrue.lua
-- on the Neovim installed here. Writes what a user would see to a file for
-- neovim_test.sh: the filetype, the omnifunc, the diagnostic received, a
-- completion answered through the omnifunc's client, and the formatted text.
-- Arguments (vim.g): accrue_binary, accrue_setup, accrue_program,
-- accrue_messy, accrue_output.
local out = {}
dofile(vim.g.accrue_setup)

vim.cmd("edit " .. vim.fn.fnameescape(vim.g.accrue_program))
local buffer = vim.api.nvim_get_current_buf()
table.insert(out, "filetype " .. vim.bo[buffer].filetype)
table.insert(out, "omnifunc " .. vim.bo[buffer].omnifunc)

local received = vim.wait(10000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)
if not received then
  table.insert(out, "no diagnostic within 10 s")
else
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    table.insert(out, string.format("diagnostic %d:%d-%d:%d %s", d.lnum, d.col, d.end_lnum,
      d.end_col, (d.message:gsub("\n", " | "))))
  end
end

-- What the omnifunc asks for: completion at the end of `payment.` (line 7).
local params = { textDocument = { uri = vim.uri_from_bufnr(buffer) },
                 position = { line = 6, character = 15 } }
local answers = vim.lsp.buf_request_sync(buffer, "textDocument/completion", params, 5000) or {}
local labels = {}
for _, answer in pairs(answers) do
  for _, item in ipairs((answer.result or {}).items or answer.result or {}) do
    labels[item.label] = true
  end
end
table.insert(out, "completion has amount: " .. tostring(labels["amount"] == true))

vim.cmd("edit " .. vim.fn.fnameescape(vim.g.accrue_messy))
local messy = vim.api.nvim_get_current_buf()
vim.wait(5000, function() return #vim.lsp.buf_get_clients(messy) > 0 end, 50)
vim.cmd("AccrueFormat")
for _, line in ipairs(vim.api.nvim_buf_get_lines(messy, 0, -1, false)) do
  table.insert(out, "formatted " .. line)
end

vim.fn.writefile(out, vim.g.accrue_output)
vim.cmd("qall!")
