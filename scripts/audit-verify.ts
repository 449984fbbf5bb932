// npm run audit:verify — checks the audit hash chain, every custody chain, and the signed
// checkpoints kept outside the database (AUDIT_CHECKPOINT_FILE); exits 1 and names what broke.
import { bootstrap } from '../src/bootstrap.js';
import { verifyWithCheckpoints } from '../src/features/audit/index.js';
import {
  findCustodyHead,
  listCustodyEvents,
  verifyCustodyChain,
} from '../src/features/custody/index.js';

const { db, services, config } = await bootstrap({
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});
try {
  const file = config.env.AUDIT_CHECKPOINT_FILE;
  // Peers that witness our checkpoints (ADR 0160): countersignatures kept beside the file, and
  // what each peer answers when asked.
  const result = await verifyWithCheckpoints(db, services.keys, file, () =>
    services.federation.witness.evidence(),
  );
  if (result.firstBroken) {
    console.error(
      `audit chain BROKEN at event ${result.firstBroken.position}: ${result.firstBroken.reason} ` +
        `(${result.checked} events verified before it)`,
    );
  } else {
    console.log(`audit chain intact: ${result.checked} events, head ${result.headHash}`);
  }
  let custodyBroken = 0;
  const remains = await db.query<{ id: string }>('SELECT remains_id AS id FROM custody_heads');
  for (const { id } of remains) {
    const check = verifyCustodyChain(
      await listCustodyEvents(db, id),
      await findCustodyHead(db, id),
    );
    if (!check.ok) {
      custodyBroken += 1;
      console.error(
        `custody chain of remains ${id} BROKEN at event ${check.firstBroken?.position}: ` +
          `${check.firstBroken?.reason}`,
      );
    }
  }
  console.log(`custody chains: ${remains.length} checked, ${custodyBroken} broken`);
  console.log(`checkpoints: ${result.checkpoints} read from ${file}`);
  for (const w of result.checkpointWitnesses) {
    console.log(
      `checkpoint line ${w.line}: countersigned by ${w.witnesses.join(', ') || 'no peer'}`,
    );
  }
  for (const peer of result.witnessesUnreachable) {
    console.warn(`witness ${peer} could not be asked for its record`);
  }
  for (const p of result.checkpointProblems) {
    const what = p.chain === 'custody' ? `custody chain of remains ${p.remainsId}` : 'audit chain';
    const where = p.line ? `checkpoint line ${p.line}` : `checkpoint witnessed by ${p.witness}`;
    console.error(`${where} (${what}${p.position ? `, position ${p.position}` : ''}): ${p.reason}`);
  }
  if (!result.ok || custodyBroken > 0) {
    process.exitCode = 1;
  }
} finally {
  await db.close();
}
