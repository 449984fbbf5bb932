import { expect } from 'chai';
import { generate } from '../../bench/matching/generator.js';
import { Rng } from '../../bench/matching/vocab.js';
import {
  createContext,
  evaluate,
  explainPrepared,
  prepareAm,
  preparePm,
  rankCandidates,
  scorePair,
} from '../../src/features/matching/index.js';

describe('matching benchmark generator', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const a = generate(42, 60, 50);
    const b = generate(42, 60, 50);
    const c = generate(43, 60, 50);
    expect(JSON.stringify(a.am)).to.equal(JSON.stringify(b.am));
    expect(JSON.stringify(a.pm)).to.equal(JSON.stringify(b.pm));
    expect(Array.from(a.truth)).to.deep.equal(Array.from(b.truth));
    expect(JSON.stringify(a.am)).to.not.equal(JSON.stringify(c.am));
  });

  it('plants half the reported persons among the remains, each once, the rest decoys', () => {
    const { am, pm, truth } = generate(7, 200, 150);
    expect(am).to.have.length(200);
    expect(pm).to.have.length(150);
    const planted = Array.from(truth).filter((t) => t >= 0);
    expect(planted).to.have.length(100);
    expect(new Set(planted).size).to.equal(100);
    expect(pm.map((p) => p.id)).to.deep.equal(pm.map((_, j) => `pm-${j}`));
  });

  it('adds realistic noise: unsexed skeletal remains, missing fields, fuzzy dates', () => {
    const { am, pm } = generate(9, 1000, 1000);
    const skeletal = pm.filter((p) => p.condition === 'skeletal');
    expect(skeletal.length).to.be.greaterThan(50);
    expect(skeletal.some((p) => p.sex === 'unknown')).to.equal(true);
    expect(pm.filter((p) => p.condition === 'complete').every((p) => p.sex !== 'unknown')).to.equal(
      true,
    );
    expect(am.some((a) => a.statureRange === undefined)).to.equal(true);
    expect(am.some((a) => a.lastSeen && a.lastSeen.earliest !== a.lastSeen.latest)).to.equal(true);
  });

  it('yields data on which the true remains mostly rank in the top 10 and are rarely excluded', () => {
    const { am, pm, truth } = generate(3, 150, 150);
    let top10 = 0;
    let excluded = 0;
    let withTruth = 0;
    for (let i = 0; i < am.length; i++) {
      const t = truth[i]!;
      if (t < 0) {
        continue;
      }
      withTruth++;
      if (scorePair(am[i]!, pm[t]!).excluded) {
        excluded++;
      }
      const ranked = rankCandidates(am[i]!, pm, -Infinity);
      const rank = ranked.findIndex((c) => c.pmId === pm[t]!.id);
      if (rank >= 0 && rank < 10) {
        top10++;
      }
    }
    expect(top10 / withTruth).to.be.greaterThan(0.85);
    expect(excluded / withTruth).to.be.lessThan(0.06);
  });

  it('draws from a seeded PRNG in [0, 1)', () => {
    const rng = new Rng(1);
    const xs = Array.from({ length: 1000 }, () => rng.next());
    expect(Math.min(...xs)).to.be.at.least(0);
    expect(Math.max(...xs)).to.be.lessThan(1);
    expect(new Rng(1).next()).to.equal(xs[0]);
  });
});

describe('matching engine: screening agrees with explanation', () => {
  it('excludes exactly the pairs the explanation excludes, and scores the rest the same', () => {
    const { am, pm } = generate(5, 60, 60);
    // Implants with serials on many remains, so that some pairs are excluded (differing serials).
    for (const [j, p] of pm.entries()) {
      p.implants = j % 3 === 0 ? [{ kind: 'plate', serialNumber: `S${j % 7}` }] : p.implants;
    }
    for (const [i, a] of am.entries()) {
      a.implants = i % 2 === 0 ? [{ kind: 'plate', serialNumber: `S${i % 5}` }] : a.implants;
    }
    const overrides = [{ rule: 'age_incompatible' as const }];
    const ctx = createContext({ overrides });
    let excluded = 0;
    for (const a of am.map(prepareAm)) {
      for (const p of pm.map(preparePm)) {
        const fast = evaluate(a, p, ctx, null);
        const explained = explainPrepared(a, p, ctx);
        expect(fast === -Infinity, `${a.id}/${p.id}`).to.equal(explained.excluded);
        if (fast === -Infinity) {
          excluded++;
        } else {
          expect(explained.score).to.be.closeTo(fast, 0.001);
        }
      }
    }
    expect(excluded).to.be.greaterThan(100);
    const serialOverride = [{ rule: 'implant_serial_mismatch' as const }];
    const listed = am.flatMap((a) =>
      rankCandidates(a, pm, -Infinity, { overrides: serialOverride }),
    );
    expect(listed.some((c) => c.exclusions.some((e) => e.overridden))).to.equal(true);
    expect(listed.every((c) => !c.excluded)).to.equal(true);
  });
});
