import { z } from 'zod';
import { defineRoute, pageOf } from '../../platform/http/index.js';
import {
  excludeBody,
  idParams,
  labResultBody,
  listCandidatesQuery,
  overrideBody,
  proposeBody,
  searchBody,
} from './matching.schemas.js';
import type { MatchingService } from './matching.service.js';

/** A candidate pair as the API shows it; fields depend on the caller's role. */
const candidateSchema = z.record(z.string(), z.unknown()).meta({ id: 'MatchCandidate' });

/** A page of ranked candidates. */
const candidatePageSchema = pageOf(candidateSchema, 'MatchCandidatePage');

const tag = 'matching';

/** Routes of /api/v1/matching. */
export function matchingRoutes(matching: MatchingService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/matching/reports/:id/candidates',
      summary: 'Ranked remains candidates of a report, with the explanation of each score',
      tag,
      auth: 'user',
      params: idParams,
      query: listCandidatesQuery,
      response: candidatePageSchema,
      handler: async ({ actor, params, query }) => matching.listForReport(actor, params.id, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/matching/remains/:id/candidates',
      summary: 'Ranked report candidates of remains, with the explanation of each score',
      tag,
      auth: 'user',
      params: idParams,
      query: listCandidatesQuery,
      response: candidatePageSchema,
      handler: async ({ actor, params, query }) => matching.listForRemains(actor, params.id, query),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/matching/candidates/:id',
      summary: 'One candidate pair: score, parts, exclusions, evidence and review',
      tag,
      auth: 'user',
      params: idParams,
      response: candidateSchema,
      handler: async ({ actor, params }) => matching.get(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/matching/search',
      summary: 'Match one report or remains now (forensic practitioners)',
      tag,
      auth: 'user',
      body: searchBody,
      response: candidatePageSchema,
      handler: async ({ actor, body }) => matching.search(actor, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/matching/lab-results',
      summary: 'Record a DNA, fingerprint or dental comparison; the pair is rescored at once',
      tag,
      auth: 'user',
      body: labResultBody,
      status: 201,
      response: candidateSchema,
      handler: async ({ actor, body }) => matching.recordLabResult(actor, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/matching/overrides',
      summary: 'Override a hard exclusion of a pair, with a reason; the pair is rescored at once',
      tag,
      auth: 'user',
      body: overrideBody,
      status: 201,
      response: candidateSchema,
      handler: async ({ actor, body }) => matching.overrideExclusion(actor, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/matching/candidates/:id/review',
      summary: 'Take a candidate under review',
      tag,
      auth: 'user',
      params: idParams,
      response: candidateSchema,
      handler: async ({ actor, params }) => matching.startReview(actor, params.id),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/matching/candidates/:id/exclude',
      summary: 'Exclude a candidate, with the reason',
      tag,
      auth: 'user',
      params: idParams,
      body: excludeBody,
      response: candidateSchema,
      handler: async ({ actor, params, body }) => matching.exclude(actor, params.id, body.reason),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/matching/candidates/:id/propose',
      summary: 'Propose an identification with its basis (a second practitioner confirms)',
      tag,
      auth: 'user',
      params: idParams,
      body: proposeBody,
      response: candidateSchema,
      handler: async ({ actor, params, body }) => matching.propose(actor, params.id, body),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/matching/candidates/:id/confirm',
      summary: 'Confirm a proposed identification (not the proposer); updates report and remains',
      tag,
      auth: 'user',
      params: idParams,
      response: candidateSchema,
      handler: async ({ actor, params }) => matching.confirm(actor, params.id),
    }),
  ];
}
