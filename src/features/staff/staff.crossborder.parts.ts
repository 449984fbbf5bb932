// What the cross-border pages share (ADR 0155): the shapes the federation service answers with,
// the path's id, the local record's link and the other side shown only as a jurisdiction and a
// pseudonymous reference.
import type { Request } from 'express';
import { z } from 'zod';
import type { Actor } from '../../platform/authz/index.js';
import { AppError } from '../../platform/errors.js';
import { html, type SafeHtml, type Translate } from '../../platform/web/index.js';

const uuid = z.uuid();

/** A cross-border candidate as the federation service presents it. */
export type Candidate = {
  id: string;
  local: { side: string; id: string; ref: string };
  counterpart: { jurisdiction: string; ref: string };
  score: number;
  excluded: boolean;
  status: string;
  parts: { attribute: string; log10lr: number; explanation: string }[];
  exclusions: { rule: string; reason: string; overridden: boolean }[];
  agreementRef: string;
  updatedAt: Date | string;
};

/** A disclosure request, sent or received, as the federation service presents it. */
export type Disclosure = {
  id: string;
  direction: 'outgoing' | 'incoming';
  local: { side: string; id: string; ref: string };
  counterpart: { jurisdiction: string; ref: string };
  requesterRole: string;
  purpose: string;
  justification: string;
  status: string;
  decidedAt: Date | string | null;
  decisionReason: string | null;
  expiresAt: Date | string | null;
  purgedAt: Date | string | null;
  record?: unknown;
};

/** The id of the path, or 404 (a malformed id is a record that does not exist). */
export function idOf(req: Request): string {
  const p = uuid.safeParse(req.params.id);
  if (!p.success) {
    throw new AppError('NOT_FOUND', 'record');
  }
  return p.data;
}

/** The local record's reference, linked to its page where the actor has one. */
export function localLink(
  actor: Actor,
  local: { side: string; id: string; ref: string },
): SafeHtml {
  const ref = html`<bdi dir="ltr">${local.ref}</bdi>`;
  if (local.side === 'pm' && actor.role === 'forensic') {
    return html`<a href="/staff/remains/${local.id}">${ref}</a>`;
  }
  if (local.side === 'am' && actor.role === 'caseworker') {
    return html`<a href="/staff/reports/${local.id}">${ref}</a>`;
  }
  return ref;
}

/** The other side: its jurisdiction and pseudonymous reference, never a name. */
export function counterpart(c: { jurisdiction: string; ref: string }, t: Translate): SafeHtml {
  return html`${t('staff.fed.jurisdiction', { code: c.jurisdiction })} ·
    <bdi dir="ltr" class="meta">${c.ref}</bdi>`;
}
