// A report's names as the shared normaliser (platform/names) sees them: the words stored for
// search, and the query lines a duplicate check sends. The normalising itself lives in
// src/platform/names, used alike by search, duplicate warnings, matching and the encoder.
import {
  joinTokens,
  nameTokens,
  tokenWith,
  recordTokens,
  type RecordToken,
  type WeightedToken,
} from '../../platform/names/index.js';
import type { Report } from './reports.repository.js';

/** One stored word (span 1) or adjacent pair written joined (span 2, for lookup only). */
export interface StoredNameToken extends RecordToken {
  span: number;
}

/** The words of a report's names, with the adjacent pairs of each line written joined. */
export function reportNameRows(person: Pick<Report['person'], 'names'>): StoredNameToken[] {
  const words = recordTokens(person.names, nameTokens);
  const rows: StoredNameToken[] = words.map((w) => ({ ...w, span: 1 }));
  for (let i = 0; i + 1 < words.length; i++) {
    const a = words[i]!;
    const b = words[i + 1]!;
    if (a.line === b.line && b.pos === a.pos + 1) {
      rows.push({ ...a, ...joinTokens(a, b), span: 2 });
    }
  }
  return rows;
}

/**
 * Query lines of a duplicate check: every line of the report's names (each script or
 * spelling, nicknames aside), each word weighted 1 until frequencies are known.
 */
export function duplicateQueryLines(person: Pick<Report['person'], 'names'>): WeightedToken[][] {
  const byLine = new Map<number, WeightedToken[]>();
  for (const w of recordTokens(person.names, nameTokens)) {
    if (w.kind === 'nickname') {
      continue;
    }
    byLine.set(w.line, [...(byLine.get(w.line) ?? []), { ...w, weight: 1 }]);
  }
  return [...byLine.values()];
}

/** Query line of a typed name search. */
export function searchQueryLine(name: string): WeightedToken[] {
  return nameTokens(name).map((t) => tokenWith(t, { weight: 1 }));
}
