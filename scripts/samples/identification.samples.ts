// A fictitious identification report for the sample documents (every name and number is invented).
import type { IdentificationReportData } from '../../src/features/documents/index.js';

/** A confirmed identification as a forensic practitioner sees it (laboratory details shown). */
export const identification: IdentificationReportData = {
  candidateId: '00000000-0000-4000-8000-0000000000c1',
  caseNumber: 'MP-IT-2026-000042',
  remainsCode: 'UR-IT-2026-00118',
  country: 'IT',
  status: 'confirmed',
  identification: 'identified',
  basis: ['dna', 'dental', 'marks'],
  note: 'Kinship LR with the mother; gold crown on 11 matches the family dentist’s chart.',
  proposedBy: 'Dr Amina Rossi',
  proposedAt: '2026-09-02T14:20:00.000Z',
  confirmedBy: 'Dr Luca Bianchi',
  confirmedAt: '2026-09-03T15:10:00.000Z',
  score: 14.62,
  parts: [
    {
      attribute: 'dna',
      log10lr: 9.4,
      explanation: 'kinship DNA comparison (reference REF-0001): laboratory LR 2.50e+9',
    },
    { attribute: 'dental_comparison', log10lr: 3, explanation: 'dental comparison: match' },
    { attribute: 'sex', log10lr: 0.3, explanation: 'male in both records' },
    {
      attribute: 'age',
      log10lr: 0.35,
      explanation: 'age 28 at disappearance lies within the estimate 20–30',
    },
    {
      attribute: 'stature',
      log10lr: 0.4,
      explanation: 'reported 172–176 cm overlaps the estimate 170–178 cm',
    },
    {
      attribute: 'interval',
      log10lr: 0.2,
      explanation: 'recovered 2 days after the last sighting',
    },
    {
      attribute: 'place',
      log10lr: 0.12,
      explanation: '300 km apart, both on the Central Mediterranean route',
    },
    {
      attribute: 'marks',
      log10lr: 0.55,
      explanation: 'scar on the left forearm in both records (burn scar)',
    },
    {
      attribute: 'implants',
      log10lr: 0,
      explanation: 'no implant serial number recorded on both sides',
    },
    {
      attribute: 'effects',
      log10lr: 0.3,
      explanation: 'silver ring with a green stone in both records',
    },
  ],
  labResults: [
    {
      kind: 'dna',
      method: 'kinship',
      likelihoodRatio: 2.5e9,
      referenceSample: 'REF-0001 (mother)',
      laboratory: 'ICMP',
      labReference: 'ICMP-R-2026-0007',
      recordedBy: 'Dr Amina Rossi',
      recordedAt: '2026-09-01T10:00:00.000Z',
    },
    {
      kind: 'dental',
      outcome: 'match',
      laboratory: 'Odontology unit, Palermo',
      labReference: 'OD-2026-31',
      recordedBy: 'Dr Amina Rossi',
      recordedAt: '2026-09-02T09:00:00.000Z',
    },
  ],
  exclusions: [
    {
      rule: 'stature_incompatible',
      reason: 'reported stature and the estimate do not overlap within 5 cm',
      overridden: true,
    },
  ],
  overrides: [
    {
      rule: 'stature_incompatible',
      reason: 'stature re-estimated from the femur length after cleaning',
      createdBy: 'Dr Amina Rossi',
      createdAt: '2026-08-30T16:45:00.000Z',
    },
  ],
  linkedCases: ['MP-IT-2026-000057'],
  generatedAt: '2026-11-27T12:00:00.000Z',
  generatedFor: 'forensic',
};
