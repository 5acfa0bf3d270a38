-- accrue in Neovim 0.7 or later (the one Debian bookworm installs is 0.7.2):
-- `*.accrue` files get the filetype `accrue`, the built-in LSP client runs
-- `accrue lsp` for them (diagnostics, hover with K, go to definition),
-- completion with CTRL-X CTRL-O (omnifunc), and :AccrueFormat formats in the
-- `accrue fmt` layout. Load it from init.lua:
--
--   vim.g.accrue_binary = "accrue"   -- or a full path; optional
--   dofile("/path/to/accrue/editors/nvim/accrue.lua")
--
-- tests/editors/neovim_test.sh runs exactly this file in headless Neovim.

local binary = vim.g.accrue_binary or "accrue"
local client_id = nil

vim.cmd([[
  augroup accrue_filetype
    autocmd!
    autocmd BufRead,BufNewFile *.accrue setfiletype accrue
  augroup END
]])

-- vim.lsp.buf.format is 0.8+; 0.7 has formatting_sync.
local function format(buffer)
  if vim.lsp.buf.format then
    vim.lsp.buf.format({ bufnr = buffer, timeout_ms = 5000 })
  else
    vim.lsp.buf.formatting_sync(nil, 5000)
  end
end

-- One server for every accrue buffer.
local function client()
  if client_id == nil or vim.lsp.get_client_by_id(client_id) == nil then
    client_id = vim.lsp.start_client({
      name = "accrue",
      cmd = { binary, "lsp" },
      root_dir = vim.fn.getcwd(),
    })
  end
  return client_id
end

vim.api.nvim_create_autocmd("FileType", {
  pattern = "accrue",
  callback = function(args)
    local id = client()
    if id then
      vim.lsp.buf_attach_client(args.buf, id)
    end
    vim.bo[args.buf].omnifunc = "v:lua.vim.lsp.omnifunc"
    vim.bo[args.buf].commentstring = "# %s"
    vim.bo[args.buf].shiftwidth = 2
    vim.bo[args.buf].expandtab = true
    vim.api.nvim_buf_create_user_command(args.buf, "AccrueFormat", function()
      format(args.buf)
    end, { desc = "Format in the accrue fmt layout" })
  end,
})
