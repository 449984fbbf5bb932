import { createRequire } from 'node:module';
import type { Bidi } from 'bidi-js';
import { scriptOf, type FontScript } from './pdf.fonts.js';

const require = createRequire(import.meta.url);
let instance: Bidi | undefined;

/** bidi-js (CommonJS, a factory), built on first use rather than at start-up (ADR 0129). */
function bidi(): Bidi {
  instance ??= (require('bidi-js') as () => Bidi)();
  return instance;
}

/** A piece of a line drawn with one font, in one direction. */
export interface Piece {
  /** Text in logical order (an RTL Arabic piece is reversed and shaped by fontkit when drawn). */
  text: string;
  script: FontScript;
  /** Bidi embedding level: odd is right to left. */
  level: number;
  /** A run of spaces: advances the pen, draws nothing. */
  space: boolean;
}

/** Bidi controls (marks, isolates, embeddings): they steer the algorithm and are never drawn. */
const INVISIBLE = /[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069]/;

/** Wraps text in a first-strong isolate: laid out in its own direction, placed as one block. */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`;
}

/** Paragraph direction. */
export type Direction = 'ltr' | 'rtl';

/**
 * Splits one line into pieces (same level, same font, words and spaces apart) and puts them in
 * visual order, left to right, with the Unicode Bidirectional Algorithm (UAX #9, via bidi-js):
 * levels are resolved per character, then rule L2 reverses runs of pieces from the highest level
 * down to the lowest odd level. Pieces are never split, so Arabic words stay whole for shaping.
 */
export function visualPieces(line: string, direction: Direction): Piece[] {
  const { levels } = bidi().getEmbeddingLevels(line, direction);
  const pieces: Piece[] = [];
  for (let i = 0; i < line.length;) {
    const code = line.codePointAt(i)!;
    const width = code > 0xffff ? 2 : 1;
    const ch = line.slice(i, i + width);
    if (INVISIBLE.test(ch)) {
      i += width;
      continue;
    }
    const level = levels[i]!;
    const space = ch === ' ';
    const script = space ? 'latin' : scriptOf(code);
    const last = pieces[pieces.length - 1];
    if (last && last.level === level && last.script === script && last.space === space) {
      last.text += ch;
    } else {
      pieces.push({ text: ch, script, level, space });
    }
    i += width;
  }
  const max = Math.max(0, ...pieces.map((p) => p.level));
  const lowestOdd = Math.min(...pieces.map((p) => (p.level % 2 === 1 ? p.level : Infinity)));
  for (let k = max; k >= lowestOdd && k > 0; k--) {
    for (let i = 0; i < pieces.length; i++) {
      if (pieces[i]!.level < k) {
        continue;
      }
      let j = i;
      while (j + 1 < pieces.length && pieces[j + 1]!.level >= k) {
        j++;
      }
      const reversed = pieces.slice(i, j + 1).reverse();
      pieces.splice(i, reversed.length, ...reversed);
      i = j;
    }
  }
  return pieces;
}

/**
 * The characters of a right-to-left piece that fontkit will not reverse by itself (pieces
 * without Arabic letters, e.g. punctuation), reversed and mirrored ("(" ↔ ")").
 */
export function mirrorNeutral(piece: Piece): string {
  if (piece.level % 2 === 0 || piece.script === 'arabic') {
    return piece.text;
  }
  return [...piece.text]
    .reverse()
    .map((c) => bidi().getMirroredCharacter(c) ?? c)
    .join('');
}
