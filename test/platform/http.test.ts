import { expect } from 'chai';
import { api } from '../http.js';
import { testNode } from '../node.js';

describe('platform', () => {
  it('GET /health answers ok with the database kind', async () => {
    const res = await api.get('/health');
    expect(res.status).to.equal(200);
    expect(res.body.status).to.equal('ok');
    expect(res.body.database).to.equal(testNode().db.kind);
    expect(res.headers['x-request-id']).to.be.a('string');
  });

  it('echoes a well-formed X-Request-Id and replaces a malformed one', async () => {
    const good = await api.get('/health').set('X-Request-Id', 'abc-12345678');
    expect(good.headers['x-request-id']).to.equal('abc-12345678');
    const bad = await api.get('/health').set('X-Request-Id', 'bad id with spaces');
    expect(bad.headers['x-request-id']).to.not.equal('bad id with spaces');
  });

  it('serves an OpenAPI 3.1 document listing the API paths', async () => {
    const res = await api.get('/openapi.json');
    expect(res.status).to.equal(200);
    expect(res.body.openapi).to.equal('3.1.0');
    expect(res.body.paths).to.have.property('/api/v1/auth/login');
    expect(res.body.paths).to.have.property('/api/v1/users/{id}');
    expect(res.body.paths['/api/v1/auth/login'].post.requestBody).to.be.an('object');
  });

  it('answers unknown paths with a 404 in the error shape', async () => {
    const res = await api.get('/api/v1/nothing-here');
    expect(res.status).to.equal(404);
    expect(res.body).to.deep.equal({ error: { code: 'NOT_FOUND', message: 'No such endpoint' } });
  });

  it('refuses malformed JSON with 400 INVALID_JSON and no stack trace', async () => {
    const res = await api
      .post('/api/v1/auth/login')
      .set('Content-Type', 'application/json')
      .send('{"email": ');
    expect(res.status).to.equal(400);
    expect(res.body.error.code).to.equal('INVALID_JSON');
    expect(JSON.stringify(res.body)).to.not.match(/at .*\.ts/);
  });

  it('refuses a body over the size limit with 413', async () => {
    const res = await api.post('/api/v1/auth/login', {
      email: 'a@b.cd',
      password: 'x'.repeat(2_000_000),
    });
    expect(res.status).to.equal(413);
    expect(res.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
  });

  it('sets security headers (helmet)', async () => {
    const res = await api.get('/health');
    expect(res.headers['x-content-type-options']).to.equal('nosniff');
    expect(res.headers).to.not.have.property('x-powered-by');
  });

  it('refuses a NUL character in any text field with 400 naming it', async () => {
    const res = await api.post('/api/v1/auth/login', {
      email: 'a@b.example',
      password: 'x\u0000y',
    });
    expect(res.status).to.equal(400);
    expect(res.body.error.details.fields[0]).to.deep.equal({
      field: 'body.password',
      message: 'must not contain a NUL character',
    });
  });
});
