import { expect } from 'chai';
import { createContext, prepareAm, preparePm } from '../../src/features/matching/index.js';
import { compile, rankSubject } from '../../src/features/matching/matching.batch.js';
import { rankAll } from '../../src/features/matching/matching.parallel.js';
import { generate } from '../../bench/matching/generator.js';

describe('matching: all-pairs ranking on worker threads (ADR 0175)', () => {
  it('ranks every subject exactly as the batch scorer on one thread, both directions', async function () {
    this.timeout(120_000);
    const data = generate(31, 120, 150, 'B');
    const ams = data.am.map(prepareAm);
    const pms = data.pm.map(preparePm);
    const ctx = createContext();
    for (const [subjects, others] of [
      [ams, pms],
      [pms.slice(0, 40), ams],
    ] as const) {
      const parallel = await rankAll(subjects, others, { topK: 10, workers: 2 });
      expect(parallel.workerCpuMs).to.have.length(2);
      const side = compile(others[0]!.side, others);
      expect(parallel.rankings.map((r) => r.id)).to.deep.equal(subjects.map((s) => s.id));
      subjects.forEach((s, i) => {
        const one = rankSubject(s, side, ctx, { topK: 10, explain: false });
        expect(parallel.rankings[i]!.pairs).to.deep.equal(
          one.pairs.map((p) => ({ id: p.id, score: p.score })),
        );
      });
    }
  });
});
