// Drives the real `copydesk server` with vscode-languageserver-protocol, the protocol library
// inside VS Code's own client, announcing what VS Code announces (UTF-16 positions only), and
// applies the server's edits by JavaScript string slicing (UTF-16 code units).
//
// COPYDESK_BIN names the binary (the Rust test suite sets it).

'use strict';

const assert = require('node:assert/strict');
const { spawn } = require('node:child_process');
const { test } = require('node:test');
const {
  createProtocolConnection,
  StreamMessageReader,
  StreamMessageWriter,
} = require('vscode-languageserver-protocol/node');

const BIN = process.env.COPYDESK_BIN;
const URI = 'file:///drafts/floods.md';

// One issue for each rule, after an emoji and accented letters.
const DRAFT = [
  '# Floods force thousands from their homes',
  '',
  '😀 Prime Minister Pedro Sánchez declared three days of mourning. Sanchez spoke on television.',
  '',
  'More than 1,000 soldiers were sent to help with the the rescue.',
  '',
  'On Tuesday, the regional president said on Tuesday that the warnings came too late.',
  '',
].join('\n');

/** The JavaScript string offset of an LSP position (UTF-16, as in VS Code). */
function offset(text, pos) {
  const lines = text.split('\n');
  let at = 0;
  for (let i = 0; i < pos.line; i++) {
    at += lines[i].length + 1;
  }
  return at + Math.min(pos.character, (lines[pos.line] ?? '').length);
}

/** Applies a workspace edit's text edits to `text`, last first. */
function apply(text, edit) {
  const edits = edit.documentChanges.flatMap((c) => c.edits);
  const sorted = edits
    .map((e) => [offset(text, e.range.start), offset(text, e.range.end), e.newText])
    .sort((a, b) => b[0] - a[0]);
  for (const [start, end, newText] of sorted) {
    text = text.slice(0, start) + newText + text.slice(end);
  }
  return text;
}

/** VS Code's client capabilities, as far as copydesk uses them. */
const CAPABILITIES = {
  general: { positionEncodings: ['utf-16'] },
  workspace: {
    workspaceEdit: { documentChanges: true, resourceOperations: ['create', 'rename', 'delete'] },
    didChangeConfiguration: { dynamicRegistration: true },
    didChangeWatchedFiles: { dynamicRegistration: true, relativePatternSupport: true },
    configuration: true,
    workspaceFolders: true,
  },
  textDocument: {
    synchronization: { dynamicRegistration: true, willSave: true, willSaveWaitUntil: true, didSave: true },
    publishDiagnostics: {
      relatedInformation: true,
      versionSupport: false,
      tagSupport: { valueSet: [1, 2] },
      codeDescriptionSupport: true,
      dataSupport: true,
    },
    hover: { dynamicRegistration: true, contentFormat: ['markdown', 'plaintext'] },
    codeAction: {
      dynamicRegistration: true,
      isPreferredSupport: true,
      disabledSupport: true,
      dataSupport: true,
      resolveSupport: { properties: ['edit'] },
      codeActionLiteralSupport: {
        codeActionKind: {
          valueSet: ['', 'quickfix', 'refactor', 'refactor.extract', 'refactor.inline', 'refactor.rewrite', 'source', 'source.organizeImports'],
        },
      },
      honorsChangeAnnotations: true,
    },
  },
  window: { workDoneProgress: true, showMessage: { messageActionItem: { additionalPropertiesSupport: true } } },
};

