// Two federated nodes on one machine (Tunisia and Italy): their settings, their demo accounts,
// and the registration of each as the other's peer with an exchange agreement, all through the
// public API. Shared by `npm run demo:federation`, its test and `npm run bench:federation`.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { bootstrap } from '../../src/bootstrap.js';
import { hashPassword } from '../../src/platform/crypto/index.js';
import { DEMO_PASSWORD } from '../seed/demo-password.js';

/** One node of the demo. */
export interface DemoNode {
  key: 'tn' | 'it';
  country: 'TN' | 'IT';
  name: string;
  port: number;
  url: string;
  dataDir: string;
  configFile: string;
}

/** The demo's two nodes under `root` (default ./var/federation). */
export function demoNodes(
  root = 'var/federation',
  ports = { tn: Number(process.env.TN_PORT ?? 3101), it: Number(process.env.IT_PORT ?? 3102) },
): [DemoNode, DemoNode] {
  const node = (key: 'tn' | 'it', country: 'TN' | 'IT', name: string): DemoNode => ({
    key,
    country,
    name,
    port: ports[key],
    url: `http://127.0.0.1:${ports[key]}`,
    dataDir: resolve(root, key),
    configFile: resolve(root, key, 'node.json'),
  });
  return [node('tn', 'TN', 'Ariadne Tunisia'), node('it', 'IT', 'Ariadne Italy')];
}

/** Demo accounts of a node (password DEMO_PASSWORD). */
export const demoAccount = (n: DemoNode, role: string) => `${role}@${n.key}.federation.demo`;

const ROLES = [
  ['admin', 'authority'],
  ['caseworker', 'tracing_service'],
  ['forensic', 'forensic_institute'],
  ['contact_point', 'consulate'],
] as const;

/** The environment a node's server runs with. */
export function nodeEnv(n: DemoNode, extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    PORT: String(n.port),
    HOST: '127.0.0.1',
    DATA_DIR: n.dataDir,
    CONFIG_FILE: n.configFile,
    PUBLIC_URL: n.url,
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
    DATABASE_URL: '',
    ...extra,
  };
}

/** Writes a node's settings and creates its demo accounts (idempotent); the database is closed after. */
export async function prepareNode(n: DemoNode): Promise<void> {
  mkdirSync(n.dataDir, { recursive: true });
  const base = JSON.parse(readFileSync('config/node.json', 'utf8')) as Record<string, unknown>;
  const settings = {
    ...base,
    country: n.country,
    jurisdictions: [n.country],
    name: n.name,
    issuer: `urn:ariadne:node:${n.key}`,
  };
  writeFileSync(n.configFile, `${JSON.stringify(settings, null, 2)}\n`);
  const env = nodeEnv(n);
  delete env.DATABASE_URL;
  const { db } = await bootstrap(env);
  try {
    const hash = await hashPassword(DEMO_PASSWORD);
    for (const [role, kind] of ROLES) {
      const email = demoAccount(n, role);
      const exists = await db.query(`SELECT 1 FROM users WHERE email = $1`, [email]);
      if (exists.length > 0) {
        continue;
      }
      const org = await db.query<{ id: string }>(
        `INSERT INTO organisations (country, kind, name) VALUES ($1, $2, $3) RETURNING id`,
        [n.country, kind, `${n.name} ${role.replace('_', ' ')}`],
      );
      await db.query(
        `INSERT INTO users (email, display_name, role, country, organisation_id, preferred_language,
           password_hash, mfa_exempt) VALUES ($1, $2, $3, $4, $5, 'en', $6, true)`,
        [email, `${n.country} ${role}`, role, n.country, org[0]!.id, hash],
      );
    }
  } finally {
    await db.close();
  }
}

/** Starts a node's server as a child process. */
export function startServer(n: DemoNode, extra: NodeJS.ProcessEnv = {}): ChildProcess {
  const env = nodeEnv(n, extra);
  delete env.DATABASE_URL;
  return spawn(process.execPath, ['--import', 'tsx', join('src', 'server.ts')], {
    env,
    stdio: ['ignore', 'inherit', 'inherit'],
  });
}

