// A cross-border candidate on both sides of the shared node (TN report, IT remains), for the
// console's route and browser tests.
import { buildUser } from '../factories.js';
import { agreeTnIt, drain } from '../federation.factories.js';
import { runWorker, trueRemainsBody } from '../matching.factories.js';
import { testNode } from '../node.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

/** Loops outbox and match worker until both are idle. */
export async function settle() {
  for (let i = 0; i < 10; i += 1) {
    const sent = await drain();
    await runWorker();
    if (sent === 0 && (await drain()) === 0) {
      return;
    }
  }
}

/** A TN report and IT remains that became a cross-border candidate on both sides. */
export async function crossBorderPair() {
  await agreeTnIt();
  const tnCase = await buildUser({ role: 'caseworker', country: 'TN' });
  const itForensic = await buildForensic('IT');
  const report = await fileReport(tnCase.token, reportBody());
  const remains = await createRemains(itForensic.token, trueRemainsBody());
  await settle();
  const rows = await testNode().db.query<{ id: string; jurisdiction: string }>(
    `SELECT id, trim(jurisdiction) AS jurisdiction FROM federation_candidates`,
  );
  const tnCandidate = rows.find((r) => r.jurisdiction === 'TN')!.id;
  const itCandidate = rows.find((r) => r.jurisdiction === 'IT')!.id;
  return { tnCase, itForensic, report, remains, tnCandidate, itCandidate };
}
