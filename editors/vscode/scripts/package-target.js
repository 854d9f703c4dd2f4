// Builds a platform-specific .vsix that carries the copydesk binary:
//
//   node scripts/package-target.js TARGET BINARY
//
// TARGET is a VS Code platform (see TARGETS); BINARY is copydesk built for it, e.g.
// `cargo build --release --target x86_64-unknown-linux-gnu`. Writes copydesk-TARGET.vsix.
// `vsce package` runs `vscode:prepublish`, which builds the extension first.

'use strict';

const fs = require('node:fs');
const path = require('node:path');
const { execFileSync } = require('node:child_process');

/** The platforms a release builds, with the Rust target that makes each one's binary. */
const TARGETS = {
  'linux-x64': 'x86_64-unknown-linux-gnu',
  'linux-arm64': 'aarch64-unknown-linux-gnu',
  'alpine-x64': 'x86_64-unknown-linux-musl',
  'darwin-x64': 'x86_64-apple-darwin',
  'darwin-arm64': 'aarch64-apple-darwin',
  'win32-x64': 'x86_64-pc-windows-msvc',
};

function main() {
  const [target, binary] = process.argv.slice(2);
  if (!TARGETS[target] || !binary) {
    console.error('usage: node scripts/package-target.js TARGET BINARY');
    console.error(`TARGET is one of: ${Object.entries(TARGETS).map(([t, r]) => `${t} (${r})`).join(', ')}`);
    process.exit(2);
  }
  if (!fs.statSync(binary, { throwIfNoEntry: false })?.isFile()) {
    console.error(`no binary at ${binary}`);
    process.exit(2);
  }
  const root = path.join(__dirname, '..');
  const bin = path.join(root, 'bin');
  fs.rmSync(bin, { recursive: true, force: true });
  fs.mkdirSync(bin);
  const name = target.startsWith('win32') ? 'copydesk.exe' : 'copydesk';
  fs.copyFileSync(binary, path.join(bin, name));
  fs.chmodSync(path.join(bin, name), 0o755);
  const out = `copydesk-${target}.vsix`;
  try {
    const vsce = path.join(root, 'node_modules', '.bin', process.platform === 'win32' ? 'vsce.cmd' : 'vsce');
    execFileSync(vsce, ['package', '--no-dependencies', '--target', target, '--out', out], {
      cwd: root,
      stdio: 'inherit',
    });
  } finally {
    // A plain `npm run package` must not pick up this platform's binary.
    fs.rmSync(bin, { recursive: true, force: true });
  }
  console.log(`packaged ${out} for ${target} (${TARGETS[target]})`);
}

main();
