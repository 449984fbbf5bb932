// npm start: runs the server as compiled JavaScript (no type-check; `npm run typecheck` does that).
// The build is made only when src/ changed since the last one (a stamp of every file's path, size
// and mtime): esbuild transpiles src/ file by file into dist/src beside its SQL, locale and style
// files (worker entries and assets are found there), and bundles the server's own modules into one
// file, dist/src/server.bundle.js, with packages left external. Loading one module instead of ~350
// saves most of the loader's start-up work; each file's `import.meta.url` is replaced by the URL of
// its transpiled copy, so assets resolve exactly as from dist/src (ADR 0129). Source maps are
// written; `node --enable-source-maps scripts/start.mjs` uses them.
import { cpSync, existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createHash } from 'node:crypto';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const src = join(root, 'src');
const out = join(root, 'dist', 'src');
const bundle = join(out, 'server.bundle.js');
const stampFile = join(out, '.build-stamp');
const ASSET = /\.(sql|json|css)$/;

/**
 * The TypeScript files and the assets under a folder, and a stamp of their paths, sizes and mtimes.
 * @param {string} dir
 * @param {{ code: string[], assets: string[], stamp: import('node:crypto').Hash }} found
 */
function walk(dir, found = { code: [], assets: [], stamp: createHash('sha256') }) {
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    const stat = statSync(path);
    if (stat.isDirectory()) {
      walk(path, found);
      continue;
    }
    found.stamp.update(`${path}\0${stat.size}\0${stat.mtimeMs}\n`);
    if (name.endsWith('.ts') && !name.endsWith('.d.ts')) {
      found.code.push(path);
    } else if (ASSET.test(name)) {
      found.assets.push(path);
    }
  }
  return found;
}

/** esbuild plugin: each src file's `import.meta.url` becomes the URL of its copy under dist/src. */
const metaUrlOfCopy = {
  name: 'import-meta-url-of-copy',
  /** @param {import('esbuild').PluginBuild} b */
  setup(b) {
    b.onLoad({ filter: /\.ts$/ }, async (args) => {
      if (!args.path.startsWith(src)) {
        return undefined;
      }
      const copy = join(out, relative(src, args.path)).replace(/\.ts$/, '.js');
      const text = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(copy).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
  },
};

/** Transpiles and bundles src/ when it changed since the last build. */
async function buildIfChanged() {
  const { code, assets, stamp } = walk(src);
  const digest = stamp.digest('hex');
  if (existsSync(bundle) && existsSync(stampFile) && readFileSync(stampFile, 'utf8') === digest) {
    return;
  }
  const { build } = await import('esbuild');
  const common = { platform: 'node', format: 'esm', target: 'node20', logLevel: 'warning' };
  await build({ ...common, entryPoints: code, outdir: out, outbase: src, sourcemap: 'linked' });
  for (const asset of assets) {
    cpSync(asset, join(out, relative(src, asset)));
  }
  await build({
    ...common,
    entryPoints: [join(src, 'server.ts')],
    outfile: bundle,
    bundle: true,
    packages: 'external',
    sourcemap: 'linked',
    plugins: [metaUrlOfCopy],
  });
  writeFileSync(stampFile, digest);
}

await buildIfChanged();
await import(pathToFileURL(bundle).href);
