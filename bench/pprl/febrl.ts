// FEBRL 4 (5,000 × 5,000 synthetic records, one true duplicate each) for the PPRL benchmark: the
// records as field values and a clkhash-like schema (bigrams for names and addresses, positional
// unigrams for postcode, date of birth and social security id).
import { readFileSync } from 'node:fs';
import type { EncodingSchema, Hardening } from '../../src/features/linkage/index.js';
import type { FieldValues } from '../../src/features/linkage/index.js';

/** Where the FEBRL 4 copies live. */
export const FEBRL_DIR = process.env.FEBRL_DIR ?? '/work/shared/data/febrl';

/** One FEBRL record: its entity id and its field values. */
export interface FebrlRecord {
  entity: string;
  values: FieldValues;
}

/** The FEBRL schema under a given hardening. */
export function febrlSchema(hardening: Hardening): EncodingSchema {
  const bigram = { kind: 'qgrams', q: 2 } as const;
  const pos = { kind: 'positional' } as const;
  return {
    version: `febrl4/${hardening}`,
    bits: 1024,
    hardening,
    fields: [
      { id: 'given_name', tokeniser: bigram, k: 6 },
      { id: 'surname', tokeniser: bigram, k: 6 },
      { id: 'street_number', tokeniser: pos, k: 4 },
      { id: 'address_1', tokeniser: bigram, k: 4 },
      { id: 'address_2', tokeniser: bigram, k: 4 },
      { id: 'suburb', tokeniser: bigram, k: 4 },
      { id: 'postcode', tokeniser: pos, k: 4 },
      { id: 'state', tokeniser: { kind: 'whole' }, k: 4 },
      { id: 'date_of_birth', tokeniser: pos, k: 6 },
      { id: 'soc_sec_id', tokeniser: pos, k: 6 },
    ],
  };
}

/** Reads one FEBRL 4 file. */
export function readFebrl(file: string): FebrlRecord[] {
  const lines = readFileSync(`${FEBRL_DIR}/${file}`, 'utf8').trim().split('\n');
  const header = lines[0]!.split(',').map((h) => h.trim());
  return lines.slice(1).map((line) => {
    const cells = line.split(',').map((c) => c.trim());
    const values: Record<string, string[]> = {};
    header.forEach((h, i) => {
      if (h !== 'rec_id') {
        values[h] = cells[i] ? [cells[i]] : [];
      }
    });
    const entity = /^rec-(\d+)-/.exec(cells[0]!)?.[1] ?? cells[0]!;
    return { entity, values };
  });
}
