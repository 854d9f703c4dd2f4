// A packaged extension, unpacked: its own resolution code (dist/server-path.js) must pick the
// binary bundled in it, and that binary must answer as a language server.
//
// COPYDESK_EXTENSION_DIR names the unpacked `extension/` folder of a platform .vsix (the Rust
// test suite unpacks one).

'use strict';

const assert = require('node:assert/strict');
const fs = require('node:fs');
const os = require('node:os');
const path = require('node:path');
const { spawn } = require('node:child_process');
const { test } = require('node:test');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

const DIR = process.env.COPYDESK_EXTENSION_DIR;

test('the packaged extension runs its bundled binary', { skip: !DIR && 'COPYDESK_EXTENSION_DIR is not set' }, async () => {
  const { resolveServer, binaryName } = require(path.join(DIR, 'dist', 'server-path.js'));
  const manifest = JSON.parse(fs.readFileSync(path.join(DIR, 'package.json'), 'utf8'));
  assert.ok(fs.existsSync(path.join(DIR, manifest.main)), 'the bundled extension is packaged');

  // Nothing set and nothing on PATH: the bundled binary.
  const found = resolveServer({ configured: '', extensionPath: DIR, pathEnv: '' });
  assert.equal(found.ok, true, found.reason);
  assert.equal(found.source, 'bundled');
  assert.equal(found.command, path.join(DIR, 'bin', binaryName(process.platform)));

  // A wrong setting is reported, not silently replaced.
  const wrong = resolveServer({ configured: '/nonexistent/copydesk', extensionPath: DIR, pathEnv: '' });
  assert.equal(wrong.ok, false);
  assert.match(wrong.reason, /copydesk.path is set to "\/nonexistent\/copydesk"/);

  // No bundled binary (a plain package): PATH, and failing that, a reason naming all three.
  const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'copydesk-ext-'));
  const viaPath = resolveServer({ extensionPath: empty, pathEnv: path.dirname(found.command) });
  assert.equal(viaPath.source, 'path');
  const none = resolveServer({ extensionPath: empty, pathEnv: empty });
  assert.equal(none.ok, false);
  assert.match(none.reason, /copydesk.path is not set.*bundles none.*no copydesk on PATH/);

  // The chosen binary speaks the protocol.
  const server = spawn(found.command, ['server', '--stdio'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(server.stdout),
    new StreamMessageWriter(server.stdin),
  );
  connection.listen();
  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
  });
  assert.equal(init.serverInfo.name, 'copydesk');
  await connection.sendRequest('shutdown');
  const exited = new Promise((resolve) => server.on('exit', resolve));
  await connection.sendNotification('exit');
  assert.equal(await exited, 0);
  connection.dispose();
});
