// The copydesk extension: starts `copydesk server` for Markdown and plain-text files.

import * as vscode from 'vscode';
import {
  DidChangeConfigurationNotification,
  LanguageClient,
  LanguageClientOptions,
  ServerOptions,
  State,
} from 'vscode-languageclient/node';
import { Found, resolveServer } from './server-path';

let client: LanguageClient | undefined;
let status: vscode.StatusBarItem;
let output: vscode.LogOutputChannel;

/** VS Code settings and where they go in the server's settings (the copydesk.toml shape). */
const SETTINGS: [string, string[]][] = [
  ['rules', ['rules']],
  ['repeatedPhrase.stopWords', ['repeated-phrase', 'stop-words']],
  ['repeatedPhrase.ignore', ['repeated-phrase', 'ignore']],
  ['unattributedFigure.mode', ['unattributed-figure', 'mode']],
  ['unattributedFigure.marketData', ['unattributed-figure', 'market-data']],
  ['unattributedFigure.results', ['unattributed-figure', 'results']],
  ['unattributedFigure.specs', ['unattributed-figure', 'specs']],
  ['unattributedFigure.quotes', ['unattributed-figure', 'quotes']],
  ['unattributedFigure.placeholder', ['unattributed-figure', 'placeholder']],
  ['unattributedFigure.vagueQuantities', ['unattributed-figure', 'vague-quantities']],
  ['unattributedFigure.cues', ['unattributed-figure', 'cues']],
  ['names.prefer', ['names', 'prefer']],
  ['names.allow', ['names', 'allow']],
];

/** The settings the user has set (never the defaults, which would override copydesk.toml). */
function serverSettings(): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration('copydesk');
  const settings: Record<string, unknown> = {};
  for (const [key, target] of SETTINGS) {
    const seen = config.inspect(key);
    const value = seen?.workspaceFolderValue ?? seen?.workspaceValue ?? seen?.globalValue;
    if (value === undefined) {
      continue;
    }
    let node = settings;
    for (const part of target.slice(0, -1)) {
      node = (node[part] ??= {}) as Record<string, unknown>;
    }
    node[target[target.length - 1]] = value;
  }
  return settings;
}

/** The server binary, and why that one (see server-path.ts). */
function findServer(context: vscode.ExtensionContext): Found {
  return resolveServer({
    configured: vscode.workspace.getConfiguration('copydesk').get<string>('path'),
    extensionPath: context.extensionPath,
    pathEnv: process.env.PATH,
  });
}

/** Which binary runs, for the status bar's tooltip. */
let running = '';

function showState(state: 'starting' | 'running' | 'stopped' | 'missing', why = ''): void {
  const look = {
    starting: ['$(sync~spin) copydesk', `copydesk is starting (${running})`],
    running: ['$(check) copydesk', `copydesk is checking this draft (${running})`],
    stopped: ['$(error) copydesk', 'copydesk stopped; click for its output'],
    missing: ['$(warning) copydesk', `copydesk cannot start: ${why}; click for its output`],
  }[state];
  status.text = look[0];
  status.tooltip = look[1];
  status.show();
}

async function start(context: vscode.ExtensionContext): Promise<void> {
  const found = findServer(context);
  if (!found.ok) {
    output.error(`copydesk cannot start: ${found.reason}.`);
    showState('missing', found.reason);
    void vscode.window.showErrorMessage(
      `copydesk: ${found.reason}. Install the copydesk package for your platform, ` +
        'or `cargo install --locked --path .` in the copydesk repository, or set copydesk.path.',
    );
    return;
  }
  const command = found.command;
  running = `${command}, from ${found.reason}`;
  output.info(`Running ${command} (${found.reason}).`);
  const serverOptions: ServerOptions = { command, args: ['server'] };
  const clientOptions: LanguageClientOptions = {
    documentSelector: [
      { language: 'markdown' },
      { language: 'plaintext' },
    ],
    initializationOptions: { copydesk: serverSettings() },
    synchronize: {
      fileEvents: vscode.workspace.createFileSystemWatcher('**/copydesk.toml'),
    },
    outputChannel: output,
  };
  client = new LanguageClient('copydesk', 'copydesk', serverOptions, clientOptions);
  context.subscriptions.push(
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        showState('running');
      } else if (e.newState === State.Starting) {
        showState('starting');
      } else {
        showState('stopped');
      }
    }),
  );
  showState('starting');
  try {
    await client.start();
  } catch (err) {
    showState('stopped');
    output.error(`copydesk failed to start: ${String(err)}`);
  }
}

async function fixAll(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor) {
    return;
  }
  const kind = vscode.CodeActionKind.SourceFixAll.append('copydesk');
  const actions = await vscode.commands.executeCommand<vscode.CodeAction[]>(
    'vscode.executeCodeActionProvider',
    editor.document.uri,
    new vscode.Range(0, 0, editor.document.lineCount, 0),
    kind.value,
  );
  const action = actions?.find((a) => a.kind && kind.contains(a.kind) && a.edit);
  if (action?.edit) {
    await vscode.workspace.applyEdit(action.edit);
  } else {
    void vscode.window.showInformationMessage('copydesk: nothing to fix in this document.');
  }
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  output = vscode.window.createOutputChannel('copydesk', { log: true });
  status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Right, 100);
  status.command = 'copydesk.showOutput';
  context.subscriptions.push(
    output,
    status,
    vscode.commands.registerCommand('copydesk.showOutput', () => output.show()),
    vscode.commands.registerCommand('copydesk.fixAll', fixAll),
    vscode.commands.registerCommand('copydesk.restart', async () => {
      if (client) {
        await client.stop();
        client = undefined;
      }
      await start(context);
    }),
    vscode.workspace.onDidChangeConfiguration(async (e) => {
      if (!e.affectsConfiguration('copydesk')) {
        return;
      }
      if (e.affectsConfiguration('copydesk.path')) {
        await vscode.commands.executeCommand('copydesk.restart');
        return;
      }
      await client?.sendNotification(DidChangeConfigurationNotification.type, {
        settings: { copydesk: serverSettings() },
      });
    }),
  );
  await start(context);
}

export async function deactivate(): Promise<void> {
  await client?.stop();
}
