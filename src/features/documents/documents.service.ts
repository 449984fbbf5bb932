import type { Database, Queryable } from '../../platform/db/index.js';
import { authorize, type Actor } from '../../platform/authz/index.js';
import { AppError, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { findChannel, findContactPoint } from '../contact-points/index.js';
import {
  findCustodyHead,
  listCustodyEvents,
  presentWhereabouts,
  verifyCustodyChain,
} from '../custody/index.js';
import { findRemains, type RemainsService } from '../remains/index.js';
import { findReport, REPORT, type ReportsService } from '../reports/index.js';
import { findUser } from '../users/index.js';
import { assertPermitted } from '../data-protection/purposes.js';
import { renderAmSheet } from './documents.am-sheet.js';
import { createIdentificationReports } from './documents.identification.service.js';
import type { MatchingService } from '../matching/index.js';
import { renderCaseSummary } from './documents.case-summary.js';
import { renderCustodyCertificate } from './documents.certificate.js';
import {
  codeHash,
  groupCode,
  isWellFormedCode,
  newVerificationCode,
  normaliseCode,
} from './documents.codes.js';
import type { DocumentLanguage } from './documents.i18n.js';
import { DOCUMENT_ACTIONS } from './documents.policy.js';
import { renderPmSheet } from './documents.pm-sheet.js';
import { findCertificateByCodeHash, insertCertificate } from './documents.repository.js';
import { caseSummaryData, contactDetails, documentLanguage } from './documents.sources.js';

/** What the documents service reads from. */
export interface DocumentsDeps {
  db: Database;
  /** Reports are read through their service: same access checks, consent and presenter as the API. */
  reports: ReportsService;
  remains: RemainsService;
  /** Candidates are read through the matching service (its access rule and presenter). */
  matching: Pick<MatchingService, 'get'>;
  /** Public base URL of the node, printed in the verification address of certificates. */
  publicUrl: string;
}

/** A generated document. */
export interface GeneratedDocument {
  filename: string;
  pdf: Buffer;
}

type View = Record<string, unknown>;

/** Family case summaries, AM/PM data sheets and custody certificates, generated on request and audited. */
export function createDocumentsService({
  db,
  reports,
  remains,
  matching,
  publicUrl,
}: DocumentsDeps) {
  const audit = (
    t: Queryable,
    actor: Actor | null,
    subject: { type: string; id: string; country: string },
    document: string,
    fields: string[],
    details: Record<string, unknown> = {},
  ) =>
    recordAudit(t, actor, {
      action: 'generate_document',
      subjectType: subject.type,
      subjectId: subject.id,
      subjectCountry: subject.country,
      fields,
      details: { document, ...details },
    });

  return {
    ...createIdentificationReports({ db, matching }),

    /** The family case summary of a report, for whoever may read the report. */
    async caseSummary(
      actor: Actor,
      id: string,
      lang?: DocumentLanguage,
    ): Promise<GeneratedDocument> {
      if (actor.role !== 'family') {
        // The family's own summary is their right of access; anyone else uses the report.
        await db.transaction(async (t) => {
          const stored = await findReport(t, id);
          if (stored) {
            assertPermitted(stored, 'documents');
          }
        });
      }
      const report = await reports.get(actor, id);
      const { items } = await reports.timeline(actor, id);
      const { contactPoint, language } = await db.transaction(async (t) => {
        const channel = await findChannel(t, id);
        const cp = channel?.contactPointId
          ? await findContactPoint(t, channel.contactPointId)
          : undefined;
        const language = documentLanguage(lang, await preferredLanguages(t, actor, report));
        await audit(
          t,
          actor,
          subjectOf(REPORT, report),
          'case-summary',
          [...Object.keys(report), 'contactPoint'],
          { lang: language },
        );
        return { contactPoint: contactDetails(cp), language };
      });
      const data = caseSummaryData(report, items, contactPoint, new Date());
      return {
        filename: `case-summary-${data.caseNumber}-${language}.pdf`,
        pdf: await renderCaseSummary(data, language),
      };
    },

    /** The ante-mortem data sheet of a report (caseworkers, forensic practitioners). */
    async amSheet(actor: Actor, id: string): Promise<GeneratedDocument> {
      await db.transaction(async (t) =>
        assertPermitted(
          authorize(actor, DOCUMENT_ACTIONS.amSheet, REPORT, await findReport(t, id)),
          actor.role === 'forensic' ? 'forensicComparison' : 'documents',
        ),
      );
      const report = await reports.get(actor, id);
      await db.transaction((t) =>
        audit(t, actor, subjectOf(REPORT, report), 'am-sheet', Object.keys(report)),
      );
      const reference = String(report.caseNumber);
      return {
        filename: `am-sheet-${reference}.pdf`,
        pdf: await renderAmSheet(report, meta(actor, reference)),
      };
    },

    /** The post-mortem data sheet of remains (caseworkers, forensic practitioners). */
    async pmSheet(actor: Actor, id: string): Promise<GeneratedDocument> {
      await db.transaction(async (t) =>
        authorize(actor, DOCUMENT_ACTIONS.pmSheet, 'Remains', await findRemains(t, id)),
      );
      const record = await remains.get(actor, id);
      await db.transaction((t) =>
        audit(t, actor, subjectOf('Remains', record), 'pm-sheet', Object.keys(record)),
      );
      const reference = String(record.code);
      return {
        filename: `pm-sheet-${reference}.pdf`,
        pdf: await renderPmSheet(record, meta(actor, reference)),
      };
    },

    /**
     * Issues a custody and burial certificate: the chain is read and verified under the remains
     * row lock (so no event is appended meanwhile), and the certificate is recorded with the
     * hash of its verification code and the chain head it printed.
     */
    async custodyCertificate(actor: Actor, id: string): Promise<GeneratedDocument> {
      const data = await db.transaction(async (t) => {
        const r = authorize(
          actor,
          DOCUMENT_ACTIONS.custodyCertificate,
          'Remains',
          await findRemains(t, id, true),
        );
        const events = await listCustodyEvents(t, r.id);
        if (events.length === 0) {
          throw new AppError('CONFLICT', 'No custody event is recorded for these remains');
        }
        const check = verifyCustodyChain(events, await findCustodyHead(t, r.id));
        if (!check.ok) {
          throw new AppError(
            'CONFLICT',
            'The custody chain does not verify; no certificate can be issued',
            { firstBroken: check.firstBroken },
          );
        }
        const code = newVerificationCode();
        const cert = await insertCertificate(t, {
          codeHash: codeHash(code),
          remainsId: r.id,
          remainsCode: r.code,
          country: r.country.trim(),
          headPosition: events.length,
          headHash: check.headHash,
          issuedBy: actor.id,
        });
        await audit(
          t,
          actor,
          { type: 'Remains', id: r.id, country: r.country.trim() },
          'custody-certificate',
          ['code', 'status', 'custody'],
          { certificateId: cert.id, headPosition: cert.headPosition, headHash: cert.headHash },
        );
        const where = presentWhereabouts(r, events);
        return {
          remainsCode: r.code,
          country: r.country.trim(),
          status: r.status,
          state: where.state,
          since: where.since,
          custodian: where.custodian,
          location: where.location,
          burial: where.burial,
          events: events.map((e) => ({
            position: e.position,
            kind: e.kind,
            occurredAt: e.occurredAt.toISOString(),
            custodian: e.custodian,
            location: e.location,
            burial: e.burial,
            documents: e.documents,
            hash: e.hash,
          })),
          headHash: check.headHash,
          verificationCode: groupCode(code),
          verifyUrl: `${publicUrl.replace(/\/$/, '')}/api/v1/verify/${code}`,
          issuedAt: cert.issuedAt.toISOString(),
        };
      });
      return {
        filename: `custody-certificate-${data.remainsCode}.pdf`,
        pdf: await renderCustodyCertificate(data),
      };
    },

    /**
     * Public check of a certificate's code: whether it is genuine, for which remains, the chain
     * head it printed and whether the chain on record still verifies and still holds that head.
     * A malformed or unknown code is simply not found.
     */
    async verify(typed: string) {
      const code = normaliseCode(typed);
      if (!isWellFormedCode(code)) {
        throw notFound('Certificate');
      }
      return db.transaction(async (t) => {
        const cert = await findCertificateByCodeHash(t, codeHash(code));
        if (!cert) {
          throw notFound('Certificate');
        }
        const events = await listCustodyEvents(t, cert.remainsId);
        const check = verifyCustodyChain(events, await findCustodyHead(t, cert.remainsId));
        const chainVerifiesNow = check.ok && events[cert.headPosition - 1]?.hash === cert.headHash;
        await recordAudit(t, null, {
          action: 'verify_certificate',
          subjectType: 'CustodyCertificate',
          subjectId: cert.id,
          subjectCountry: cert.country,
          fields: [],
          details: { chainVerifiesNow },
        });
        return {
          genuine: true as const,
          remainsCode: cert.remainsCode,
          headHashAtIssue: cert.headHash,
          chainVerifiesNow,
        };
      });
    },
  };
}

/** The documents service. */
export type DocumentsService = ReturnType<typeof createDocumentsService>;

function subjectOf(type: string, view: View) {
  return {
    type,
    id: String(view.id),
    country: typeof view.country === 'string' ? view.country : '',
  };
}

function meta(actor: Actor, reference: string) {
  return { reference, generatedAt: new Date().toISOString(), generatedFor: actor.role };
}

/** Languages to write a case summary in, best first: the family's own, then the relatives'. */
async function preferredLanguages(
  t: Queryable,
  actor: Actor,
  report: View,
): Promise<(string | undefined)[]> {
  const family =
    actor.role === 'family'
      ? actor.id
      : typeof report.ownerId === 'string'
        ? report.ownerId
        : undefined;
  const owner = family ? await findUser(t, family) : undefined;
  const relatives = Array.isArray(report.relatives)
    ? (report.relatives as { preferredLanguage?: string; mayContact?: boolean }[])
    : [];
  return [
    owner?.preferredLanguage,
    ...relatives.filter((r) => r.mayContact !== false).map((r) => r.preferredLanguage),
  ];
}
