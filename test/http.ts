import request from 'supertest';
import { testNode } from './node.js';

type Method = 'get' | 'post' | 'patch' | 'put' | 'delete';

/** A supertest request against the shared app, optionally with a bearer token. */
export function call(method: Method, path: string, token?: string) {
  const req = request(testNode().app)[method](path);
  return token ? req.set('Authorization', `Bearer ${token}`) : req;
}

/** Shorthands for the common verbs. */
export const api = {
  get: (path: string, token?: string) => call('get', path, token),
  post: (path: string, body: object = {}, token?: string) => call('post', path, token).send(body),
  patch: (path: string, body: object, token?: string) => call('patch', path, token).send(body),
  put: (path: string, body: object, token?: string) => call('put', path, token).send(body),
  delete: (path: string, token?: string) => call('delete', path, token),
};
