import { expect } from 'chai';
import {
  createContext,
  evaluate,
  prepareAm,
  rankCandidates,
  preparePm,
  scorePair,
} from '../../src/features/matching/index.js';
import { compile, rankSubject } from '../../src/features/matching/matching.batch.js';
import { pairUb, tolerances } from '../../src/features/matching/matching.bounds.js';
import { sweepBounds } from '../../src/features/matching/matching.sweep.js';
import { generate } from '../../bench/matching/generator.js';

/** 150 × 150 generated records of a noise profile, prepared and compiled on both sides. */
function compiledSides(seed: number, profile: 'A' | 'B') {
  const data = generate(seed, 150, 150, profile);
  const ams = data.am.map(prepareAm);
  const pms = data.pm.map(preparePm);
  const ctx = createContext();
  return {
    ams,
    pms,
    ctx,
    t: tolerances(ctx),
    amSide: compile('am', ams),
    pmSide: compile('pm', pms),
  };
}

describe('matching: the fast path (swept bounds, bucketed exact scoring) against the reference', () => {
  for (const profile of ['A', 'B'] as const) {
    it(`swept bounds equal pairUb and are never below the exact score (profile ${profile})`, function () {
      this.timeout(120_000);
      const { ams, pms, ctx, t, amSide, pmSide } = compiledSides(21, profile);
      const out = new Float64Array(Math.max(ams.length, pms.length));
      let checked = 0;
      for (let i = 0; i < 30; i++) {
        sweepBounds(compile('am', [ams[i]!]), pmSide, out, t);
        for (let j = 0; j < pms.length; j++) {
          expect(out[j]).to.equal(pairUb(amSide, i, pmSide, j, t));
          expect(out[j]).to.be.at.least(evaluate(ams[i]!, pms[j]!, ctx, null));
          checked++;
        }
        sweepBounds(compile('pm', [pms[i]!]), amSide, out, t);
        for (let j = 0; j < ams.length; j++) {
          expect(out[j]).to.equal(pairUb(amSide, j, pmSide, i, t));
          expect(out[j]).to.be.at.least(evaluate(ams[j]!, pms[i]!, ctx, null));
        }
      }
      expect(checked).to.equal(30 * pms.length);
    });

    it(`capped bounds (a floor and a margin) stay at least pairUb and the exact score (profile ${profile})`, function () {
      this.timeout(120_000);
      const { ams, pms, ctx, t, amSide, pmSide } = compiledSides(24, profile);
      const out = new Float64Array(pms.length);
      let capped = 0;
      for (let i = 0; i < 30; i++) {
        sweepBounds(compile('am', [ams[i]!]), pmSide, out, t, 0, 0, pms.length, 1, 2);
        for (let j = 0; j < pms.length; j++) {
          const exact = pairUb(amSide, i, pmSide, j, t);
          expect(out[j]).to.be.at.least(exact);
          expect(out[j]).to.be.at.least(evaluate(ams[i]!, pms[j]!, ctx, null));
          capped += out[j] === exact ? 0 : 1;
        }
      }
      // Some bounds were capped (otherwise the gate was not tested).
      expect(capped).to.be.greaterThan(100);
    });

    it(`ranks a sample exactly like the reference scorer, scores within 1e-9, every candidate explained (profile ${profile})`, function () {
      this.timeout(120_000);
      const data = generate(22, 400, 400, profile);
      const pms = data.pm.map(preparePm);
      const side = compile('pm', pms);
      const ctx = createContext();
      let pruned = 0;
      for (const am of data.am.slice(0, 40)) {
        const fast = rankSubject(prepareAm(am), side, ctx, { topK: 10 });
        // The reference: every pair scored by the reference scorer, sorted as rankCandidates.
        const reference = pms
          .map((pm) => ({ id: pm.id, score: evaluate(prepareAm(am), pm, ctx, null) }))
          .sort((x, y) => y.score - x.score || x.id.localeCompare(y.id))
          .slice(0, 10);
        expect(fast.pairs.map((p) => p.id)).to.deep.equal(reference.map((c) => c.id));
        fast.pairs.forEach((p, k) => {
          expect(Math.abs(p.score - evaluate(prepareAm(am), pms[p.index]!, ctx, null))).to.be.below(
            1e-9,
          );
          // The explanation is the reference scorer's own, part by part.
          expect(p.explained).to.deep.equal(scorePair(am, data.pm[p.index]!));
          expect(Math.abs(p.score - reference[k]!.score)).to.be.below(1e-9);
          expect(p.explained!.parts.length).to.be.greaterThan(0);
          for (const part of p.explained!.parts) {
            expect(part.explanation).to.be.a('string').and.not.equal('');
          }
        });
        pruned += pms.length - fast.evaluated;
      }
      // Most pairs were never scored exactly (otherwise nothing about pruning was tested).
      expect(pruned).to.be.greaterThan(40 * 200);
    });
  }
});

describe('matching: rankCandidates and the fast path agree on a thresholded list', () => {
  it('lists the same explained candidates above +2 for a report', function () {
    this.timeout(120_000);
    const data = generate(23, 200, 200, 'B');
    const side = compile('pm', data.pm.map(preparePm));
    const ctx = createContext();
    let listed = 0;
    for (const am of data.am.slice(0, 20)) {
      const fast = rankSubject(prepareAm(am), side, ctx, { threshold: 2 });
      const reference = rankCandidates(am, data.pm, 2);
      expect(fast.pairs.map((p) => p.explained)).to.deep.equal(
        reference.map(({ rank: _rank, ...pair }) => pair),
      );
      listed += reference.length;
    }
    expect(listed).to.be.greaterThan(0);
  });
});
