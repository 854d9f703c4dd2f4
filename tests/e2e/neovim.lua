-- Drives copydesk from a real headless Neovim: open a draft, wait for the diagnostic, check
-- where it lands, apply the preferred quick fix through Neovim's own code-action machinery and
-- write the buffer out. Reads COPYDESK_PLUGIN, COPYDESK_BIN, COPYDESK_ENCODING (optional),
-- COPYDESK_DRAFT and COPYDESK_RESULT from the environment.

local result_path = assert(os.getenv('COPYDESK_RESULT'))

local function finish(ok, message)
  local f = io.open(result_path, 'w')
  f:write((ok and 'ok\n' or 'error\n') .. (message or '') .. '\n')
  f:close()
  vim.cmd(ok and 'qa!' or 'cquit 3')
end

-- A prompt would make a headless Neovim exit quietly: fail instead.
vim.ui.select = function(items, _, _)
  finish(false, 'unexpected prompt with ' .. #items .. ' choices')
end
vim.ui.input = function() finish(false, 'unexpected input prompt') end
-- Never hang.
vim.defer_fn(function() finish(false, 'timed out') end, 30000)

local ok, err = pcall(function()
  vim.cmd('filetype on')
  vim.opt.runtimepath:prepend(assert(os.getenv('COPYDESK_PLUGIN')))
  local config = { cmd = { assert(os.getenv('COPYDESK_BIN')), 'server' } }
  local encoding = os.getenv('COPYDESK_ENCODING')
  if encoding and encoding ~= '' then
    config.capabilities = { general = { positionEncodings = { encoding } } }
  end
  if os.getenv('COPYDESK_SETUP') == '1' then
    -- The plugin-manager path: require('copydesk').setup{...}.
    require('copydesk').setup(config)
  else
    vim.lsp.config('copydesk', config)
    vim.lsp.enable('copydesk')
  end

  vim.cmd.edit(assert(os.getenv('COPYDESK_DRAFT')))
  assert(vim.bo.filetype == 'markdown', 'filetype is ' .. vim.bo.filetype)

  assert(vim.wait(20000, function() return #vim.diagnostic.get(0) > 0 end, 50), 'no diagnostics')
  local client = vim.lsp.get_clients({ bufnr = 0, name = 'copydesk' })[1]
  assert(client, 'no copydesk client')
  local d = vim.diagnostic.get(0)[1]
  local line = vim.api.nvim_buf_get_lines(0, d.lnum, d.lnum + 1, true)[1]
  -- The second "the" of "the the", as a byte column in the buffer.
  local first = assert(line:find('the the', 1, true), 'no "the the" on line ' .. d.lnum)
  local expected_col = first - 1 + 4
  assert(d.col == expected_col and d.end_col == expected_col + 3,
    string.format('diagnostic at %d-%d, expected %d-%d in %q', d.col, d.end_col, expected_col, expected_col + 3, line))
  assert(d.source == 'copydesk' and d.code == 'repeated-word', vim.inspect(d))

  local before = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), '\n')
  vim.api.nvim_win_set_cursor(0, { d.lnum + 1, d.col })
  vim.lsp.buf.code_action({
    apply = true,
    filter = function(action) return action.isPreferred == true end,
  })
  assert(vim.wait(10000, function()
    return table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), '\n') ~= before
  end, 50), 'the fix was not applied')

  local text = table.concat(vim.api.nvim_buf_get_lines(0, 0, -1, true), '\n')
  return client.offset_encoding .. '\n' .. text
end)

if ok then finish(true, err) else finish(false, tostring(err)) end
