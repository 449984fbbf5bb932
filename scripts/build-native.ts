// npm's prepare step: builds the optional native Dice kernel (native/dice, ADR 0133) with node-gyp,
// offline (Node's own headers via --nodedir). It never fails the install: without a compiler or
// headers it prints one line and the linkage kernel stays WebAssembly.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const addon = join(root, 'native', 'dice');

/** node-gyp: npm's own copy (npm passes its path to scripts), else the one beside npm. */
function nodeGyp(): string | null {
  const candidates = [
    process.env.npm_config_node_gyp,
    join(
      dirname(process.execPath),
      '..',
      'lib',
      'node_modules',
      'npm',
      'node_modules',
      'node-gyp',
      'bin',
      'node-gyp.js',
    ),
  ];
  for (const c of candidates) {
    if (c && existsSync(c)) {
      return c;
    }
  }
  try {
    return createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
  } catch {
    return null;
  }
}

/** The prefix whose include/node holds this Node's headers (so node-gyp downloads nothing). */
function nodeDir(): string | null {
  for (const dir of [process.env.npm_config_nodedir, resolve(dirname(process.execPath), '..')]) {
    if (dir && existsSync(join(dir, 'include', 'node', 'node_api.h'))) {
      return dir;
    }
  }
  return null;
}

function main(): void {
  if (process.env.LINKAGE_KERNEL === 'wasm') {
    console.log('native kernel: not built (LINKAGE_KERNEL=wasm)');
    return;
  }
  const gyp = nodeGyp();
  const dir = nodeDir();
  if (!gyp || !dir) {
    console.log(
      `native kernel: not built (${gyp ? 'no Node headers' : 'no node-gyp'}); linkage uses the WebAssembly kernel`,
    );
    return;
  }
  const started = performance.now();
  const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${dir}`, '--loglevel=error'], {
    cwd: addon,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) {
    const lines = `${r.error?.message ?? ''}\n${r.stderr ?? ''}`.split('\n').map((l) => l.trim());
    const why =
      lines.find((l) => /not found|no such file|error:/i.test(l)) ??
      lines.find((l) => l) ??
      'failed';
    console.log(
      `native kernel: not built (${why.slice(0, 160)}); linkage uses the WebAssembly kernel`,
    );
    return;
  }
  console.log(
    `native kernel: built in ${Math.round(performance.now() - started)} ms (native/dice/build)`,
  );
}

try {
  main();
} catch (err) {
  console.log(
    `native kernel: not built (${String(err).slice(0, 160)}); linkage uses the WebAssembly kernel`,
  );
}
