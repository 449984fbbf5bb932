import { authorizationMatrix } from '../authz-matrix.js';
import { MATRIX_AGREEMENT, linkageFixture } from './linkage.matrix.fixture.js';

const agreement = `/api/v1/linkage/agreements/${MATRIX_AGREEMENT}`;
const unit = `/api/v1/linkage/unit/agreements/${MATRIX_AGREEMENT}`;

// A member's agreement is its country's: its caseworkers and contact points read it, see and
// review its pairs; its administrator reads it but reviews nothing; another country, a forensic
// practitioner or a family sees nothing (404). The unit's agreement is its operator's
// administrators' only. Compare (bilateral) on a unit-mode agreement passes authorization and
// is then refused (409).
authorizationMatrix('linkage', {
  fixture: linkageFixture,
  endpoints: {
    get: () => ({ method: 'get', path: agreement }),
    pairs: () => ({ method: 'get', path: `${agreement}/pairs` }),
    review: (fx) => ({
      method: 'post',
      path: `${agreement}/pairs/${fx.frPairId}/review`,
      body: { decision: 'exclude', note: 'different dates of birth' },
    }),
    compare: () => ({ method: 'post', path: `${agreement}/compare`, body: {} }),
    unitStatus: () => ({ method: 'get', path: unit }),
    unitCompare: () => ({ method: 'post', path: `${unit}/compare`, body: {} }),
  },
  expect: {
    get: {
      anonymous: 401,
      fr: 200,
      'contact_point@FR': 200,
      frAdmin: 200,
      'forensic@FR': 404,
      'family@FR': 404,
      'caseworker@DE': 404,
      unitAdmin: 404,
    },
    pairs: {
      anonymous: 401,
      fr: 200,
      'contact_point@FR': 200,
      'forensic@FR': 404,
      'caseworker@DE': 404,
      unitAdmin: 404,
    },
    review: {
      anonymous: 401,
      'forensic@FR': 404,
      'caseworker@DE': 404,
      // TN is the other member: FR's pair is not its own.
      tn: 404,
      frAdmin: 403,
      'contact_point@FR': 200,
      fr: 200,
    },
    compare: {
      anonymous: 401,
      'forensic@FR': 404,
      'caseworker@DE': 404,
      frAdmin: 403,
      fr: 409,
    },
    unitStatus: {
      anonymous: 401,
      unitAdmin: 200,
      'admin@IT': 200,
      'caseworker@IT': 404,
      frAdmin: 404,
      fr: 404,
    },
    unitCompare: {
      anonymous: 401,
      'caseworker@IT': 404,
      frAdmin: 404,
      fr: 404,
      unitAdmin: 200,
    },
  },
});
