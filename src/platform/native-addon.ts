// Loading an optional native addon built at install (scripts/build-native.ts, ADR 0133 and 0178):
// looked for in the project root above the calling file (src/… or dist/src/…); a missing or
// broken build is a reason, never an exception, so the caller can fall back.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The loaded addon, or null with the reason it is not there. */
export interface LoadedAddon<T> {
  addon: T | null;
  why: string;
}

/** Loads `relative` (e.g. native/dice/build/Release/dice.node) from the project root above `from`. */
export function loadNativeAddon<T>(relative: string, from: string): LoadedAddon<T> {
  let dir = dirname(fileURLToPath(from));
  for (let up = 0; up < 5; up++, dir = dirname(dir)) {
    const file = join(dir, relative);
    if (existsSync(file)) {
      try {
        return { addon: createRequire(from)(file) as T, why: 'built' };
      } catch (err) {
        return { addon: null, why: `${file} did not load: ${String(err).slice(0, 200)}` };
      }
    }
  }
  return {
    addon: null,
    why: `${relative} not built (npm install builds it when a C compiler is present)`,
  };
}
