-- An end-to-end test in a real editor: headless Neovim opens a program with
-- a mistake, its built-in LSP client starts `accrue lsp`, and the diagnostic
-- Neovim received is written to a file for the test to compare.
-- Arguments (vim.g): accrue_binary, accrue_program, accrue_output.
local program = vim.g.accrue_program
local output = vim.g.accrue_output

vim.cmd("edit " .. vim.fn.fnameescape(program))
local buffer = vim.api.nvim_get_current_buf()
local client = vim.lsp.start_client({
  name = "accrue",
  cmd = { vim.g.accrue_binary, "lsp" },
  root_dir = vim.fn.fnamemodify(program, ":h"),
})
if not client then
  vim.fn.writefile({ "the client did not start" }, output)
  vim.cmd("cquit 2")
end
vim.lsp.buf_attach_client(buffer, client)

local received = vim.wait(10000, function()
  return #vim.diagnostic.get(buffer) > 0
end, 50)

local lines = {}
if not received then
  lines = { "no diagnostic within 10 s" }
else
  for _, d in ipairs(vim.diagnostic.get(buffer)) do
    -- 0-based line and columns, as the protocol sends them.
    table.insert(lines, string.format("%d:%d-%d:%d %s", d.lnum, d.col, d.end_lnum, d.end_col,
      (d.message:gsub("\n", " | "))))
  end
end
vim.fn.writefile(lines, output)
vim.lsp.stop_client(client)
vim.wait(2000, function() return vim.lsp.get_client_by_id(client) == nil end, 50)
vim.cmd("qall!")
