// Authorization matrix of the data-protection endpoints: legal holds, the retention plan,
// erasure requests and the access log of a record.
import { authorizationMatrix } from '../authz-matrix.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { fileReport } from '../reports.factories.js';

authorizationMatrix('data protection', {
  fixture: async () => {
    const owner = await buildUser({ role: 'family', country: 'IT' });
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(owner.token);
    const fresh = await fileReport(owner.token);
    const hold = await api.post(
      '/api/v1/legal-holds',
      { subjectType: 'report', subjectId: report.id, reason: 'proceedings' },
      caseworker.token,
    );
    const request = await api.post(
      `/api/v1/reports/${report.id}/erasure-requests`,
      {},
      owner.token,
    );
    return {
      id: report.id,
      freshId: fresh.id,
      holdId: hold.body.id as string,
      requestId: request.body.id as string,
      actors: { owner: owner.token, caseworker: caseworker.token },
    };
  },
  endpoints: {
    listHolds: () => ({ method: 'get', path: '/api/v1/legal-holds' }),
    placeHold: (fx) => ({
      method: 'post',
      path: '/api/v1/legal-holds',
      body: { subjectType: 'report', subjectId: fx.id, reason: 'r' },
    }),
    liftHold: (fx) => ({
      method: 'post',
      path: `/api/v1/legal-holds/${fx.holdId}/lift`,
      body: { reason: 'r' },
    }),
    retentionPlan: () => ({ method: 'get', path: '/api/v1/retention/plan' }),
    requestErasure: (fx) => ({
      method: 'post',
      path: `/api/v1/reports/${fx.freshId}/erasure-requests`,
      body: {},
    }),
    listErasure: () => ({ method: 'get', path: '/api/v1/erasure-requests' }),
    decideErasure: (fx) => ({
      method: 'post',
      path: `/api/v1/erasure-requests/${fx.requestId}/decision`,
      body: { decision: 'refuse', reason: 'court order' },
    }),
    accessLog: (fx) => ({ method: 'get', path: `/api/v1/access-log/reports/${fx.id}` }),
  },
  expect: {
    listHolds: {
      anonymous: 401,
      owner: 403,
      caseworker: 200,
      'forensic@IT': 200,
      'admin@IT': 200,
      'auditor@IT': 200,
      'analyst@IT': 403,
      'contact_point@IT': 403,
    },
    placeHold: {
      anonymous: 401,
      owner: 403,
      caseworker: 201,
      'caseworker@TN': 404,
      'forensic@IT': 403,
      'admin@IT': 201,
      'admin@TN': 404,
      'auditor@IT': 403,
      'analyst@IT': 403,
      'contact_point@IT': 403,
    },
    liftHold: {
      anonymous: 401,
      owner: 404,
      caseworker: 200,
      'caseworker@TN': 404,
      'forensic@IT': 404,
      'admin@IT': 200,
      'auditor@IT': 403,
      'analyst@IT': 404,
      'contact_point@IT': 404,
    },
    retentionPlan: {
      anonymous: 401,
      owner: 403,
      caseworker: 403,
      'forensic@IT': 403,
      'admin@IT': 200,
      'auditor@IT': 403,
      'analyst@IT': 403,
    },
    requestErasure: {
      anonymous: 401,
      owner: 201,
      'family@IT': 404,
      caseworker: 403,
      'caseworker@TN': 404,
      'admin@IT': 404,
      'auditor@IT': 404,
      'analyst@IT': 404,
      'contact_point@IT': 404,
    },
    listErasure: {
      anonymous: 401,
      owner: 200,
      'family@IT': 200,
      caseworker: 200,
      'forensic@IT': 403,
      'admin@IT': 403,
      'auditor@IT': 403,
      'analyst@IT': 403,
    },
    decideErasure: {
      anonymous: 401,
      owner: 403,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@TN': 404,
      'forensic@IT': 404,
      'admin@IT': 404,
      'auditor@IT': 404,
    },
    accessLog: {
      anonymous: 401,
      owner: 403,
      caseworker: 403,
      'forensic@IT': 403,
      'admin@IT': 403,
      'auditor@IT': 200,
      'auditor@TN': 404,
      'analyst@IT': 403,
    },
  },
});
