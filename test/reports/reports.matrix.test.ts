import { authorizationMatrix } from '../authz-matrix.js';
import { buildUser } from '../factories.js';
import { fileReport, reportBody } from '../reports.factories.js';

const PFIF =
  '<pfif:pfif xmlns:pfif="http://zesty.ca/pfif/1.4"><pfif:person><pfif:person_record_id>x.org/1</pfif:person_record_id><pfif:full_name>A B</pfif:full_name></pfif:person></pfif:pfif>';

// Roles with no access to report content: administrators, auditors, analysts, contact points.
const NO_CONTENT = {
  'admin@IT': 404,
  'auditor@IT': 404,
  'analyst@IT': 404,
  'contact_point@IT': 404,
};
const NO_TYPE = { 'admin@IT': 403, 'auditor@IT': 403, 'analyst@IT': 403, 'contact_point@IT': 403 };

authorizationMatrix('reports', {
  fixture: async () => {
    const owner = await buildUser({ role: 'family', country: 'IT' });
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const report = await fileReport(owner.token);
    const other = await fileReport(caseworker.token);
    return {
      id: report.id,
      otherId: other.id,
      relativeId: report.relatives![0]!.id,
      actors: { owner: owner.token, caseworker: caseworker.token },
    };
  },
  endpoints: {
    create: () => ({ method: 'post', path: '/api/v1/reports', body: reportBody() }),
    read: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.id}` }),
    update: (fx) => ({
      method: 'patch',
      path: `/api/v1/reports/${fx.id}`,
      body: { flags: { pregnant: true } },
    }),
    status: (fx) => ({
      method: 'post',
      path: `/api/v1/reports/${fx.id}/status`,
      body: { status: 'under_search', reason: 'r' },
    }),
    timeline: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.id}/timeline` }),
    duplicates: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.id}/duplicates` }),
    link: (fx) => ({
      method: 'post',
      path: `/api/v1/reports/${fx.id}/links`,
      body: { reportId: fx.otherId, reason: 'same' },
    }),
    pfif: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.id}/pfif` }),
    export: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.id}/export` }),
    withdrawContact: (fx) => ({
      method: 'delete',
      path: `/api/v1/reports/${fx.id}/relatives/${fx.relativeId}/contact`,
    }),
    pfifImport: () => ({
      method: 'post',
      path: '/api/v1/reports/pfif-import',
      body: { xml: PFIF },
    }),
    leads: () => ({ method: 'get', path: '/api/v1/report-leads' }),
  },
  expect: {
    create: {
      anonymous: 401,
      owner: 201,
      'family@FR': 201,
      caseworker: 201,
      'forensic@IT': 403,
      ...NO_TYPE,
    },
    read: {
      anonymous: 401,
      owner: 200,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 200,
      'forensic@FR': 404,
      ...NO_CONTENT,
    },
    update: {
      anonymous: 401,
      owner: 200,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 403,
      ...NO_CONTENT,
    },
    status: {
      anonymous: 401,
      owner: 403,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 403,
      ...NO_CONTENT,
    },
    timeline: {
      anonymous: 401,
      owner: 200,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 200,
      ...NO_CONTENT,
    },
    duplicates: {
      anonymous: 401,
      owner: 403,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 403,
      ...NO_CONTENT,
    },
    link: {
      anonymous: 401,
      owner: 403,
      'family@IT': 404,
      caseworker: 201,
      'caseworker@FR': 404,
      'forensic@IT': 403,
      ...NO_CONTENT,
    },
    pfif: {
      anonymous: 401,
      owner: 403,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 403,
      ...NO_CONTENT,
    },
    export: {
      anonymous: 401,
      owner: 200,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 403,
      ...NO_CONTENT,
    },
    withdrawContact: {
      anonymous: 401,
      owner: 200,
      'family@IT': 404,
      caseworker: 200,
      'caseworker@FR': 404,
      'forensic@IT': 403,
      ...NO_CONTENT,
    },
    pfifImport: {
      anonymous: 401,
      owner: 403,
      caseworker: 201,
      'caseworker@FR': 201,
      'forensic@IT': 403,
      ...NO_TYPE,
    },
    leads: { anonymous: 401, caseworker: 200, owner: 200, 'forensic@IT': 200 },
  },
});
