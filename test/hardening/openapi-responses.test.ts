import { expect } from 'chai';
import { call } from '../http.js';

// Issue 15 item 20: every route in the OpenAPI document declares its success response: a JSON
// schema, the media type of the file it sends (PDF, CSV, XML, image), or 204 No Content.
type Operation = { responses: Record<string, { content?: Record<string, unknown> }> };

describe('hardening: response schemas in the OpenAPI document', () => {
  it('declares a success response for every route', async () => {
    const doc = (await call('get', '/openapi.json')).body as {
      paths: Record<string, Record<string, Operation>>;
    };
    const all: string[] = [];
    const without: string[] = [];
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const key = `${method.toUpperCase()} ${path}`;
        all.push(key);
        const [status, success] = Object.entries(op.responses).find(([s]) => s !== 'default') ?? [];
        if (status !== '204' && !success?.content) {
          without.push(key);
        }
      }
    }
    if (process.env.PRINT_WITHOUT) {
      console.log(JSON.stringify(without));
    }
    console.log(`    ${all.length} routes, ${all.length - without.length} declare a response`);
    expect(without, 'routes without a declared response').to.deep.equal([]);
    // Every file-sending route declares its media type.
    for (const key of [
      'GET /api/v1/remains/{id}/documents/custody-certificate',
      'GET /api/v1/reports/{id}/pfif',
      'GET /api/v1/files/{id}/content',
      'GET /api/v1/burial-register',
    ]) {
      expect(without, key).to.not.include(key);
    }
  });
});
