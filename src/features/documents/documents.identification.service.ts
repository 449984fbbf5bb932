// Generating the identification report of a candidate pair. The candidate is read through the
// matching service (same access rule, same presenter and same read audit as the JSON API), so the
// PDF never shows more than GET /api/v1/matching/candidates/:id would show the actor.
import { z } from 'zod';
import type { Database } from '../../platform/db/index.js';
import type { Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import { recordAudit } from '../audit/index.js';
import { MATCH_CANDIDATE, PRIMARY_BASIS, type MatchingService } from '../matching/index.js';
import { findUser } from '../users/index.js';
import {
  renderIdentificationReport,
  type IdentificationReportData,
} from './documents.identification.js';

/** What the identification report reads from. */
export interface IdentificationDeps {
  db: Database;
  matching: Pick<MatchingService, 'get'>;
}

const nullableText = z.string().nullable().optional();

/** The parts of a presented candidate the report prints (fields absent for the role stay absent). */
const presented = z.object({
  id: z.string(),
  caseNumber: z.string().nullable(),
  remainsCode: z.string().nullable(),
  country: z.string(),
  status: z.string(),
  score: z.number(),
  parts: z.array(z.object({ attribute: z.string(), log10lr: z.number(), explanation: z.string() })),
  exclusions: z.array(z.object({ rule: z.string(), reason: z.string(), overridden: z.boolean() })),
  review: z.object({
    proposedBy: nullableText,
    proposedAt: nullableText,
    basis: z.array(z.string()).nullable().optional(),
    note: nullableText,
    confirmedBy: nullableText,
    confirmedAt: nullableText,
    identification: z.enum(['identified', 'provisional']).nullable().optional(),
  }),
  overrides: z.array(
    z.object({
      rule: z.string(),
      reason: z.string(),
      createdBy: z.string(),
      createdAt: nullableText,
    }),
  ),
  labResults: z
    .array(
      z.object({
        kind: z.string(),
        method: nullableText,
        likelihoodRatio: z.number().nullable().optional(),
        referenceSample: nullableText,
        outcome: nullableText,
        laboratory: z.string(),
        labReference: nullableText,
        recordedBy: z.string(),
        recordedAt: nullableText,
      }),
    )
    .optional(),
  sameCase: z.array(z.object({ caseNumber: z.string() })).optional(),
});

/** The identification report, for whoever may read the candidate. */
export function createIdentificationReports({ db, matching }: IdentificationDeps) {
  return {
    /** Confirmed pairs get the report; pairs under review get a draft; others have none (409). */
    async identificationReport(actor: Actor, id: string) {
      const view = await matching.get(actor, id);
      const c = presented.parse(view);
      if (c.status !== 'confirmed' && c.status !== 'under_review') {
        throw new AppError(
          'CONFLICT',
          'An identification report exists only for a pair under review or confirmed',
          { status: c.status },
        );
      }
      const data = await db.transaction(async (t) => {
        const names = new Map<string, string>();
        const ids = [
          c.review.proposedBy,
          c.review.confirmedBy,
          ...(c.labResults ?? []).map((l) => l.recordedBy),
          ...c.overrides.map((o) => o.createdBy),
        ];
        for (const userId of new Set(ids.filter((x): x is string => !!x))) {
          // Professionals are named by their display name (never an e-mail address).
          names.set(userId, (await findUser(t, userId))?.displayName ?? 'unknown user');
        }
        const name = (userId: string | null | undefined) =>
          userId ? (names.get(userId) ?? 'unknown user') : null;
        const basis = c.review.basis ?? [];
        const primary = basis.some((b) => (PRIMARY_BASIS as readonly string[]).includes(b));
        const out: IdentificationReportData = {
          candidateId: c.id,
          caseNumber: c.caseNumber ?? '—',
          remainsCode: c.remainsCode ?? '—',
          country: c.country,
          status: c.status as 'confirmed' | 'under_review',
          identification:
            c.review.identification ??
            (basis.length > 0 ? (primary ? 'identified' : 'provisional') : null),
          basis,
          note: c.review.note ?? null,
          proposedBy: name(c.review.proposedBy),
          proposedAt: c.review.proposedAt ?? null,
          confirmedBy: name(c.review.confirmedBy),
          confirmedAt: c.review.confirmedAt ?? null,
          score: c.score,
          parts: c.parts,
          labResults:
            c.labResults?.map((l) => ({
              ...l,
              recordedBy: name(l.recordedBy)!,
              recordedAt: l.recordedAt ?? null,
            })) ?? null,
          exclusions: c.exclusions,
          overrides: c.overrides.map((o) => ({
            ...o,
            createdBy: name(o.createdBy)!,
            createdAt: o.createdAt ?? null,
          })),
          linkedCases: (c.sameCase ?? []).map((s) => s.caseNumber),
          generatedAt: new Date().toISOString(),
          generatedFor: actor.role,
        };
        await recordAudit(t, actor, {
          action: 'generate_document',
          subjectType: MATCH_CANDIDATE,
          subjectId: c.id,
          subjectCountry: c.country,
          fields: Object.keys(view),
          purpose: 'identification',
          details: { document: 'identification-report', draft: c.status !== 'confirmed' },
        });
        return out;
      });
      return {
        filename: `identification-report-${data.caseNumber}-${data.remainsCode}${data.status === 'confirmed' ? '' : '-draft'}.pdf`,
        pdf: await renderIdentificationReport(data),
      };
    },
  };
}
