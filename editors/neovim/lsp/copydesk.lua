-- copydesk language server configuration for Neovim 0.11+.
--
-- With this folder on 'runtimepath':
--   vim.lsp.enable('copydesk')
-- Override any field with vim.lsp.config('copydesk', { ... }).

---@type vim.lsp.Config
return {
  cmd = { 'copydesk', 'server' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  -- Sent to the server as settings; the same shape as copydesk.toml, for example
  -- { copydesk = { rules = { ['repeated-word'] = 'error' } } }.
  settings = { copydesk = vim.empty_dict() },
}
