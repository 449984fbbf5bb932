import { expect } from 'chai';
import type { Role } from '../src/platform/authz/index.js';
import { buildUser } from './factories.js';
import { call } from './http.js';
import { keepDataFor, startedFromKeptData } from './node.js';

/** One request of the matrix, built from the fixture. */
export interface MatrixRequest {
  method: 'get' | 'post' | 'patch' | 'put' | 'delete';
  path: string;
  body?: object;
}

/**
 * Who calls: 'anonymous', 'role@CC' (a fresh user of that role and country, e.g. 'admin@IT'),
 * or a name of an actor the fixture created (e.g. 'owner').
 */
export type ActorKey = string;

/** A fixture: the records under test and any named actors (name → access token). */
export interface MatrixFixture {
  actors?: Record<string, string>;
}

/** The matrix: for each endpoint, for each actor, the expected HTTP status. */
export interface MatrixSpec<F extends MatrixFixture> {
  /**
   * Creates the records the requests touch: once, and again after a cell whose request may have
   * changed them (a write that succeeded). Cells and rows must not depend on what other cells'
   * actors (fresh users) added beside it.
   */
  fixture: () => Promise<F>;
  /** Endpoints by name. */
  endpoints: Record<string, (fx: F) => MatrixRequest>;
  /** endpoint name → actor key → expected status. */
  expect: Record<string, Record<ActorKey, number>>;
}

async function tokenFor(key: ActorKey, fx: MatrixFixture): Promise<string | undefined> {
  if (key === 'anonymous') {
    return undefined;
  }
  const named = fx.actors?.[key];
  if (named) {
    return named;
  }
  const match = /^([a-z_]+)@([A-Z]{2})$/.exec(key);
  if (!match) {
    throw new Error(`authorization matrix: unknown actor ${key}`);
  }
  return (await buildUser({ role: match[1] as Role, country: match[2] })).token;
}

/**
 * Declares one mocha test per (endpoint, actor) cell. Each cell sends its request as that actor
 * and compares the status with the table. The fixture is built once and handed on to the next
 * cell, of the same row or the next one, while nothing could have changed it (a GET, or a refused
 * request); after a write that succeeded, the next cell starts from empty tables and builds it
 * afresh.
 */
export function authorizationMatrix<F extends MatrixFixture>(title: string, spec: MatrixSpec<F>) {
  describe(`authorization matrix: ${title}`, () => {
    // The fixture the previous cell used, valid only while its data was kept for the next cell
    // (of its row, or the first cell of the next row: every row starts from the same fixture).
    let current: { fx: F } | undefined;
    for (const [endpoint, row] of Object.entries(spec.expect)) {
      const build = spec.endpoints[endpoint];
      if (!build) {
        throw new Error(`authorization matrix: no endpoint named ${endpoint}`);
      }
      const cells = Object.entries(row);
      cells.forEach(([actor, status]) => {
        it(`${endpoint} as ${actor} → ${status}`, async function () {
          const test = this.test;
          const reuse = current !== undefined && startedFromKeptData(test);
          const fx = reuse && current ? current.fx : await spec.fixture();
          current = undefined;
          const req = build(fx);
          const token = await tokenFor(actor, fx);
          const pending = call(req.method, req.path, token);
          const res = req.body ? await pending.send(req.body) : await pending;
          expect(
            res.status,
            `${req.method.toUpperCase()} ${req.path}: ${JSON.stringify(res.body)}`,
          ).to.equal(status);
          if (status >= 400) {
            expect(res.body.error?.code, 'error body has a code').to.be.a('string');
          }
          const unchanged = req.method === 'get' || res.status >= 400;
          const next = test?.parent?.tests[test.parent.tests.indexOf(test as Mocha.Test) + 1];
          if (unchanged && next) {
            current = { fx };
            keepDataFor(next);
          }
        });
      });
    }
  });
}
