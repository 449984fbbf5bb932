// Two Ariadne nodes in one test run, each with its own database, talking HTTP on 127.0.0.1:
// Italy on the shared test database (PGlite, or PostgreSQL under test:pg) and Tunisia on its
// own in-memory PGlite (lent by test/pglite-pool.ts).
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { loadConfig, type NodeSettings } from '../src/config/index.js';
import type { Database } from '../src/platform/db/index.js';
import type { Role } from '../src/platform/authz/index.js';
import { hashPassword } from '../src/platform/crypto/index.js';
import { createServices, type Services } from '../src/container.js';
import { buildApp } from '../src/app.js';
import { testConfig, testNode } from './node.js';
import { agreementBody } from './federation.factories.js';
import { borrowPglite } from './pglite-pool.js';

/** A node started for a test. */
export interface NodeUnderTest {
  name: string;
  db: Database;
  services: Services;
  server: Server;
  url: string;
  port: number;
  /** Creates a user of this node and returns a bearer token. */
  user(role: Role, country: string): Promise<{ id: string; token: string }>;
  api(method: 'get' | 'post' | 'patch', path: string, token?: string, body?: object): request.Test;
  /** Stops answering HTTP (a peer that is down). */
  down(): Promise<void>;
  /** Answers again on the same port. */
  up(): Promise<void>;
  stop(): Promise<void>;
}

const KIND: Partial<Record<Role, string>> = {
  admin: 'authority',
  caseworker: 'tracing_service',
  forensic: 'forensic_institute',
  contact_point: 'consulate',
  auditor: 'authority',
};

/** Starts a node hosting `jurisdictions` (own PGlite unless `db` is given). */
export async function startNode(
  name: string,
  jurisdictions: string[],
  db?: Database,
  channel: { baseDelayMs?: number } = {},
): Promise<NodeUnderTest> {
  // Its own database comes from the pool of spare ones (empty, as a fresh one would be).
  const pooled = db ? undefined : await borrowPglite();
  const database = db ?? pooled!.db;
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  const base = testConfig({ PUBLIC_URL: url });
  const settings: Partial<NodeSettings> = {
    country: jurisdictions[0]!,
    jurisdictions,
    issuer: `urn:ariadne:node:${name}`,
    name: `Ariadne ${name}`,
  };
  const config = loadConfig(
    { ...process.env, ...base.env, PUBLIC_URL: url } as unknown as NodeJS.ProcessEnv,
    settings,
  );
  const services = createServices(database, config);
  Object.assign(services.federation.channel.options, channel);
  const app = buildApp(services);
  server.on('request', app);
  const hash = await hashPassword('correct horse battery staple');
  let current = server;
  const node: NodeUnderTest = {
    name,
    db: database,
    services,
    server,
    url,
    port,
    async user(role, country) {
      const kind = KIND[role];
      let org: string | null = null;
      if (kind) {
        const rows = await database.query<{ id: string }>(
          `INSERT INTO organisations (country, kind, name) VALUES ($1, $2, $3) RETURNING id`,
          [country, kind, `${name} ${role} ${Math.random().toString(36).slice(2, 8)}`],
        );
        org = rows[0]!.id;
      }
      const rows = await database.query<{ id: string }>(
        `INSERT INTO users (email, display_name, role, country, organisation_id, preferred_language,
           password_hash, mfa_exempt) VALUES ($1, $2, $3, $4, $5, 'en', $6, true) RETURNING id`,
        [
          `${role}.${Math.random().toString(36).slice(2)}@${name}.test`,
          `${name} ${role}`,
          role,
          country,
          org,
          hash,
        ],
      );
      const pair = await services.auth.issueSession(rows[0]!.id);
      return { id: rows[0]!.id, token: pair.accessToken };
    },
    api(method, path, token, body) {
      let req = request(app)[method](path);
      if (token) {
        req = req.set('Authorization', `Bearer ${token}`);
      }
      return body ? req.send(body) : req;
    },
    async down() {
      await new Promise<void>((resolve) => {
        current.close(() => resolve());
        current.closeAllConnections();
      });
    },
    async up() {
      current = createServer(app);
      await new Promise<void>((resolve) => current.listen(port, '127.0.0.1', resolve));
    },
    async stop() {
      await services.federation.channel.stop();
      if (current.listening) {
        await node.down();
      }
      await pooled?.release();
    },
  };
  return node;
}

/** Italy on the shared test database, Tunisia on its own: peers of each other with agreements. */
export async function startPair(
  opts: { kinds?: string[]; baseDelayMs?: number; ownDatabases?: boolean } = {},
): Promise<{ tn: NodeUnderTest; it: NodeUnderTest }> {
  const it = await startNode('it', ['IT'], opts.ownDatabases ? undefined : testNode().db, opts);
  const tn = await startNode('tn', ['TN'], undefined, opts);
  for (const [self, other, partner] of [
    [tn, it, 'IT'],
    [it, tn, 'TN'],
  ] as const) {
    const admin = await self.user('admin', self === tn ? 'TN' : 'IT');
    const described = await other.api('get', '/.well-known/ariadne-node');
    const peer = await self.api('post', '/api/v1/federation/peers', admin.token, {
      nodeId: described.body.nodeId,
      name: described.body.name,
      baseUrl: other.url,
      jurisdictions: described.body.jurisdictions,
      pinnedThumbprint: described.body.signingKeyThumbprint,
    });
    if (peer.status !== 201) {
      throw new Error(`peer: ${peer.status} ${JSON.stringify(peer.body)}`);
    }
    const agreement = await self.api(
      'post',
      '/api/v1/federation/agreements',
      admin.token,
      agreementBody(partner, opts.kinds ? { messageKinds: opts.kinds } : {}),
    );
    if (agreement.status !== 201) {
      throw new Error(`agreement: ${agreement.status} ${JSON.stringify(agreement.body)}`);
    }
  }
  return { tn, it };
}

/** Sends every due message of a node until idle (at most `rounds`), at `now`. */
export async function drainNode(node: NodeUnderTest, now?: Date, rounds = 100): Promise<number> {
  let sent = 0;
  for (let i = 0; i < rounds; i += 1) {
    const n = await node.services.federation.channel.dispatchOnce(now);
    if (n === 0) {
      break;
    }
    sent += n;
  }
  return sent;
}
