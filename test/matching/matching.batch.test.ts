import { expect } from 'chai';
import {
  createContext,
  evaluate,
  prepareAm,
  preparePm,
  rankCandidates,
  type PreparedAm,
  type PreparedPm,
  type ScoreContext,
} from '../../src/features/matching/index.js';
import { compile, rankSubject } from '../../src/features/matching/matching.batch.js';
import { generate } from '../../bench/matching/generator.js';

/** The reference: every pair scored, sorted by score then id, the first k kept. */
function reference(
  subject: PreparedAm | PreparedPm,
  others: (PreparedAm | PreparedPm)[],
  ctx: ScoreContext,
  threshold: number,
  k: number,
): string[] {
  return others
    .map((o) => ({
      id: o.id,
      score:
        subject.side === 'am'
          ? evaluate(subject, o as PreparedPm, ctx, null)
          : evaluate(o as PreparedAm, subject, ctx, null),
    }))
    .filter((x) => x.score !== -Infinity && x.score >= threshold)
    .sort((x, y) => y.score - x.score || x.id.localeCompare(y.id))
    .slice(0, k)
    .map((x) => `${x.id} ${x.score}`);
}

describe('matching: batch scorer ranks exactly like the reference scorer', () => {
  for (const profile of ['A', 'B'] as const) {
    it(`top 10 and thresholded lists, both directions (noise profile ${profile})`, () => {
      const data = generate(11, 300, 300, profile);
      const ams = data.am.map(prepareAm);
      const pms = data.pm.map(preparePm);
      const ctx = createContext();
      const pmSide = compile('pm', pms);
      const amSide = compile('am', ams);
      let pruned = 0;
      for (let i = 0; i < 60; i++) {
        const top = rankSubject(ams[i]!, pmSide, ctx, { topK: 10, explain: false });
        expect(top.pairs.map((p) => `${p.id} ${p.score}`)).to.deep.equal(
          reference(ams[i]!, pms, ctx, -Infinity, 10),
        );
        pruned += pms.length - top.evaluated;
        const listed = rankSubject(pms[i]!, amSide, ctx, { threshold: 2, explain: false });
        expect(listed.pairs.map((p) => `${p.id} ${p.score}`)).to.deep.equal(
          reference(pms[i]!, ams, ctx, 2, Infinity),
        );
      }
      // The bound did prune (otherwise this would test nothing about pruning).
      expect(pruned).to.be.greaterThan(60 * 100);
    });
  }

  it('explains every kept candidate, as rankCandidates does', () => {
    const data = generate(12, 80, 80);
    const ctx = createContext();
    const pmSide = compile('pm', data.pm.map(preparePm));
    for (const am of data.am.slice(0, 10)) {
      const ranked = rankSubject(prepareAm(am), pmSide, ctx, { threshold: 0 });
      const expected = rankCandidates(am, data.pm, 0);
      expect(ranked.pairs.map((p) => p.explained)).to.deep.equal(
        expected.map(({ rank: _rank, ...pair }) => pair),
      );
      for (const p of ranked.pairs) {
        expect(p.explained?.parts.length).to.be.greaterThan(0);
      }
    }
  });

  it('always scores pairs with laboratory results or overrides, which bounds do not know', () => {
    const data = generate(13, 100, 100);
    const ams = data.am.map(prepareAm);
    const pms = data.pm.map(preparePm);
    const far = pms[pms.length - 1]!;
    const ctx = createContext({
      labResults: [
        { kind: 'dna', amId: ams[0]!.id, pmId: far.id, method: 'direct', likelihoodRatio: 1e9 },
      ],
      overrides: [{ rule: 'sex_mismatch', amId: ams[1]!.id, pmId: pms[3]!.id }],
    });
    const side = compile('pm', pms);
    const top = rankSubject(ams[0]!, side, ctx, { topK: 3 });
    const dna = top.pairs.find((p) => p.id === far.id);
    expect(dna?.explained?.parts[0]?.attribute).to.equal('dna');
    for (const i of [0, 1]) {
      expect(
        rankSubject(ams[i]!, side, ctx, { topK: 5, explain: false }).pairs.map(
          (p) => `${p.id} ${p.score}`,
        ),
      ).to.deep.equal(reference(ams[i]!, pms, ctx, -Infinity, 5));
    }
    // A global override (no pair named) turns pruning off and still ranks the same.
    const global = createContext({ overrides: [{ rule: 'age_incompatible' }] });
    const all = rankSubject(ams[2]!, side, global, { topK: 5, explain: false });
    expect(all.evaluated).to.equal(pms.length);
    expect(all.pairs.map((p) => `${p.id} ${p.score}`)).to.deep.equal(
      reference(ams[2]!, pms, global, -Infinity, 5),
    );
  });
});
