// The names of the seeded reports: people drawn from the name benchmark's attested pools
// (bench/names), parsed by the report schema's own name rule and keyed by the application's
// normaliser (reportNameRows), exactly as filing a report stores them.
import { decoys } from '../names/dataset.js';
import { nameVariant } from '../../src/features/reports/reports.schemas.js';
import { reportNameRows, type StoredNameToken } from '../../src/features/reports/reports.names.js';

/** Distinct people's names (as stored in person.names) and their name index rows. */
export interface NamePool {
  names: Record<string, unknown>[][];
  tokens: StoredNameToken[][];
  /** A Latin word of each person's names, for typed searches. */
  words: string[];
}

/** `count` people's names from the pools, seeded. */
export function namePool(count: number, seed: number): NamePool {
  const names = decoys(count, 'IT', seed).map((r) =>
    r.names.map((n) => nameVariant.parse(n) as Record<string, unknown>),
  );
  const tokens = names.map((n) => reportNameRows({ names: n as never }));
  const words = names.map((n) => {
    const latin = n.map((x) => String(x.latin ?? x.value)).find((v) => /^[A-Za-z' -]+$/.test(v));
    return (latin ?? String(n[0]!.value)).split(' ')[0]!;
  });
  return { names, tokens, words };
}
