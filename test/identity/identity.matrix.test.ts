import { buildOrg, buildUser } from '../factories.js';
import { authorizationMatrix } from '../authz-matrix.js';

const OTHER_ROLES = ['caseworker', 'forensic', 'contact_point', 'auditor', 'analyst'] as const;

/** Records of Italy: a caseworker and an organisation, plus that caseworker as a named actor. */
async function fixture() {
  const org = await buildOrg({ country: 'IT', kind: 'tracing_service' });
  const target = await buildUser({ role: 'caseworker', country: 'IT', organisationId: org.id });
  return { org, target, actors: { self: target.token } };
}

type Fx = Awaited<ReturnType<typeof fixture>>;

const everyoneElse = (status: number) =>
  Object.fromEntries(OTHER_ROLES.map((r) => [`${r}@IT`, status]));

authorizationMatrix<Fx>('users', {
  fixture,
  endpoints: {
    list: () => ({ method: 'get', path: '/api/v1/users' }),
    read: (fx) => ({ method: 'get', path: `/api/v1/users/${fx.target.user.id}` }),
    update: (fx) => ({
      method: 'patch',
      path: `/api/v1/users/${fx.target.user.id}`,
      body: { displayName: 'New name' },
    }),
    disable: (fx) => ({ method: 'post', path: `/api/v1/users/${fx.target.user.id}/disable` }),
    enable: (fx) => ({ method: 'post', path: `/api/v1/users/${fx.target.user.id}/enable` }),
    create: (fx) => ({
      method: 'post',
      path: '/api/v1/users',
      body: {
        email: `new.${Date.now()}@example.org`,
        displayName: 'New',
        role: 'caseworker',
        organisationId: fx.org.id,
        password: 'a long initial password',
      },
    }),
  },
  expect: {
    list: {
      anonymous: 401,
      'admin@IT': 200,
      'admin@TN': 200,
      'family@IT': 200,
      ...everyoneElse(200),
    },
    read: {
      anonymous: 401,
      self: 200,
      'admin@IT': 200,
      'admin@TN': 404,
      'family@IT': 404,
      ...everyoneElse(404),
    },
    update: {
      anonymous: 401,
      self: 200,
      'admin@IT': 200,
      'admin@TN': 404,
      'family@IT': 404,
      ...everyoneElse(404),
    },
    disable: { anonymous: 401, self: 403, 'admin@IT': 200, 'admin@TN': 404, ...everyoneElse(404) },
    enable: { anonymous: 401, 'admin@IT': 200, 'admin@TN': 404, ...everyoneElse(404) },
    create: {
      anonymous: 401,
      'admin@IT': 201,
      'admin@TN': 400,
      'family@IT': 403,
      ...everyoneElse(403),
    },
  },
});

authorizationMatrix<Fx>('organisations', {
  fixture,
  endpoints: {
    list: () => ({ method: 'get', path: '/api/v1/organisations' }),
    read: (fx) => ({ method: 'get', path: `/api/v1/organisations/${fx.org.id}` }),
    update: (fx) => ({
      method: 'patch',
      path: `/api/v1/organisations/${fx.org.id}`,
      body: { name: `Renamed ${Date.now()}` },
    }),
    create: () => ({
      method: 'post',
      path: '/api/v1/organisations',
      body: { name: `New org ${Date.now()}`, kind: 'consulate', country: 'IT' },
    }),
  },
  expect: {
    list: { anonymous: 401, 'admin@IT': 200, 'family@IT': 200, ...everyoneElse(200) },
    read: {
      anonymous: 401,
      'admin@IT': 200,
      'admin@TN': 404,
      'family@IT': 404,
      ...everyoneElse(200),
      'caseworker@TN': 404,
    },
    update: {
      anonymous: 401,
      'admin@IT': 200,
      'admin@TN': 404,
      'family@IT': 404,
      ...everyoneElse(403),
    },
    create: {
      anonymous: 401,
      'admin@IT': 201,
      'admin@TN': 403,
      'family@IT': 403,
      ...everyoneElse(403),
    },
  },
});

authorizationMatrix<Fx>('audit', {
  fixture,
  endpoints: {
    events: () => ({ method: 'get', path: '/api/v1/audit/events' }),
    verify: () => ({ method: 'get', path: '/api/v1/audit/verify' }),
  },
  expect: {
    events: {
      anonymous: 401,
      'auditor@IT': 200,
      'auditor@TN': 200,
      'admin@IT': 403,
      'family@IT': 403,
      'caseworker@IT': 403,
      'forensic@IT': 403,
      'contact_point@IT': 403,
      'analyst@IT': 403,
    },
    verify: {
      anonymous: 401,
      'auditor@IT': 200,
      'admin@IT': 403,
      'family@IT': 403,
      'caseworker@IT': 403,
      'analyst@IT': 403,
    },
  },
});
