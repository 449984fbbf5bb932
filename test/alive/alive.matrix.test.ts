import { authorizationMatrix } from '../authz-matrix.js';
import { designate } from '../contact-points.factories.js';
import { aliveFixture, matchIds, sendAlive } from '../alive.factories.js';

// Roles that review nothing: their list is refused, a single match is not found.
const NO_LIST = {
  'family@IT': 403,
  'forensic@IT': 403,
  'admin@IT': 403,
  'auditor@IT': 403,
  'analyst@IT': 403,
};
const NOT_FOUND = {
  owner: 404,
  otherCp: 404,
  'caseworker@FR': 404,
  'contact_point@IT': 404,
  'forensic@IT': 404,
  'admin@IT': 404,
  'auditor@IT': 404,
  'analyst@IT': 404,
};

authorizationMatrix('"I am alive" matches', {
  fixture: async () => {
    const fx = await aliveFixture();
    const other = await designate({ country: 'IT' });
    await sendAlive();
    const [id] = await matchIds(fx.report.id);
    return {
      id: id!,
      actors: {
        owner: fx.family.token,
        caseworker: fx.caseworker.token,
        cp: fx.cp.staff.token,
        otherCp: other.staff.token,
      },
    };
  },
  endpoints: {
    list: () => ({ method: 'get', path: '/api/v1/alive-matches' }),
    read: (fx) => ({ method: 'get', path: `/api/v1/alive-matches/${fx.id}` }),
    confirm: (fx) => ({
      method: 'post',
      path: `/api/v1/alive-matches/${fx.id}/confirm`,
      body: { reason: 'same person' },
    }),
    reject: (fx) => ({
      method: 'post',
      path: `/api/v1/alive-matches/${fx.id}/reject`,
      body: { reason: 'not the same person' },
    }),
  },
  expect: {
    list: {
      anonymous: 401,
      caseworker: 200,
      cp: 200,
      otherCp: 200,
      'caseworker@FR': 200,
      owner: 403,
      ...NO_LIST,
    },
    read: { anonymous: 401, caseworker: 200, cp: 200, ...NOT_FOUND },
    confirm: { anonymous: 401, cp: 200, caseworker: 200, ...NOT_FOUND },
    reject: { anonymous: 401, caseworker: 200, cp: 200, ...NOT_FOUND },
  },
});
