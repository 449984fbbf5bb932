// The naive baseline the issue measures against: lower-case, accents stripped, trigram
// similarity of the full name (pg_trgm's definition), no transliteration. An inverted index
// over trigrams keeps it quick; the ranking is the plain similarity.

/** pg_trgm-style trigrams of a string: each word padded with two spaces before, one after. */
export function trigrams(s: string): Set<string> {
  const out = new Set<string>();
  const clean = s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
  for (const word of clean.split(/[^\p{L}\p{N}]+/u).filter(Boolean)) {
    const w = `  ${word} `;
    const chars = Array.from(w);
    for (let i = 0; i + 3 <= chars.length; i++) {
      out.add(chars.slice(i, i + 3).join(''));
    }
  }
  return out;
}

/** A baseline index of full names (each record: one string per line of names). */
export class BaselineIndex {
  private readonly grams = new Map<string, number[]>();
  private readonly sizes: number[][] = [];
  private readonly ids: string[] = [];
  private readonly countries: string[] = [];

  add(id: string, country: string, fullNames: string[]): void {
    const doc = this.ids.length;
    this.ids.push(id);
    this.countries.push(country);
    const sizes: number[] = [];
    fullNames.forEach((name, line) => {
      const g = trigrams(name);
      sizes.push(g.size);
      for (const t of g) {
        const list = this.grams.get(t) ?? [];
        list.push(doc * 8 + line);
        this.grams.set(t, list);
      }
    });
    this.sizes.push(sizes);
  }

  /** Ids of the best `limit` records by similarity (at least one shared trigram), in scope. */
  search(query: string, inScope: (country: string) => boolean, limit: number): string[] {
    const q = trigrams(query);
    const shared = new Map<number, number>();
    for (const t of q) {
      for (const key of this.grams.get(t) ?? []) {
        shared.set(key, (shared.get(key) ?? 0) + 1);
      }
    }
    const best = new Map<number, number>();
    for (const [key, n] of shared) {
      const doc = Math.floor(key / 8);
      if (!inScope(this.countries[doc]!)) {
        continue;
      }
      const size = this.sizes[doc]![key % 8]!;
      const sim = n / (q.size + size - n);
      best.set(doc, Math.max(best.get(doc) ?? 0, sim));
    }
    return [...best.entries()]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, limit)
      .map(([doc]) => this.ids[doc]!);
  }
}