async function startServer() {
  assert.ok(BIN, 'COPYDESK_BIN must name the copydesk binary');
  const child = spawn(BIN, ['server'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const connection = createProtocolConnection(
    new StreamMessageReader(child.stdout),
    new StreamMessageWriter(child.stdin),
  );
  const diagnostics = [];
  const waiters = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    diagnostics.push(params);
    for (const w of waiters.splice(0)) w();
  });
  connection.onNotification('window/showMessage', (params) => {
    throw new Error(`unexpected message from the server: ${params.message}`);
  });
  connection.onRequest('client/registerCapability', () => null);
  connection.listen();
  const init = await connection.sendRequest('initialize', {
    processId: process.pid,
    clientInfo: { name: 'Visual Studio Code', version: '1.91.0' },
    rootUri: null,
    capabilities: CAPABILITIES,
    initializationOptions: { copydesk: {} },
  });
  await connection.sendNotification('initialized', {});

  /** The diagnostics published for `uri` once there are at least `count`. */
  async function diagnosticsFor(uri, count) {
    const deadline = Date.now() + 20000;
    for (;;) {
      const latest = diagnostics.filter((d) => d.uri === uri).at(-1);
      if (latest && latest.diagnostics.length >= count) return latest.diagnostics;
      assert.ok(Date.now() < deadline, `no diagnostics for ${uri}`);
      await new Promise((resolve) => {
        waiters.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  async function stop() {
    const exited = new Promise((resolve) => child.on('exit', (code) => resolve(code)));
    await connection.sendRequest('shutdown');
    await connection.sendNotification('exit');
    assert.equal(await exited, 0, 'the server exits cleanly');
    connection.dispose();
  }

  /** Ends the server if a failed assertion left it running, so the test run never hangs. */
  function kill() {
    if (child.exitCode === null && child.signalCode === null) child.kill();
    connection.dispose();
  }

  return { connection, init, diagnosticsFor, stop, kill };
}

test('diagnostics, quick fixes and fix-all as VS Code sees them', async (t) => {
  const { connection, init, diagnosticsFor, stop, kill } = await startServer();
  t.after(kill);
  assert.equal(init.capabilities.positionEncoding, 'utf-16');

  await connection.sendNotification('textDocument/didOpen', {
    textDocument: { uri: URI, languageId: 'markdown', version: 1, text: DRAFT },
  });
  const diags = await diagnosticsFor(URI, 4);
  const rules = diags.map((d) => d.code).sort();
  assert.deepEqual(rules, ['inconsistent-name', 'repeated-phrase', 'repeated-word', 'unattributed-figure']);
  for (const d of diags) {
    assert.equal(d.source, 'copydesk');
    assert.ok(d.codeDescription.href.endsWith(`${d.code}.md`));
  }

  // Each range covers the right text in UTF-16 terms (after the emoji, "á" and friends).
  const covered = Object.fromEntries(
    diags.map((d) => [d.code, DRAFT.slice(offset(DRAFT, d.range.start), offset(DRAFT, d.range.end))]),
  );
  assert.deepEqual(covered, {
    'inconsistent-name': 'Sanchez',
    'repeated-phrase': 'on Tuesday',
    'repeated-word': 'the',
    'unattributed-figure': '1,000',
  });

  // The preferred quick fix for each diagnostic.
  const expected = {
    'inconsistent-name': DRAFT.replace('. Sanchez spoke', '. Sánchez spoke'),
    'repeated-phrase': DRAFT.replace('said on Tuesday that', 'said that'),
    'repeated-word': DRAFT.replace('the the rescue', 'the rescue'),
    'unattributed-figure': DRAFT.replace('the the rescue.', 'the the rescue, according to TK.'),
  };
  for (const d of diags) {
    const actions = await connection.sendRequest('textDocument/codeAction', {
      textDocument: { uri: URI },
      range: d.range,
      context: { diagnostics: [d], only: ['quickfix'], triggerKind: 1 },
    });
    const preferred = actions.filter((a) => a.isPreferred);
    assert.equal(preferred.length, 1, `one preferred fix for ${d.code}`);
    assert.equal(preferred[0].kind, 'quickfix');
    assert.equal(preferred[0].edit.documentChanges[0].textDocument.version, 1);
    assert.equal(apply(DRAFT, preferred[0].edit), expected[d.code], d.code);
  }

  // Fix all: every preferred fix at once.
  const fixAll = await connection.sendRequest('textDocument/codeAction', {
    textDocument: { uri: URI },
    range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
    context: { diagnostics: [], only: ['source.fixAll'], triggerKind: 1 },
  });
  assert.equal(fixAll.length, 1);
  assert.equal(fixAll[0].kind, 'source.fixAll');
  const fixed = apply(DRAFT, fixAll[0].edit);
  assert.equal(
    fixed,
    DRAFT.replace('. Sanchez spoke', '. Sánchez spoke')
      .replace('said on Tuesday that', 'said that')
      .replace('the the rescue.', 'the rescue, according to TK.'),
  );

  // The fixed text, sent back as VS Code would: the figure's source is still to come (TK).
  await connection.sendNotification('textDocument/didChange', {
    textDocument: { uri: URI, version: 2 },
    contentChanges: [{ text: fixed }],
  });
  const deadline = Date.now() + 20000;
  let hover;
  for (;;) {
    hover = await connection.sendRequest('textDocument/hover', {
      textDocument: { uri: URI },
      position: { line: 4, character: DRAFT.split('\n')[4].indexOf('1,000') + 1 },
    });
    if (hover || Date.now() > deadline) break;
  }
  assert.match(hover.contents.value, /attributed to the placeholder 'TK': the source is still to come/);

  await stop();
});
