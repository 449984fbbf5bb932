// Incremental matching in the benchmark: one new record against every open record of the other
// side, already prepared and compiled (as the runner's cache keeps them between jobs, ADR 0176):
// the new record is added to its own cached side in place (what a cache refresh does for a
// changed record), then ranked: every pair at or above the listing threshold, explained.
import { createContext, prepareAm, preparePm } from '../../src/features/matching/index.js';
import { compile, rankSubject, upsert } from '../../src/features/matching/matching.batch.js';
import { threadCpuMs } from './block.js';
import { generate } from './generator.js';

const THRESHOLD = 2;
const SUBJECTS = 25;

function summary(label: string, times: number[], cpuMs: number, kept: number): void {
  const sorted = [...times].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  console.log(
    `  ${label}: median ${at(0.5).toFixed(0)} ms, p90 ${at(0.9).toFixed(0)} ms, max ${at(1).toFixed(0)} ms wall; ${(cpuMs / times.length).toFixed(0)} ms CPU per match; ${(kept / times.length).toFixed(1)} candidates ≥ +${THRESHOLD} each`,
  );
}

/** Times matching one report against `size` remains, and one remains against `size` reports. */
export function incremental(seed: number, size: number): void {
  const data = generate(seed, size, size, 'A');
  const ctx = createContext();
  let t0 = performance.now();
  const pms = data.pm.map(preparePm);
  const ams = data.am.map(prepareAm);
  const pmSide = compile('pm', pms);
  const amSide = compile('am', ams);
  const compileMs = performance.now() - t0;
  console.log(
    `\nIncremental match against ${size.toLocaleString('en')} records (profile A, threshold +${THRESHOLD}, explained; both sides prepared and compiled once in ${(compileMs / 1000).toFixed(1)} s)`,
  );
  // upsert returns a new side when its arrays grew: keep the current one of each side.
  const sides = { am: amSide, pm: pmSide };
  for (const [label, subjects, other, own] of [
    ['new report vs remains', ams, 'pm', 'am'],
    ['new remains vs reports', pms, 'am', 'pm'],
  ] as const) {
    // Warm-up (untimed), then every (size / SUBJECTS)-th record as the new one.
    rankSubject(subjects[1]!, sides[other], ctx, { threshold: THRESHOLD });
    const times: number[] = [];
    let kept = 0;
    const cpu = threadCpuMs();
    for (let k = 0; k < SUBJECTS; k++) {
      const subject = subjects[Math.floor((k * subjects.length) / SUBJECTS)]!;
      t0 = performance.now();
      sides[own] = upsert(sides[own], { ...subject, id: `new-${k}` });
      kept += rankSubject(subject, sides[other], ctx, { threshold: THRESHOLD }).pairs.length;
      times.push(performance.now() - t0);
    }
    summary(label, times, threadCpuMs() - cpu, kept);
  }
}
