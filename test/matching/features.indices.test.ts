import { expect } from 'chai';
import { scorePair, type PmProfile } from '../../src/features/matching/index.js';
import { buildAm, buildPm } from './matching.fixtures.js';

type PmMark = NonNullable<PmProfile['marks']>[number];
type PmEffect = NonNullable<PmProfile['effects']>[number];

const rose: PmMark = { kind: 'tattoo', bodyLocation: 'left_arm', description: 'rose' };
const snake: PmMark = { kind: 'tattoo', bodyLocation: 'chest', description: 'snake' };
const mole = (i: number): PmMark => ({ kind: 'mole', bodyLocation: 'back', description: `m${i}` });

/** Fillers first, then the two matching marks at the given indices (schemas allow 100 marks). */
function marksAt(first: number, second: number, total: number): PmMark[] {
  const marks = Array.from({ length: total }, (_, i) => mole(i));
  marks[first] = rose;
  marks[second] = snake;
  return marks;
}

describe('matching engine: marks and effects beyond 32 items (issue 15, item 13)', () => {
  const am = buildAm({
    marks: [
      { kind: 'tattoo', bodyLocation: 'left_arm', description: 'rose' },
      { kind: 'tattoo', bodyLocation: 'chest', description: 'snake' },
    ],
  });

  it('scores the same pair the same wherever the matching marks stand in the list', () => {
    const parts = (marks: PmMark[]) =>
      scorePair(am, buildPm({ marks })).parts.find((p) => p.attribute === 'marks');
    const early = parts(marksAt(0, 1, 80));
    for (const [a, b] of [
      [0, 32],
      [32, 33],
      [40, 72],
      [1, 79],
    ] as const) {
      expect(parts(marksAt(a, b, 80))?.log10lr, `marks at ${a}, ${b}`).to.equal(early?.log10lr);
    }
    expect(early?.explanation).to.contain('tattoo on chest ~ tattoo on chest');
  });

  it('matches effects beyond index 31 as well as at the start', () => {
    const shirt: PmEffect = {
      category: 'clothing',
      description: 'red football shirt',
      brand: 'Adidas',
    };
    const filler = (i: number): PmEffect => ({
      category: 'clothing',
      description: `blue coat ${i}`,
    });
    const amTwo = buildAm({
      effects: [
        { category: 'clothing', description: 'red football shirt', brand: 'Adidas' },
        { category: 'clothing', description: 'red football shirt', brand: 'Adidas' },
      ],
    });
    const at = (a: number, b: number) => {
      const effects = Array.from({ length: 70 }, (_, i) => filler(i));
      effects[a] = shirt;
      effects[b] = shirt;
      return scorePair(amTwo, buildPm({ effects })).parts.find((p) => p.attribute === 'effects');
    };
    expect(at(0, 32)?.log10lr).to.equal(at(0, 1)?.log10lr);
    expect(at(33, 65)?.log10lr).to.equal(at(0, 1)?.log10lr);
    expect(at(0, 1)?.explanation).to.contain('2 of 2');
  });
});
