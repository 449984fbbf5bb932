import { expect } from 'chai';
import {
  haversineKm,
  jaccard,
  rankCandidates,
  scorePair,
  tokenSet,
  tokenize,
  type PmProfile,
} from '../../src/features/matching/index.js';
import { CALIBRATION } from '../../src/features/matching/matching.weights.js';
import { buildAm, buildPm } from './matching.fixtures.js';

/** Non-laboratory parts are shown calibrated (ADR 0034). */
const k = CALIBRATION.slope;

const attrs = (parts: { attribute: string }[]) => parts.map((p) => p.attribute);

describe('matching engine: scorePair', () => {
  it('scores a consistent pair positively and explains every attribute', () => {
    const result = scorePair(buildAm(), buildPm());
    expect(result.excluded).to.equal(false);
    expect(result.exclusions).to.deep.equal([]);
    expect(result.score).to.be.greaterThan(5);
    expect(attrs(result.parts)).to.include.members([
      'sex',
      'age',
      'stature',
      'time',
      'distance',
      'incident',
      'marks',
      'dental',
      'effects',
    ]);
    const sum = result.parts.reduce((s, p) => s + p.log10lr, 0);
    expect(sum).to.be.closeTo(result.score, 0.01);
    const time = result.parts.find((p) => p.attribute === 'time');
    expect(time?.explanation).to.equal('recovered 7 days after last sighting');
    expect(attrs(result.parts)).to.not.include('route'); // incident compared, route not double-counted
  });

  it('weighs a certain sex mismatch as strong evidence, and discounts it once overridden', () => {
    const pm = buildPm({ sex: 'female', sexConfidence: 'certain' });
    const against = scorePair(buildAm(), pm);
    expect(against.excluded).to.equal(false);
    expect(against.exclusions).to.deep.equal([]);
    const sex = against.parts.find((p) => p.attribute === 'sex');
    expect(sex?.log10lr).to.be.closeTo(-1.03 * k, 0.01);
    expect(sex?.explanation).to.equal(
      'reported male, remains certainly female: strong evidence against',
    );
    expect(against.score).to.be.lessThan(scorePair(buildAm(), buildPm()).score - 1.0 * k);
    const overridden = scorePair(buildAm(), pm, {
      overrides: [{ rule: 'sex_mismatch', amId: 'am-1', pmId: 'pm-true' }],
    });
    const discounted = overridden.parts.find((p) => p.attribute === 'sex');
    expect(discounted?.log10lr).to.equal(0);
    expect(discounted?.explanation).to.contain('discounted by a reviewer');
    expect(overridden.score).to.be.greaterThan(against.score);
  });

  it('an override for another pair does not discount the evidence', () => {
    const pm = buildPm({ sex: 'female', sexConfidence: 'certain' });
    const r = scorePair(buildAm(), pm, { overrides: [{ rule: 'sex_mismatch', amId: 'am-2' }] });
    expect(r.parts.find((p) => p.attribute === 'sex')?.log10lr).to.be.lessThan(-1.0 * k);
  });

  it('weighs a probable sex mismatch on skeletal remains without excluding', () => {
    const r = scorePair(buildAm(), buildPm({ condition: 'skeletal', sex: 'female' }));
    expect(r.excluded).to.equal(false);
    expect(r.parts.find((p) => p.attribute === 'sex')?.log10lr).to.be.lessThan(0);
  });

  it('weighs a recovery before the last sighting by how far before, without excluding', () => {
    // 12 days: families' dates are often a few days or weeks late, so neither for nor against.
    const r = scorePair(
      buildAm(),
      buildPm({ recovered: { earliest: '2024-04-01', latest: '2024-04-30' } }),
    );
    expect(r.excluded).to.equal(false);
    const time = r.parts.find((p) => p.attribute === 'time');
    expect(time?.explanation).to.equal('recovered 12 days before the given last-seen date');
    expect(time?.log10lr).to.equal(0);
    // Three months: strong evidence against, weaker than a year's error is.
    const months = scorePair(
      buildAm(),
      buildPm({ recovered: { earliest: '2024-02-01', latest: '2024-02-10' } }),
    ).parts.find((p) => p.attribute === 'time');
    expect(months?.explanation).to.match(
      /days before the person was last seen: strong evidence against$/,
    );
    expect(months?.log10lr).to.be.lessThan(-0.8 * k);
    const years = scorePair(
      buildAm(),
      buildPm({ recovered: { earliest: '2022-04-01', latest: '2022-04-30' } }),
    );
    const yearsLr = years.parts.find((p) => p.attribute === 'time')?.log10lr ?? 0;
    expect(yearsLr).to.be.closeTo(-2 * k, 0.01);
    expect(yearsLr).to.be.lessThan(months?.log10lr ?? 0);
  });

  it('does not exclude when a month-precision recovery date may follow the sighting', () => {
    const r = scorePair(
      buildAm(),
      buildPm({ recovered: { earliest: '2024-05-01', latest: '2024-05-31' } }),
    );
    expect(r.excluded).to.equal(false);
    expect(r.parts.find((p) => p.attribute === 'time')?.explanation).to.equal(
      'recovered 0–19 days after last sighting',
    );
  });

  it('weighs age and stature beyond tolerance as strong evidence, tolerates a near miss', () => {
    const far = scorePair(
      buildAm(),
      buildPm({ ageRange: { min: 45, max: 55 }, statureRange: { min: 150, max: 158 } }),
    );
    expect(far.excluded).to.equal(false);
    const age = far.parts.find((p) => p.attribute === 'age');
    const stature = far.parts.find((p) => p.attribute === 'stature');
    expect(age?.explanation).to.contain('beyond the 5 years tolerance: strong evidence against');
    expect(age?.log10lr).to.be.at.most(-1 * k);
    expect(stature?.log10lr).to.be.lessThan(-1.5 * k);
    const near = scorePair(buildAm(), buildPm({ ageRange: { min: 29, max: 35 } }));
    const nearAge = near.parts.find((p) => p.attribute === 'age')?.log10lr ?? 0;
    expect(nearAge).to.be.lessThan(0);
    expect(nearAge).to.be.greaterThan(age?.log10lr ?? 0);
    const wider = scorePair(buildAm(), buildPm({ ageRange: { min: 45, max: 55 } }), {
      ageToleranceYears: 25,
    });
    expect(wider.parts.find((p) => p.attribute === 'age')?.explanation).to.contain(
      'within tolerance',
    );
  });

  it('treats a shared implant serial number as near-certain', () => {
    const implant = { kind: 'hip prosthesis', serialNumber: 'ZX-4471-B' };
    const base = scorePair(buildAm(), buildPm());
    const withSerial = scorePair(
      buildAm({ implants: [implant] }),
      buildPm({ implants: [{ ...implant, serialNumber: 'zx4471b' }] }),
    );
    expect(withSerial.parts[0]?.attribute).to.equal('implants');
    expect(withSerial.parts[0]?.log10lr).to.be.closeTo(6 * k, 0.001);
    expect(withSerial.score - base.score).to.be.closeTo(6 * k, 0.01);
    const other = scorePair(
      buildAm({ implants: [implant] }),
      buildPm({ implants: [{ ...implant, serialNumber: 'QQ-1' }] }),
    );
    expect(other.excluded).to.equal(true);
    expect(other.exclusions).to.deep.equal([
      {
        rule: 'implant_serial_mismatch',
        reason: 'hip prosthesis: different serial numbers',
        overridable: true,
        overridden: false,
      },
    ]);
    const overridden = scorePair(
      buildAm({ implants: [implant] }),
      buildPm({ implants: [{ ...implant, serialNumber: 'QQ-1' }] }),
      { overrides: [{ rule: 'implant_serial_mismatch', amId: 'am-1', pmId: 'pm-true' }] },
    );
    expect(overridden.excluded).to.equal(false);
    expect(overridden.parts.find((p) => p.attribute === 'implants')?.log10lr).to.be.closeTo(
      -2 * k,
      0.001,
    );
  });

  it('flags dental charts that cannot belong to the same person', () => {
    const conflict = scorePair(
      buildAm(),
      buildPm({
        dental: [
          { tooth: '36', state: 'present' },
          { tooth: '16', state: 'present' },
        ],
      }),
    );
    const dental = conflict.parts.find((p) => p.attribute === 'dental');
    expect(dental?.log10lr).to.be.closeTo(-2.4 * k, 0.001);
    expect(dental?.explanation).to.equal('2 teeth compared, 2 unexplainable differences');
  });

  it('lets laboratory results outweigh everything else', () => {
    const dna = {
      kind: 'dna' as const,
      amId: 'am-1',
      pmId: 'pm-far',
      method: 'kinship' as const,
      likelihoodRatio: 1e9,
      referenceSample: 'REF-7 (mother)',
    };
    const far = buildPm({ id: 'pm-far', incidentId: 'inc-9', marks: [], effects: [] });
    const r = scorePair(buildAm(), far, { labResults: [dna] });
    expect(r.parts[0]).to.deep.include({ attribute: 'dna', log10lr: 9 });
    expect(r.parts[0]?.explanation).to.contain('REF-7 (mother)');
    const excluded = scorePair(buildAm(), buildPm(), {
      labResults: [{ kind: 'fingerprint', amId: 'am-1', pmId: 'pm-true', outcome: 'exclusion' }],
    });
    expect(excluded.excluded).to.equal(true);
    expect(excluded.exclusions[0]?.rule).to.equal('lab_exclusion');
  });

  it('gives no weight to attributes missing on one side', () => {
    const r = scorePair({ id: 'am-x' }, buildPm());
    expect(r.score).to.equal(0);
    expect(r.parts).to.deep.equal([]);
  });
});

