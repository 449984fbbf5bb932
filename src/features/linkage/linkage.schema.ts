// Versioned encoding schemas: which fields go into a CLK, how each is cut into q-grams and how
// many keyed hash positions each q-gram sets (its weight). Documented in docs/linkage-schema.md.
// Two members can compare encodings only when they used the same schema version and secret.

/** How a field's values are cut into the tokens that are hashed. */
export type Tokeniser =
  /** Overlapping q-grams of each value, padded with '_' at both ends. */
  | { kind: 'qgrams'; q: number }
  /** One token per character, tagged with its position (dates, postcodes). */
  | { kind: 'positional' }
  /** The whole value as one token (codes: sex, nationality, year-of-birth buckets). */
  | { kind: 'whole' };

/** One encoded field. */
export interface FieldSpec {
  /** Stable field id; also names the field's derived key. */
  id: string;
  tokeniser: Tokeniser;
  /** Hash positions per token (the field's weight); 0 leaves the field out. */
  k: number;
}

/** Published hardenings applied to the base filter (see ADR 0130). */
export type Hardening =
  /** Plain Bloom filter of `bits` bits. */
  | 'none'
  /** XOR-folding (Schnell, Borgs, Encarnação 2016): a 2·bits filter folded onto itself. */
  | 'xor-fold'
  /** Balanced Bloom filter (Schnell 2016): a bits/2 filter, its complement, keyed permutation. */
  | 'balanced';

/** A complete, versioned encoding schema. */
export interface EncodingSchema {
  /** Version tag carried by every encoding; comparing across versions is refused. */
  version: string;
  /** Length of the filter members exchange (always 1,024 here). */
  bits: 1024;
  hardening: Hardening;
  fields: readonly FieldSpec[];
}

/** Length of the base filter the q-grams are hashed into, before hardening. */
export function baseBits(schema: EncodingSchema): number {
  switch (schema.hardening) {
    case 'none':
      return schema.bits;
    case 'xor-fold':
      return schema.bits * 2;
    case 'balanced':
      return schema.bits / 2;
  }
}

/**
 * The schema of missing-person reports (version ariadne-clk/1): every normalised spelling of the
 * names, their sound keys, sex, date of birth to its stated precision, year-of-birth buckets,
 * nationalities and place of origin.
 */
export const REPORT_SCHEMA: EncodingSchema = {
  version: 'ariadne-clk/1',
  bits: 1024,
  hardening: 'xor-fold',
  fields: [
    { id: 'name', tokeniser: { kind: 'qgrams', q: 2 }, k: 12 },
    { id: 'nameSound', tokeniser: { kind: 'qgrams', q: 2 }, k: 6 },
    { id: 'sex', tokeniser: { kind: 'whole' }, k: 10 },
    { id: 'dob', tokeniser: { kind: 'positional' }, k: 8 },
    { id: 'yob', tokeniser: { kind: 'whole' }, k: 10 },
    { id: 'nationality', tokeniser: { kind: 'whole' }, k: 8 },
    { id: 'origin', tokeniser: { kind: 'qgrams', q: 2 }, k: 4 },
  ],
};

/** Every schema a node can encode or compare, by version. */
export const SCHEMAS: Readonly<Record<string, EncodingSchema>> = {
  [REPORT_SCHEMA.version]: REPORT_SCHEMA,
};
