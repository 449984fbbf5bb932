import { defineRoute, pageOf } from '../../platform/http/index.js';
import { presentUser } from './users.presenter.js';
import {
  createUserBody,
  listUsersQuery,
  updateUserBody,
  userIdParams,
  userSchema,
} from './users.schemas.js';
import type { UsersService } from './users.service.js';

/** Routes of /api/v1/users. */
export function usersRoutes(users: UsersService) {
  return [
    defineRoute({
      method: 'get',
      path: '/api/v1/users',
      summary: 'List users (administrators: their country)',
      tag: 'users',
      auth: 'user',
      query: listUsersQuery,
      response: pageOf(userSchema, 'UserPage'),
      handler: async ({ actor, query }) => {
        const page = await users.list(actor, query);
        return { ...page, items: page.items.map(presentUser) };
      },
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users',
      summary: 'Create a professional user (administrators)',
      tag: 'users',
      auth: 'user',
      body: createUserBody,
      status: 201,
      response: userSchema,
      handler: async ({ actor, body }) => presentUser(await users.create(actor, body)),
    }),
    defineRoute({
      method: 'get',
      path: '/api/v1/users/:id',
      summary: 'Read a user',
      tag: 'users',
      auth: 'user',
      params: userIdParams,
      response: userSchema,
      handler: async ({ actor, params }) => presentUser(await users.get(actor, params.id)),
    }),
    defineRoute({
      method: 'patch',
      path: '/api/v1/users/:id',
      summary: 'Update a user (fields depend on the caller’s role)',
      tag: 'users',
      auth: 'user',
      params: userIdParams,
      body: updateUserBody,
      response: userSchema,
      handler: async ({ actor, params, body }) =>
        presentUser(await users.update(actor, params.id, body)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users/:id/disable',
      summary: 'Disable a user and end their sessions at once (administrators)',
      tag: 'users',
      auth: 'user',
      params: userIdParams,
      response: userSchema,
      handler: async ({ actor, params }) =>
        presentUser(await users.setDisabled(actor, params.id, true)),
    }),
    defineRoute({
      method: 'post',
      path: '/api/v1/users/:id/enable',
      summary: 'Re-enable a user (administrators)',
      tag: 'users',
      auth: 'user',
      params: userIdParams,
      response: userSchema,
      handler: async ({ actor, params }) =>
        presentUser(await users.setDisabled(actor, params.id, false)),
    }),
  ];
}
