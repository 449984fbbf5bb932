import { createHmac } from 'node:crypto';
import type { PublishedCounts } from './statistics.tables.js';

/**
 * Keyed, repeatable noise for public figures (ADR 0110): each published count gets two-sided
 * geometric noise with parameter exp(-epsilon), drawn from an HMAC of the cell's identity, so
 * asking again returns the same figure and averaging repeated answers gains nothing.
 */
export function createNoise(secret: string, epsilon: number, threshold: number) {
  const key = createHmac('sha256', secret).update('ariadne:statistics:noise').digest();
  const alpha = Math.exp(-epsilon);
  const uniform = (label: string) => {
    const h = createHmac('sha256', key).update(label).digest();
    // 48 bits into (0, 1).
    return (h.readUIntBE(0, 6) + 0.5) / 2 ** 48;
  };
  const geometric = (label: string) => {
    // Inverse CDF of the two-sided geometric distribution P(k) ∝ alpha^|k|.
    const u = uniform(label);
    const p0 = (1 - alpha) / (1 + alpha);
    const centred = u - 0.5;
    if (Math.abs(centred) <= p0 / 2) {
      return 0;
    }
    const tail = 0.5 - Math.abs(centred); // probability mass beyond |k|
    const k = Math.max(1, Math.floor(Math.log(tail * (1 + alpha)) / Math.log(alpha)));
    return centred < 0 ? -k : k;
  };
  /** A noisy count: zeros and suppressed counts stay as they are; shown counts stay >= threshold. */
  const noisy = (value: number | null, label: string): number | null => {
    if (value === null || value === 0) {
      return value;
    }
    return Math.max(threshold, value + geometric(label));
  };
  return {
    noisy,
    /** Adds noise to every shown count of a table; `label` names the table. */
    apply(table: PublishedCounts, label: string): PublishedCounts {
      return {
        ...table,
        cells:
          table.cells?.map((row, i) =>
            row.map((v, j) => noisy(v, `${label}|${table.rows[i]}|${table.columns?.[j]}`)),
          ) ?? null,
        rowTotals: table.rowTotals.map((v, i) => noisy(v, `${label}|${table.rows[i]}|*`)),
        colTotals:
          table.colTotals?.map((v, j) => noisy(v, `${label}|*|${table.columns?.[j]}`)) ?? null,
        total: noisy(table.total, `${label}|*|*`),
      };
    },
  };
}

/** The noise of a public release, or none. */
export type Noise = ReturnType<typeof createNoise>;
