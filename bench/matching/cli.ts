// The command-line options the matching diagnostics share (`--size`, `--profile`, `--seed`).
import type { NoiseProfile } from './generator.js';

/** The value after `--name` on the command line, or the fallback. */
export function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

/** The data set a diagnostic runs on: size on each side, noise profile and seed. */
export function dataOptions(defaultSize: number) {
  return {
    size: Number(arg('size', String(defaultSize))),
    profile: arg('profile', 'A') as NoiseProfile,
    seed: Number(arg('seed', '20261127')),
  };
}
