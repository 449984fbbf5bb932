import { authorizationMatrix } from '../authz-matrix.js';
import { matchingFixture, type MatchingFixture } from './matching.matrix.fixture.js';

const c = (fx: MatchingFixture) => `/api/v1/matching/candidates/${fx.candidateId}`;
const fresh = (fx: MatchingFixture) => `/api/v1/matching/candidates/${fx.freshCandidateId}`;
const pair = (fx: MatchingFixture) => ({ reportId: fx.reportId, remainsId: fx.remainsId });

// Families (the report's own family, 'owner') never see candidates; another country sees nothing.
authorizationMatrix('matching', {
  fixture: matchingFixture,
  endpoints: {
    listForReport: (fx) => ({
      method: 'get',
      path: `/api/v1/matching/reports/${fx.reportId}/candidates`,
    }),
    listForRemains: (fx) => ({
      method: 'get',
      path: `/api/v1/matching/remains/${fx.remainsId}/candidates`,
    }),
    get: (fx) => ({ method: 'get', path: c(fx) }),
    search: (fx) => ({
      method: 'post',
      path: '/api/v1/matching/search',
      body: { reportId: fx.reportId },
    }),
    lab: (fx) => ({
      method: 'post',
      path: '/api/v1/matching/lab-results',
      body: { ...pair(fx), kind: 'dental', outcome: 'inconclusive', laboratory: 'Odontology unit' },
    }),
    override: (fx) => ({
      method: 'post',
      path: '/api/v1/matching/overrides',
      body: { ...pair(fx), rule: 'age_incompatible', reason: 'age estimate revised' },
    }),
    review: (fx) => ({ method: 'post', path: `${fresh(fx)}/review` }),
    exclude: (fx) => ({
      method: 'post',
      path: `${fresh(fx)}/exclude`,
      body: { reason: 'different person' },
    }),
    propose: (fx) => ({ method: 'post', path: `${c(fx)}/propose`, body: { basis: ['marks'] } }),
    confirm: (fx) => ({ method: 'post', path: `${c(fx)}/confirm` }),
  },
  expect: {
    listForReport: {
      anonymous: 401,
      'forensic@IT': 200,
      'caseworker@IT': 200,
      owner: 404,
      'contact_point@IT': 404,
      'admin@IT': 404,
      'forensic@FR': 404,
      'caseworker@FR': 404,
    },
    listForRemains: {
      anonymous: 401,
      'forensic@IT': 200,
      'caseworker@IT': 200,
      'family@IT': 404,
      'analyst@IT': 404,
      'forensic@FR': 404,
    },
    get: {
      anonymous: 401,
      'forensic@IT': 200,
      'caseworker@IT': 200,
      owner: 404,
      'auditor@IT': 404,
      'forensic@FR': 404,
    },
    search: {
      anonymous: 401,
      'forensic@IT': 200,
      'caseworker@IT': 403,
      owner: 403,
      'forensic@FR': 404,
    },
    lab: {
      anonymous: 401,
      'forensic@IT': 201,
      'caseworker@IT': 403,
      owner: 404,
      'forensic@FR': 404,
    },
    override: {
      anonymous: 401,
      'forensic@IT': 201,
      'caseworker@IT': 403,
      owner: 404,
      'forensic@FR': 404,
    },
    review: {
      anonymous: 401,
      'forensic@IT': 200,
      'caseworker@IT': 403,
      owner: 404,
      'forensic@FR': 404,
    },
    exclude: {
      anonymous: 401,
      'forensic@IT': 200,
      'caseworker@IT': 403,
      owner: 404,
      'forensic@FR': 404,
    },
    propose: {
      anonymous: 401,
      'forensic@IT': 200,
      'caseworker@IT': 403,
      owner: 404,
      'forensic@FR': 404,
    },
    confirm: {
      anonymous: 401,
      'forensic@IT': 200,
      proposer: 409,
      'caseworker@IT': 403,
      owner: 404,
      'forensic@FR': 404,
    },
  },
});
