// npm run bench:federation: profiles exchanged and scored per second between two nodes (Tunisia
// and Italy, each with its own in-memory PGlite, HTTP on 127.0.0.1 with ephemeral ports).
// PROFILES (default 100, modest for a shared machine; the issue asks for 10000) AM profiles go TN → IT and as many PM profiles IT → TN; each is
// signed, sent, verified, checked against the agreement, recorded in the inbox, audited, stored
// and scored by the receiver against LOCAL (default 10) open records of its own.
// Usage: npm run bench:federation   (or PROFILES=10000 LOCAL=25 npm run bench:federation)
import { performance } from 'node:perf_hooks';
import { generate } from '../matching/generator.js';
import { configureLogger } from '../../src/platform/logger.js';
import { startPair, drainNode, type NodeUnderTest } from '../../test/federation.nodes.js';

const PROFILES = Number(process.env.PROFILES ?? 100);
const LOCAL = Number(process.env.LOCAL ?? 10);
const BATCH = 500;

/** Queues `count` profiles of one side from a node, as the profile exchange would. */
async function enqueue(
  node: NodeUnderTest,
  side: 'am' | 'pm',
  from: string,
  to: string,
  count: number,
) {
  const data = generate(side === 'am' ? 11 : 12, count, count);
  const profiles = side === 'am' ? data.am : data.pm;
  const ch = node.services.federation.channel;
  for (let start = 0; start < count; start += BATCH) {
    await node.db.transaction(async (tx) => {
      for (let i = start; i < Math.min(count, start + BATCH); i += 1) {
        const ref = `${side.toUpperCase()}-${from}-bench${i}`;
        const profile = { ...profiles[i]! };
        delete profile.incidentId;
        await ch.send(tx, {
          kind: side === 'am' ? 'profile.am' : 'profile.pm',
          from,
          to,
          subjectKey: ref,
          body: {
            ref,
            side,
            profile: { ...profile, id: ref },
            ...(side === 'am'
              ? { consent: { forensicSharing: 'granted', crossBorderMatching: 'granted' } }
              : {}),
          },
        });
      }
    });
  }
}

/** Local open records on a node, through its API. */
async function seedLocal(node: NodeUnderTest, country: string, kind: 'reports' | 'remains') {
  const user = await node.user(kind === 'reports' ? 'caseworker' : 'forensic', country);
  for (let i = 0; i < LOCAL; i += 1) {
    const body =
      kind === 'remains'
        ? {
            recovery: {
              date: `2024-0${1 + (i % 9)}-1${i % 10}`,
              place: 'Lampedusa',
              country,
              coordinates: { lat: 35.5 + i / 100, lon: 12.6 },
              agency: 'Guardia Costiera',
            },
            condition: 'complete',
            sex: i % 3 === 0 ? 'female' : 'male',
            age: { min: 18 + (i % 20), max: 28 + (i % 20) },
            stature: { min: 160 + (i % 20), max: 170 + (i % 20) },
          }
        : {
            person: {
              names: [{ kind: 'given', value: `Person ${i}`, script: 'Latn' }],
              sex: i % 3 === 0 ? 'female' : 'male',
              ageEstimate: { min: 18 + (i % 20), max: 28 + (i % 20) },
            },
            disappearance: {
              lastSeenDate: `2023-0${1 + (i % 9)}`,
              lastSeenPlace: 'Sfax',
              lastSeenCountry: 'TN',
              coordinates: { lat: 34.7, lon: 10.7 + i / 100 },
              route: 'Central Mediterranean',
            },
            description: { height: { min: 160 + (i % 20), max: 172 + (i % 20) } },
            consent: {
              domesticSearch: 'granted',
              forensicSharing: 'granted',
              crossBorderMatching: 'granted',
              givenBy: 'mother',
            },
          };
    const res = await node.api('post', `/api/v1/${kind}`, user.token, body);
    if (res.status !== 201) {
      throw new Error(`${kind}: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
}

async function main(): Promise<void> {
  configureLogger({ level: 'silent' });
  const s0 = performance.now();
  console.log(`bench:federation  PROFILES=${PROFILES} each way, LOCAL=${LOCAL} records per side`);
  const { tn, it } = await startPair({ ownDatabases: true });
  await seedLocal(tn, 'TN', 'reports');
  await seedLocal(it, 'IT', 'remains');
  // Records filed before the bench shared their own profiles: send those first, untimed.
  await drainNode(tn);
  await drainNode(it);
  console.log(
    `  set-up (two nodes, migrations, seed): ${((performance.now() - s0) / 1000).toFixed(1)} s`,
  );
  for (const n of [tn, it]) {
    Object.assign(n.services.federation.profiles.stats, { profiles: 0, pairs: 0, scoringMs: 0 });
  }
  const t0 = performance.now();
  await Promise.all([
    enqueue(tn, 'am', 'TN', 'IT', PROFILES),
    enqueue(it, 'pm', 'IT', 'TN', PROFILES),
  ]);
  const t1 = performance.now();
  await Promise.all([drainNode(tn, undefined, 1_000_000), drainNode(it, undefined, 1_000_000)]);
  const t2 = performance.now();
  const count = async (n: NodeUnderTest, sql: string) =>
    Number((await n.db.query<{ n: string }>(sql))[0]!.n);
  // Profiles held minus the LOCAL ones the seeded records shared before the timed part.
  const atIt =
    (await count(it, `SELECT count(*) AS n FROM federation_profiles WHERE side = 'am'`)) - LOCAL;
  const atTn =
    (await count(tn, `SELECT count(*) AS n FROM federation_profiles WHERE side = 'pm'`)) - LOCAL;
  const candidates =
    (await count(it, `SELECT count(*) AS n FROM federation_candidates`)) +
    (await count(tn, `SELECT count(*) AS n FROM federation_candidates`));
  const secs = (t2 - t1) / 1000;
  console.log(`  queued (outbox, both nodes):       ${((t1 - t0) / 1000).toFixed(1)} s`);
  console.log(
    `  delivered and scored:              TN→IT ${atIt}, IT→TN ${atTn} in ${secs.toFixed(1)} s`,
  );
  console.log(
    `  exchange: profiles delivered, stored and scored/s (wall): ${((atIt + atTn) / secs).toFixed(1)}`,
  );
  for (const [name, n] of [
    ['IT (AM from TN)', it],
    ['TN (PM from IT)', tn],
  ] as const) {
    const st = n.services.federation.profiles.stats;
    console.log(
      `  scoring at ${name}: ${st.profiles} profiles against ${LOCAL} local in ${st.scoringMs.toFixed(0)} ms: ` +
        `${((st.profiles / st.scoringMs) * 1000).toFixed(0)} profiles/s, ${((st.pairs / st.scoringMs) * 1000).toFixed(0)} pairs/s`,
    );
  }
  console.log(`  cross-border candidates stored:    ${candidates}`);
  await tn.stop();
  await it.stop();
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
