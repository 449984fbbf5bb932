import { expect } from 'chai';
import { createNoise } from '../../src/features/statistics/statistics.noise.js';

// ADR 0110: the public release adds keyed two-sided geometric noise to every shown count.
describe('statistics: public-release noise', () => {
  const epsilon = 0.5;
  const noise = createNoise('a test secret', epsilon, 10);

  it('answers the same question with the same figure, so averaging gains nothing', () => {
    const first = Array.from({ length: 50 }, (_, i) => noise.noisy(100, `reports|${i}`));
    const again = Array.from({ length: 50 }, (_, i) => noise.noisy(100, `reports|${i}`));
    expect(again).to.deep.equal(first);
    expect(new Set(first).size, 'different cells get different noise').to.be.greaterThan(3);
  });

  it('keeps zeros and suppressed cells, and never shows a count below the threshold', () => {
    expect(noise.noisy(0, 'x')).to.equal(0);
    expect(noise.noisy(null, 'x')).to.equal(null);
    for (let i = 0; i < 2000; i += 1) {
      expect(noise.noisy(10, `small|${i}`)).to.be.at.least(10);
    }
  });

  it('draws from a centred geometric distribution with P(0) = (1-a)/(1+a), a = e^-epsilon', () => {
    const n = 20_000;
    const draws = Array.from({ length: n }, (_, i) => noise.noisy(1000, `cell|${i}`)! - 1000);
    const alpha = Math.exp(-epsilon);
    const zero = draws.filter((d) => d === 0).length / n;
    expect(zero).to.be.closeTo((1 - alpha) / (1 + alpha), 0.02);
    const mean = draws.reduce((a, b) => a + b, 0) / n;
    expect(mean).to.be.closeTo(0, 0.1);
    const variance = draws.reduce((a, b) => a + b * b, 0) / n;
    expect(variance, 'variance 2a/(1-a)^2').to.be.closeTo((2 * alpha) / (1 - alpha) ** 2, 0.5);
    const plusOne = draws.filter((d) => d === 1).length / n;
    const minusOne = draws.filter((d) => d === -1).length / n;
    expect(plusOne).to.be.closeTo(minusOne, 0.02);
  });

  it('depends on the node secret: another node cannot predict the noise', () => {
    const other = createNoise('another secret', epsilon, 10);
    const a = Array.from({ length: 50 }, (_, i) => noise.noisy(100, `r|${i}`));
    const b = Array.from({ length: 50 }, (_, i) => other.noisy(100, `r|${i}`));
    expect(a).to.not.deep.equal(b);
  });

  it('applies to every cell and total of a table', () => {
    const table = {
      rows: ['ER', 'TN'],
      columns: ['female', 'male'],
      cells: [
        [0, 40],
        [null, 30],
      ],
      rowTotals: [40, 35],
      colTotals: [null, 70],
      total: 75,
    };
    const out = noise.apply(table as never, 'reports|nationality|sex');
    expect(out.cells![0]![0]).to.equal(0);
    expect(out.cells![1]![0]).to.equal(null);
    expect(out.colTotals![0]).to.equal(null);
    for (const v of [out.cells![0]![1], out.cells![1]![1], ...out.rowTotals, out.total]) {
      expect(v).to.be.a('number').and.at.least(10);
    }
  });
});