/** Waits until a node answers /health (or throws after `ms`). */
export async function waitHealthy(n: DemoNode, ms = 60_000): Promise<void> {
  const until = Date.now() + ms;
  for (;;) {
    try {
      const res = await fetch(`${n.url}/health`, { signal: AbortSignal.timeout(2000) });
      if (res.ok) {
        return;
      }
    } catch {
      // not yet
    }
    if (Date.now() > until) {
      throw new Error(`${n.name} did not become healthy at ${n.url}`);
    }
    await new Promise((r) => setTimeout(r, 300));
  }
}

/** Calls a node's JSON API; returns status and body. */
export async function call(
  n: DemoNode,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
): Promise<{
  status: number;
  body: Record<string, unknown> & { items?: Record<string, unknown>[] };
}> {
  const res = await fetch(`${n.url}${path}`, {
    method,
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as never) : {} };
}

/** Logs a demo account in and returns its access token. */
export async function login(n: DemoNode, role: string): Promise<string> {
  const res = await call(n, 'POST', '/api/v1/auth/login', undefined, {
    email: demoAccount(n, role),
    password: DEMO_PASSWORD,
  });
  if (res.status !== 200) {
    throw new Error(`login ${role}@${n.key}: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return res.body.accessToken as string;
}

/** The agreement both demo jurisdictions record (each from its own side). */
export const DEMO_AGREEMENT = {
  ref: 'TN-IT-2026-MISSING-MIGRANTS',
  messageKinds: [
    'profile.am',
    'profile.pm',
    'profile.withdraw',
    'candidate.notice',
    'candidate.withdraw',
    'disclosure.request',
    'disclosure.decision',
    'identification.notice',
    'case.status',
    'case.notice',
    'custody.transfer',
    'custody.continue',
    'ping',
  ],
  dataCategories: [
    'matching_profile',
    'candidate',
    'disclosure_request',
    'disclosed_record',
    'identification',
    'case_status',
    'case_notice',
    'custody_chain',
    'none',
  ],
  purposes: ['identification', 'family_information', 'operations'],
  legalBasis: 'Memorandum of understanding TN–IT on missing migrants (demonstration)',
  endsOn: '2030-12-31',
};

/** Registers each node as the other's peer (pinning the thumbprint it publishes) and the agreements. */
export async function federate(tn: DemoNode, it: DemoNode): Promise<void> {
  for (const [self, other] of [
    [tn, it],
    [it, tn],
  ] as const) {
    const admin = await login(self, 'admin');
    const peers = await call(self, 'GET', '/api/v1/federation/peers', admin);
    // The thumbprint would be read over the telephone or a signed letter; here from the other node.
    const described = await call(other, 'GET', '/.well-known/ariadne-node');
    if (!(peers.body.items ?? []).some((p) => p.nodeId === described.body.nodeId)) {
      const peer = await call(self, 'POST', '/api/v1/federation/peers', admin, {
        nodeId: described.body.nodeId,
        name: described.body.name,
        baseUrl: other.url,
        jurisdictions: described.body.jurisdictions,
        pinnedThumbprint: described.body.signingKeyThumbprint,
      });
      if (peer.status !== 201) {
        throw new Error(`peer at ${self.key}: ${peer.status} ${JSON.stringify(peer.body)}`);
      }
    }
    const agreements = await call(self, 'GET', '/api/v1/federation/agreements', admin);
    if (!(agreements.body.items ?? []).some((a) => a.ref === DEMO_AGREEMENT.ref && !a.revokedAt)) {
      const res = await call(self, 'POST', '/api/v1/federation/agreements', admin, {
        ...DEMO_AGREEMENT,
        partnerJurisdiction: other.country,
      });
      if (res.status !== 201) {
        throw new Error(`agreement at ${self.key}: ${res.status} ${JSON.stringify(res.body)}`);
      }
    }
  }
}
