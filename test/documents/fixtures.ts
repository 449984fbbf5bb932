import { expect } from 'chai';
import type { Response } from 'supertest';
import { buildUser, type TestUser } from '../factories.js';
import { call } from '../http.js';
import { testNode } from '../node.js';
import { designate, type ContactPointFixture } from '../contact-points.factories.js';
import { fileReport, reportBody } from '../reports.factories.js';
import {
  appendCustody,
  buildForensic,
  createRemains,
  custodyEvent,
  INSTITUTIONS as I,
} from '../remains.factories.js';
import { pdfText } from './pdf-text.js';

/** GETs a document; the body is kept as bytes whatever its type. */
export function getDocument(path: string, token?: string): Promise<Response> {
  return call('get', path, token)
    .buffer(true)
    .parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    });
}

/** GETs a PDF as an actor who may have it; returns its text. */
export async function pdfOf(path: string, token: string): Promise<{ pdf: Buffer; text: string }> {
  const res = await getDocument(path, token);
  expect(res.status, (res.body as Buffer).toString('utf8').slice(0, 300)).to.equal(200);
  expect(res.headers['content-type']).to.match(/^application\/pdf/);
  expect(res.headers['cache-control']).to.equal('no-store');
  const pdf = res.body as Buffer;
  expect(pdf.subarray(0, 5).toString('latin1')).to.equal('%PDF-');
  return { pdf, text: pdfText(pdf) };
}

/** A family's report routed to a designated contact point, with its caseworker. */
export interface ReportFixture {
  id: string;
  caseNumber: string;
  family: TestUser;
  caseworker: TestUser;
  contactPoint: ContactPointFixture | null;
}

/** A family files its report in Italy (after a contact point is designated, unless told not to). */
export async function reportFixture(
  opts: { withContactPoint?: boolean; familyLanguage?: string } = {},
): Promise<ReportFixture> {
  const contactPoint =
    opts.withContactPoint === false ? null : await designate({ name: 'Tracing desk, Rome' });
  const family = await buildUser({
    role: 'family',
    country: 'IT',
    preferredLanguage: opts.familyLanguage ?? 'en',
  });
  const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
  const report = await fileReport(family.token, reportBody());
  return { id: report.id, caseNumber: report.caseNumber, family, caseworker, contactPoint };
}

/** Custody events from recovery to burial. */
export const CHAIN = () => [
  custodyEvent('recovered', { custodian: I.coastGuard, location: { name: 'Lampedusa pier' } }),
  custodyEvent('received_at_morgue', { custodian: I.morgue, location: { name: 'Palermo morgue' } }),
  custodyEvent('stored', { location: { name: 'Cold room 2, Palermo' } }),
];

/** Remains registered by a forensic practitioner in Italy, with a custody chain. */
export async function remainsFixture(withChain = true) {
  const forensic = await buildForensic('IT');
  const remains = await createRemains(forensic.token);
  if (withChain) {
    for (const e of CHAIN()) {
      const res = await appendCustody(forensic.token, remains.id, e);
      expect(res.status, JSON.stringify(res.body)).to.equal(201);
    }
  }
  return { id: remains.id, code: remains.code, forensic };
}

/** The generate_document audit events of a subject. */
export function documentAudits(subjectId: string) {
  return testNode().db.query<{
    actorId: string;
    fields: string[];
    details: { document: string; lang?: string };
  }>(
    `SELECT actor_id AS "actorId", fields, details FROM audit_events
     WHERE action = 'generate_document' AND subject_id = $1 ORDER BY seq`,
    [subjectId],
  );
}
