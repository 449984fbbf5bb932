// Words for the synthetic generator: each concept has several phrasings, so that a family and a
// medico-legal examiner describe the same mark or item differently (as they do).

/** A seeded pseudo-random source (mulberry32): the generator never uses Math.random. */
export class Rng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** Uniform in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.next();
  }
  /** Integer in [a, b]. */
  int(a: number, b: number): number {
    return a + Math.floor(this.next() * (b - a + 1));
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)] as T;
  }
  /** One element by weight. */
  weighted<T>(items: readonly (readonly [T, number])[]): T {
    const total = items.reduce((s, [, w]) => s + w, 0);
    let r = this.next() * total;
    for (const [item, w] of items) {
      r -= w;
      if (r < 0) {
        return item;
      }
    }
    return items[items.length - 1]![0];
  }
  /** Normal with mean and standard deviation (Box–Muller). */
  normal(mean: number, sd: number): number {
    const u = 1 - this.next();
    const v = this.next();
    return mean + sd * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
  }
  /** Exponential with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }
}

/** Routes with a bounding box, a terrain and a weight (one node sees mostly one region). */
export const ROUTES = [
  { code: 'central_med', terrain: 'sea', lat: [32.5, 37.5], lon: [11, 16], weight: 5 },
  { code: 'western_med', terrain: 'sea', lat: [35, 37], lon: [-6, 0], weight: 1.5 },
  { code: 'eastern_med', terrain: 'sea', lat: [35.5, 39.5], lon: [24, 28], weight: 1 },
  { code: 'atlantic', terrain: 'sea', lat: [27, 29.5], lon: [-18, -13], weight: 1 },
  { code: 'sahara', terrain: 'desert', lat: [18, 26], lon: [4, 13], weight: 1.5 },
  { code: 'us_mexico', terrain: 'desert', lat: [31, 32.7], lon: [-113, -106], weight: 1 },
] as const;
export type Route = (typeof ROUTES)[number];

/** Phrasings per concept: [family words..., examiner words...] are drawn from the same list. */
export const TATTOO_MOTIFS: string[][] = [
  ['rose', 'flower', 'red rose'],
  ['snake', 'serpent'],
  ['cross', 'crucifix'],
  ['initials', 'letters', 'writing'],
  ['star', 'five-pointed star'],
  ['eagle', 'bird of prey', 'bird'],
  ['heart', 'heart shape'],
  ['anchor', 'ship anchor'],
  ['lion', 'lion head', 'big cat'],
  ['name of his mother', 'female name', 'arabic script'],
  ['tribal pattern', 'geometric pattern'],
];
export const SCAR_CAUSES: string[][] = [
  ['surgical scar', 'operation scar', 'linear incision'],
  ['burn', 'burn scar', 'healed burn'],
  ['knife cut', 'laceration', 'cut'],
  ['dog bite', 'bite mark'],
  ['childhood accident', 'old healed wound'],
];
export const OTHER_MARKS: string[][] = [
  ['dark spot', 'pigmented patch'],
  ['brown mole', 'naevus'],
  ['ear ring hole', 'pierced ear'],
  ['missing finger', 'partial amputation'],
  ['bent finger', 'healed fracture'],
];

export const CLOTHES: string[][] = [
  ['t-shirt', 'tee', 'shirt'],
  ['jeans', 'denim trousers', 'blue jeans'],
  ['trousers', 'pants'],
  ['hoodie', 'sweatshirt', 'pullover', 'jumper'],
  ['jacket', 'anorak', 'coat'],
  ['football shirt', 'sports jersey', 'football tee'],
  ['tracksuit', 'track pants'],
  ['life jacket', 'lifevest'],
];
export const FOOTWEAR: string[][] = [
  ['trainers', 'sneakers', 'sports shoes'],
  ['sandals', 'flip-flops'],
  ['boots', 'work boots'],
];
export const JEWELLERY: string[][] = [
  ['silver chain', 'necklace', 'silver pendant'],
  ['ring', 'finger ring'],
  ['bracelet', 'wrist band'],
  ['watch', 'wristwatch'],
];
export const RELIGIOUS: string[][] = [
  ['rosary', 'crucifix'],
  ['prayer beads', 'misbaha beads'],
  ['amulet', 'talisman'],
];
export const COLOURS: string[][] = [
  ['red', 'crimson', 'maroon'],
  ['blue', 'navy', 'dark blue'],
  ['black'],
  ['white', 'off-white'],
  ['grey', 'gray'],
  ['green', 'khaki', 'olive'],
  ['yellow'],
  ['brown', 'beige', 'tan'],
];
export const BRANDS = [
  'Adidas',
  'Nike',
  'Puma',
  'Samsung',
  'Nokia',
  'Tecno',
  'Zara',
  'Real Madrid',
];
export const IMPLANT_KINDS = ['hip prosthesis', 'knee prosthesis', 'plate and screws', 'pacemaker'];
