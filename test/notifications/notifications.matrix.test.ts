import { authorizationMatrix } from '../authz-matrix.js';
import { buildUser } from '../factories.js';
import { api } from '../http.js';
import { fileReport, reportBody } from '../reports.factories.js';
import { designate } from '../contact-points.factories.js';

interface Fx {
  actors: Record<string, string>;
  cp: string;
  report: string;
  notification: string;
  invitation: string;
}

async function fixture(): Promise<Fx> {
  const cp = await designate({ nationalities: ['ER'] });
  const owner = await buildUser({ role: 'family', country: 'IT' });
  const invitee = await buildUser({ role: 'family', country: 'IT' });
  const cw = await buildUser({ role: 'caseworker', country: 'IT' });
  const report = await fileReport(cw.token, reportBody({ familyAccountId: owner.user.id }));
  const inbox = await api.get('/api/v1/notifications', owner.token);
  const inv = await api.post(
    `/api/v1/reports/${report.id}/followers`,
    { email: invitee.email, relationship: 'sister' },
    owner.token,
  );
  return {
    actors: { owner: owner.token, staff: cp.staff.token, invitee: invitee.token },
    cp: cp.id,
    report: report.id,
    notification: inbox.body.items[0].id as string,
    invitation: inv.body.id as string,
  };
}

authorizationMatrix<Fx>('contact points', {
  fixture,
  endpoints: {
    publicList: () => ({ method: 'get', path: '/api/v1/contact-points/public' }),
    list: () => ({ method: 'get', path: '/api/v1/contact-points' }),
    get: (fx) => ({ method: 'get', path: `/api/v1/contact-points/${fx.cp}` }),
    update: (fx) => ({
      method: 'patch',
      path: `/api/v1/contact-points/${fx.cp}`,
      body: { hours: '24/7' },
    }),
    route: () => ({ method: 'get', path: '/api/v1/contact-points/route?nationality=ER' }),
    assignment: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.report}/assignment` }),
    reassign: (fx) => ({
      method: 'put',
      path: `/api/v1/reports/${fx.report}/assignment`,
      body: { contactPointId: fx.cp, reason: 'check' },
    }),
  },
  expect: {
    publicList: { anonymous: 200, 'family@IT': 200 },
    list: { anonymous: 401, 'admin@IT': 200, 'family@IT': 200 },
    get: {
      anonymous: 401,
      'admin@IT': 200,
      'caseworker@IT': 200,
      staff: 200,
      'admin@FR': 404,
      'contact_point@IT': 404,
      'family@IT': 404,
      'auditor@IT': 404,
    },
    update: { anonymous: 401, 'admin@IT': 200, 'admin@FR': 404, 'caseworker@IT': 403, staff: 403 },
    route: {
      anonymous: 401,
      'admin@IT': 200,
      'caseworker@IT': 200,
      'family@IT': 403,
      'contact_point@IT': 403,
    },
    assignment: {
      anonymous: 401,
      owner: 200,
      staff: 200,
      'caseworker@IT': 200,
      'caseworker@FR': 404,
      'contact_point@IT': 404,
      'family@IT': 404,
      'admin@IT': 404,
      'forensic@IT': 404,
    },
    reassign: {
      anonymous: 401,
      'caseworker@IT': 200,
      staff: 200,
      owner: 403,
      'caseworker@FR': 404,
      'contact_point@IT': 404,
      'admin@IT': 404,
    },
  },
});

authorizationMatrix<Fx>('notifications, threads and co-followers', {
  fixture,
  endpoints: {
    inbox: () => ({ method: 'get', path: '/api/v1/notifications' }),
    preferences: () => ({ method: 'get', path: '/api/v1/notifications/preferences' }),
    setPreferences: () => ({
      method: 'put',
      path: '/api/v1/notifications/preferences',
      body: { email: false },
    }),
    read: (fx) => ({ method: 'post', path: `/api/v1/notifications/${fx.notification}/read` }),
    deliveries: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.report}/notifications` }),
    openDeathNotice: (fx) => ({
      method: 'post',
      path: `/api/v1/reports/${fx.report}/death-notice/open`,
    }),
    deathNotice: (fx) => ({
      method: 'post',
      path: `/api/v1/reports/${fx.report}/death-notice`,
      body: { method: 'phone' },
    }),
    thread: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.report}/messages` }),
    post: (fx) => ({
      method: 'post',
      path: `/api/v1/reports/${fx.report}/messages`,
      body: { body: 'Hello' },
    }),
    followers: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.report}/followers` }),
    invite: (fx) => ({
      method: 'post',
      path: `/api/v1/reports/${fx.report}/followers`,
      body: { email: 'uncle@test.example', relationship: 'uncle' },
    }),
    revoke: (fx) => ({
      method: 'delete',
      path: `/api/v1/reports/${fx.report}/followers/${fx.invitation}`,
    }),
    invitations: () => ({ method: 'get', path: '/api/v1/follower-invitations' }),
    accept: (fx) => ({
      method: 'post',
      path: `/api/v1/follower-invitations/${fx.invitation}/accept`,
    }),
    decline: (fx) => ({
      method: 'post',
      path: `/api/v1/follower-invitations/${fx.invitation}/decline`,
    }),
  },
  expect: {
    inbox: { anonymous: 401, owner: 200, 'admin@IT': 200 },
    preferences: { anonymous: 401, owner: 200 },
    setPreferences: { anonymous: 401, owner: 200 },
    read: { anonymous: 401, owner: 200, 'family@IT': 404, staff: 404 },
    deliveries: {
      anonymous: 401,
      staff: 200,
      'caseworker@IT': 200,
      owner: 403,
      'caseworker@FR': 404,
      'contact_point@IT': 404,
      'family@IT': 404,
      'admin@IT': 404,
    },
    openDeathNotice: {
      anonymous: 401,
      'caseworker@IT': 201,
      staff: 403,
      owner: 403,
      'caseworker@FR': 404,
      'contact_point@IT': 404,
      'family@IT': 404,
      'admin@IT': 404,
    },
    // No death is waiting to be told in the fixture: the assigned contact point gets 409.
    deathNotice: {
      anonymous: 401,
      staff: 409,
      owner: 403,
      'caseworker@IT': 403,
      'contact_point@IT': 404,
      'family@IT': 404,
    },
    thread: {
      anonymous: 401,
      owner: 200,
      staff: 200,
      'caseworker@IT': 403,
      'caseworker@FR': 404,
      'contact_point@IT': 404,
      'family@IT': 404,
      'admin@IT': 404,
      'analyst@IT': 404,
    },
    post: {
      anonymous: 401,
      owner: 201,
      staff: 201,
      'caseworker@IT': 403,
      'contact_point@IT': 404,
      'family@IT': 404,
    },
    followers: { anonymous: 401, owner: 200, staff: 403, 'caseworker@IT': 403, 'family@IT': 404 },
    invite: { anonymous: 401, owner: 201, staff: 403, 'family@IT': 404 },
    revoke: { anonymous: 401, owner: 200, staff: 403, 'family@IT': 404 },
    invitations: { anonymous: 401, invitee: 200 },
    accept: { anonymous: 401, invitee: 200, owner: 404, staff: 404, 'family@IT': 404 },
    decline: { anonymous: 401, invitee: 200, 'family@IT': 404 },
  },
});
