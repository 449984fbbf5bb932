// The transnational channel in tests: agreements between two jurisdictions, draining the outbox.
import type { Services } from '../src/container.js';
import { buildUser, type TestUser } from './factories.js';
import { api } from './http.js';
import { testNode } from './node.js';

/** Every kind the matching exchange uses. */
export const MATCHING_KINDS = [
  'profile.am',
  'profile.pm',
  'profile.withdraw',
  'candidate.notice',
  'candidate.withdraw',
  'disclosure.request',
  'disclosure.decision',
  'identification.notice',
  'case.status',
  'custody.transfer',
  'custody.continue',
  'case.notice',
  'ping',
];

/** An agreement body of the caller's jurisdiction with a partner. */
export function agreementBody(partner: string, over: Record<string, unknown> = {}) {
  return {
    ref: 'TN-IT-2026-MISSING',
    partnerJurisdiction: partner,
    messageKinds: MATCHING_KINDS,
    dataCategories: [
      'matching_profile',
      'candidate',
      'disclosure_request',
      'disclosed_record',
      'identification',
      'case_status',
      'custody_chain',
      'case_notice',
      'none',
    ],
    purposes: ['identification', 'family_information', 'operations'],
    legalBasis: 'Memorandum of understanding on missing migrants, art. 4',
    endsOn: '2030-12-31',
    ...over,
  };
}

/** Records mirror agreements TN↔IT on the shared node through the API; returns the admins. */
export async function agreeTnIt(
  over: Record<string, unknown> = {},
): Promise<{ tn: TestUser; it: TestUser }> {
  const tn = await buildUser({ role: 'admin', country: 'TN' });
  const it = await buildUser({ role: 'admin', country: 'IT' });
  for (const [admin, partner] of [
    [tn, 'IT'],
    [it, 'TN'],
  ] as const) {
    const res = await api.post(
      '/api/v1/federation/agreements',
      agreementBody(partner, over),
      admin.token,
    );
    if (res.status !== 201) {
      throw new Error(`agreement: ${res.status} ${JSON.stringify(res.body)}`);
    }
  }
  return { tn, it };
}

/** Sends every due message of a node's outbox until none is left (at most `rounds`). */
export async function drain(services: Services = testNode().services, rounds = 50, now?: Date) {
  let sent = 0;
  for (let i = 0; i < rounds; i += 1) {
    const n = await services.federation.channel.dispatchOnce(now);
    if (n === 0) {
      break;
    }
    sent += n;
  }
  return sent;
}
