// Laboratory and expert results: DNA likelihood ratios, fingerprint and dental comparisons. They
// are primary identifiers (INTERPOL DVI) and outweigh every other attribute.
import { EXCLUDED, exclusion, part, type ScoreContext, type Trace } from './matching.context.js';
import type { PreparedAm, PreparedPm } from './matching.profile.js';
import { LAB } from './matching.weights.js';

/** Scores the lab results recorded for this pair; an expert exclusion is a hard exclusion. */
export function scoreLab(
  am: PreparedAm,
  pm: PreparedPm,
  ctx: ScoreContext,
  trace: Trace | null,
): number {
  if (ctx.labs.size === 0) {
    return 0;
  }
  const results = ctx.labs.get(am.id)?.get(pm.id);
  if (!results) {
    return 0;
  }
  let total = 0;
  for (const r of results) {
    // Few pairs carry lab results, so explanations are built even without a trace.
    let value: number;
    let text: string;
    let attribute: 'dna' | 'fingerprint' | 'dental_comparison';
    if (r.kind === 'dna') {
      attribute = 'dna';
      const reference = r.referenceSample ? ` (reference ${r.referenceSample})` : '';
      const what = `${r.method} DNA comparison${reference}`;
      if (!(r.likelihoodRatio > 0)) {
        text = `${what}: excluded by the laboratory`;
        value = exclusion(
          ctx,
          trace,
          attribute,
          'lab_exclusion',
          am.id,
          pm.id,
          LAB.exclusion,
          text,
        );
        if (value === EXCLUDED) {
          return EXCLUDED;
        }
        total += value;
        continue;
      }
      value = Math.min(LAB.dnaMax, Math.max(LAB.dnaMin, Math.log10(r.likelihoodRatio)));
      text = `${what}: laboratory LR ${r.likelihoodRatio.toExponential(2)}`;
    } else {
      attribute = r.kind === 'fingerprint' ? 'fingerprint' : 'dental_comparison';
      text = `${r.kind} comparison: ${r.outcome}`;
      if (r.outcome === 'exclusion') {
        value = exclusion(
          ctx,
          trace,
          attribute,
          'lab_exclusion',
          am.id,
          pm.id,
          LAB.exclusion,
          text,
        );
        if (value === EXCLUDED) {
          return EXCLUDED;
        }
        total += value;
        continue;
      }
      value =
        r.outcome === 'inconclusive'
          ? 0
          : r.kind === 'fingerprint'
            ? LAB.fingerprintMatch
            : LAB.dentalComparisonMatch;
    }
    total += trace ? part(trace, attribute, value, text) : value;
  }
  return total;
}
