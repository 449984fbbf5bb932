// Part of `npm run build`: copies the non-TypeScript files the service reads at run time
// (SQL migrations, locale files) next to the compiled JavaScript in dist/.
import { cpSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const ASSET = /\.(sql|json|css)$/;

function copyAssets(from: string, to: string): number {
  let copied = 0;
  for (const name of readdirSync(from)) {
    const source = join(from, name);
    if (statSync(source).isDirectory()) {
      copied += copyAssets(source, join(to, name));
    } else if (ASSET.test(name)) {
      cpSync(source, join(to, name));
      copied += 1;
    }
  }
  return copied;
}

console.log(`build: copied ${copyAssets('src', 'dist/src')} asset files into dist/src`);
