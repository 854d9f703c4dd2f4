// Which `copydesk` binary the extension runs, and why. Kept free of the `vscode` module so a
// test can load it from a packaged extension and drive the binary it picks.
//
// In order: the `copydesk.path` setting, the binary bundled in a platform-specific package
// (`bin/copydesk` inside the extension), then `copydesk` on PATH.

import * as fs from 'fs';
import * as path from 'path';

export interface Lookup {
  /** The `copydesk.path` setting ('' or undefined when unset). */
  configured?: string;
  /** The extension's own folder. */
  extensionPath: string;
  /** The PATH to search. */
  pathEnv?: string;
  /** `process.platform`. */
  platform?: string;
}

export type Found =
  | { ok: true; command: string; source: 'setting' | 'bundled' | 'path'; reason: string }
  | { ok: false; reason: string };

/** The binary's file name on `platform`. */
export function binaryName(platform: string): string {
  return platform === 'win32' ? 'copydesk.exe' : 'copydesk';
}

function executable(file: string, platform: string): boolean {
  try {
    fs.accessSync(file, platform === 'win32' ? fs.constants.F_OK : fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

/** Finds the server binary, saying which one and why, or why none. */
export function resolveServer(lookup: Lookup): Found {
  const platform = lookup.platform ?? process.platform;
  const name = binaryName(platform);
  if (lookup.configured) {
    // An explicit setting is never second-guessed: if it is wrong, say so.
    return executable(lookup.configured, platform)
      ? { ok: true, command: lookup.configured, source: 'setting', reason: 'the copydesk.path setting' }
      : {
          ok: false,
          reason: `copydesk.path is set to "${lookup.configured}", which is not an executable file`,
        };
  }
  const bundled = path.join(lookup.extensionPath, 'bin', name);
  if (executable(bundled, platform)) {
    return { ok: true, command: bundled, source: 'bundled', reason: 'the binary bundled with the extension' };
  }
  for (const dir of (lookup.pathEnv ?? '').split(path.delimiter)) {
    if (!dir) {
      continue;
    }
    const candidate = path.join(dir, name);
    if (executable(candidate, platform)) {
      return { ok: true, command: candidate, source: 'path', reason: `${name} on PATH` };
    }
  }
  return {
    ok: false,
    reason:
      `no copydesk binary: copydesk.path is not set, this package bundles none (${bundled}), ` +
      `and there is no ${name} on PATH`,
  };
}
