import { z } from 'zod';
import { DOCUMENT_LANGUAGES } from './documents.i18n.js';

/** Path parameters of a document of one report or remains record. */
export const documentParams = z.object({
  /** The report's or remains record's id. */
  id: z.uuid(),
});

/** Query of the family case summary. */
export const caseSummaryQuery = z.object({
  /** Language of the summary; by default the family's own language. */
  lang: z.enum(DOCUMENT_LANGUAGES).optional(),
});

/** Path parameters of the public certificate check. */
export const verifyParams = z.object({
  /** The verification code printed on the certificate (dashes and case ignored). */
  code: z.string().min(1).max(64),
});

/** The answer of the public certificate check: no personal data. */
export const verification = z
  .object({
    genuine: z.literal(true),
    remainsCode: z.string(),
    headHashAtIssue: z.string(),
    chainVerifiesNow: z.boolean(),
  })
  .meta({ id: 'CertificateVerification' });

/** Query of the family case summary, parsed. */
export type CaseSummaryQuery = z.infer<typeof caseSummaryQuery>;
