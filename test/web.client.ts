// A browser-like client for the server-rendered pages (family portal and staff console): keeps
// cookies and carries the CSRF token of the last page it read.
import request from 'supertest';
import { testNode } from './node.js';

/** A client that keeps cookies and the last page's CSRF token. */
export function webClient() {
  const agent = request.agent(testNode().app);
  let csrf = '';
  const keep = (res: request.Response) => {
    const m = /name="_csrf" value="([^"]+)"/.exec(res.text);
    if (m) {
      csrf = m[1]!;
    }
    return res;
  };
  return {
    agent,
    get csrf() {
      return csrf;
    },
    get: async (path: string) => keep(await agent.get(path)),
    post: async (path: string, form: Record<string, string | string[]>, token = csrf) =>
      keep(
        await agent
          .post(path)
          .type('form')
          .send({ _csrf: token, ...form }),
      ),
  };
}