describe('matching engine: rankCandidates', () => {
  it('ranks a planted true pair first among decoys and drops excluded ones', () => {
    const decoys: PmProfile[] = [
      buildPm({ id: 'pm-d1', marks: [], effects: [], dental: undefined }), // same shipwreck, no features
      buildPm({ id: 'pm-d2', sex: 'female', sexConfidence: 'certain', incidentId: 'inc-2' }),
      buildPm({ id: 'pm-d3', implants: [{ kind: 'plate', serialNumber: 'B-2' }] }),
      buildPm({
        id: 'pm-d4',
        incidentId: 'inc-2',
        recoveryPlace: { lat: 36.5, lon: 15.0 },
        marks: [{ kind: 'scar', bodyLocation: 'face', description: '' }],
        effects: [{ category: 'clothing', description: 'blue jeans' }],
      }),
    ];
    const am = buildAm({ implants: [{ kind: 'plate', serialNumber: 'A-1' }] });
    const pmTrue = buildPm({ implants: [{ kind: 'plate' }] });
    const ranked = rankCandidates(am, [...decoys, pmTrue], -5);
    expect(ranked.map((c) => c.pmId)).to.deep.equal(['pm-true', 'pm-d2', 'pm-d1', 'pm-d4']);
    expect(ranked[0]?.rank).to.equal(1);
    expect(ranked[0]?.parts.length).to.be.greaterThan(5);
    expect(rankCandidates(am, [...decoys, pmTrue], 100)).to.deep.equal([]);
  });
});

describe('matching engine: helpers', () => {
  it('computes great-circle distances (haversine)', () => {
    const rad = Math.PI / 180;
    // Lampedusa to Tripoli, ~300 km.
    const km = haversineKm(35.5 * rad, 12.6 * rad, 32.9 * rad, 13.2 * rad);
    expect(km).to.be.within(285, 300);
  });

  it('normalises descriptions with synonyms, plurals and diacritics', () => {
    expect(tokenize('Navy T-Shirt, Trainers')).to.deep.equal(['blue', 'tshirt', 'trainer']);
    expect(tokenize('Crucifixión pendant')).to.deep.equal(['crucifixion', 'chain']);
    expect(jaccard(tokenSet('red football shirt'), tokenSet('crimson t-shirt football'))).to.equal(
      1,
    );
    expect(jaccard(tokenSet('red shirt'), tokenSet(''))).to.equal(0);
  });
});
