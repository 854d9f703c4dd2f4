-- copydesk for Neovim: require('copydesk').setup({ ... }).
--
-- On Neovim 0.11+ this registers the configuration in lsp/copydesk.lua and enables it; on
-- older versions it starts the server for Markdown and text buffers itself.

local M = {}

local defaults = {
  cmd = { 'copydesk', 'server' },
  filetypes = { 'markdown', 'text' },
  root_markers = { 'copydesk.toml', '.git' },
  settings = { copydesk = vim.empty_dict() },
}

--- Starts copydesk for Markdown and text buffers.
---@param opts table|nil fields of a vim.lsp.Config: cmd, filetypes, root_markers, settings …
function M.setup(opts)
  local config = vim.tbl_deep_extend('force', defaults, opts or {})
  if vim.fn.executable(config.cmd[1]) ~= 1 then
    vim.notify(
      'copydesk: cannot find "' .. config.cmd[1] .. '"; install it with `cargo install --path .` '
        .. 'in the copydesk repository, or set cmd in setup()',
      vim.log.levels.ERROR
    )
    return
  end
  if vim.lsp.config and vim.lsp.enable then
    vim.lsp.config('copydesk', config)
    vim.lsp.enable('copydesk')
    return
  end
  vim.api.nvim_create_autocmd('FileType', {
    group = vim.api.nvim_create_augroup('copydesk', { clear = true }),
    pattern = config.filetypes,
    callback = function(args)
      local root = vim.fs.dirname(vim.fs.find(config.root_markers, {
        upward = true,
        path = vim.fs.dirname(vim.api.nvim_buf_get_name(args.buf)),
      })[1])
      vim.lsp.start({
        name = 'copydesk',
        cmd = config.cmd,
        root_dir = root,
        settings = config.settings,
      }, { bufnr = args.buf })
    end,
  })
end

return M
