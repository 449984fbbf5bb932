// npm's prepare step: builds the optional native addons with node-gyp, offline (Node's own headers
// via --nodedir): the Dice kernel (native/dice, ADR 0133) and the matching sweep (native/matching,
// ADR 0178). It never fails the install: an addon that cannot be built (no compiler, no headers)
// prints one line and its JavaScript or WebAssembly fallback is used.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Each addon: its folder, what it is, and what is used without it. */
const ADDONS = [
  {
    dir: join(root, 'native', 'dice'),
    name: 'native kernel',
    fallback: 'linkage uses the WebAssembly kernel',
    skip: process.env.LINKAGE_KERNEL === 'wasm' ? 'LINKAGE_KERNEL=wasm' : '',
  },
  {
    dir: join(root, 'native', 'matching'),
    name: 'native matching sweep',
    fallback: 'matching uses the JavaScript sweep',
    skip: process.env.MATCHING_SWEEP === 'js' ? 'MATCHING_SWEEP=js' : '',
  },
];

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

/** Builds one addon; one line says what happened, never an exception. */
function build(addon: (typeof ADDONS)[number], gyp: string | null, dir: string | null): void {
  if (addon.skip) {
    console.log(`${addon.name}: not built (${addon.skip})`);
    return;
  }
  if (!gyp || !dir) {
    console.log(
      `${addon.name}: not built (${gyp ? 'no Node headers' : 'no node-gyp'}); ${addon.fallback}`,
    );
    return;
  }
  const started = performance.now();
  const r = spawnSync(process.execPath, [gyp, 'rebuild', `--nodedir=${dir}`, '--loglevel=error'], {
    cwd: addon.dir,
    encoding: 'utf8',
    timeout: 300_000,
  });
  if (r.status !== 0) {
    const lines = `${r.error?.message ?? ''}\n${r.stderr ?? ''}`.split('\n').map((l) => l.trim());
    const why =
      lines.find((l) => /not found|no such file|error:/i.test(l)) ??
      lines.find((l) => l) ??
      'failed';
    console.log(`${addon.name}: not built (${why.slice(0, 160)}); ${addon.fallback}`);
    return;
  }
  console.log(
    `${addon.name}: built in ${Math.round(performance.now() - started)} ms (${relative(root, addon.dir)}/build)`,
  );
}

for (const addon of ADDONS) {
  try {
    build(addon, nodeGyp(), nodeDir());
  } catch (err) {
    console.log(`${addon.name}: not built (${String(err).slice(0, 160)}); ${addon.fallback}`);
  }
}
