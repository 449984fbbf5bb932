import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { UPLOAD_LIMITS } from '../../src/features/media/index.js';
import { buildUser } from '../factories.js';
import { api, call } from '../http.js';
import { testNode } from '../node.js';
import {
  checkerboardPng,
  gpsTaggedJpeg,
  installFakeOwners,
  pixelFloodPng,
} from '../media.factories.js';

type Owners = ReturnType<typeof installFakeOwners>;

function upload(
  path: string,
  token: string,
  files: { data: Buffer; name: string; type?: string }[],
) {
  let req = call('post', path, token);
  for (const f of files) {
    req = req.attach('files', f.data, { filename: f.name, contentType: f.type ?? 'image/jpeg' });
  }
  return req;
}

function binary(path: string, token: string) {
  return call('get', path, token)
    .buffer(true)
    .parse((res, done) => {
      const parts: Buffer[] = [];
      res.on('data', (c: Buffer) => parts.push(c));
      res.on('end', () => done(null, Buffer.concat(parts)));
    });
}

function stored(key: string): string {
  return join(testNode().config.env.DATA_DIR, 'files', key);
}

describe('media: image pipeline', () => {
  let owners: Owners;
  before(() => {
    owners = installFakeOwners();
  });
  after(() => owners.restore());

  it('strips EXIF and GPS from derived images and applies the orientation', async () => {
    const { token } = await buildUser({ role: 'caseworker', country: 'IT' });
    const reportId = owners.owner('report');
    const input = await gpsTaggedJpeg();
    const inputMeta = await sharp(input).metadata();
    expect(inputMeta.exif, 'the test image really carries EXIF').to.be.instanceOf(Buffer);
    expect(inputMeta.exif!.includes(Buffer.from('TestCam'))).to.equal(true);
    const gpsPointer = [Buffer.from([0x88, 0x25]), Buffer.from([0x25, 0x88])];
    expect(
      gpsPointer.some((tag) => inputMeta.exif!.includes(tag)),
      'input has a GPS IFD',
    ).to.equal(true);

    const res = await upload(`/api/v1/reports/${reportId}/files`, token, [
      { data: input, name: 'holiday.jpg' },
    ]);
    expect(res.status, JSON.stringify(res.body)).to.equal(201);
    const file = res.body.items[0];
    expect(file).to.include({ kind: 'photo', mediaType: 'image/jpeg', sensitive: false });
    // The caseworker gets the stripped copies only; the original (with GPS) is forensic evidence.
    expect(file.variants).to.deep.equal(['medium', 'thumb']);
    // Stored 64×48 with orientation 6: shown (and derived) as 48×64.
    expect([file.width, file.height]).to.deep.equal([48, 64]);

    for (const variant of ['medium', 'thumb']) {
      const out = await binary(`/api/v1/files/${file.id}/content?variant=${variant}`, token);
      expect(out.status).to.equal(200);
      expect(out.headers['content-type']).to.equal('image/jpeg');
      const body = out.body as Buffer;
      const meta = await sharp(body).metadata();
      expect(meta.exif, `${variant} has no EXIF`).to.equal(undefined);
      expect(meta.xmp).to.equal(undefined);
      expect(meta.orientation ?? 1).to.equal(1);
      expect([meta.width, meta.height]).to.deep.equal([48, 64]);
      expect(body.includes(Buffer.from('Exif\0\0'))).to.equal(false);
      expect(body.includes(Buffer.from('TestCam'))).to.equal(false);
    }

    // The original is kept byte for byte as evidence, under its SHA-256.
    const forensic = await buildUser({ role: 'forensic', country: 'IT' });
    const original = await binary(
      `/api/v1/files/${file.id}/content?variant=original`,
      forensic.token,
    );
    expect(original.headers['content-disposition']).to.match(/^attachment/);
    expect(Buffer.compare(original.body as Buffer, input)).to.equal(0);
    expect(existsSync(stored(`originals/${file.sha256.slice(0, 2)}/${file.sha256}`))).to.equal(
      true,
    );
  });

  it('refuses a pixel-flood PNG with 413 quickly, and keeps serving', async () => {
    const { token } = await buildUser({ role: 'caseworker', country: 'IT' });
    const reportId = owners.owner('report');
    const res = await upload(`/api/v1/reports/${reportId}/files`, token, [
      { data: pixelFloodPng(), name: 'bomb.png', type: 'image/png' },
    ]);
    expect(res.status).to.equal(413);
    expect(res.body.error.code).to.equal('PAYLOAD_TOO_LARGE');
    expect(res.body.error.details).to.include({ reason: 'pixel_limit', pixels: 3_600_000_000 });
    const health = await api.get('/health');
    expect(health.status).to.equal(200);
    const list = await api.get(`/api/v1/reports/${reportId}/files`, token);
    expect(list.body.items).to.have.length(0);
  });

  it('refuses a text file renamed .jpg with 415, whatever the declared type', async () => {
    const { token } = await buildUser({ role: 'caseworker', country: 'IT' });
    const reportId = owners.owner('report');
    const res = await upload(`/api/v1/reports/${reportId}/files`, token, [
      { data: Buffer.from('Not a photo at all, just some text.\n'.repeat(20)), name: 'photo.jpg' },
    ]);
    expect(res.status).to.equal(415);
    expect(res.body.error.code).to.equal('UNSUPPORTED_MEDIA_TYPE');
    expect(res.body.error.details.detected).to.equal('unknown');
    expect((await api.get('/health')).status).to.equal(200);
  });

  it('refuses a truncated JPEG with 422 and stores nothing of the request', async () => {
    const { token } = await buildUser({ role: 'caseworker', country: 'IT' });
    const reportId = owners.owner('report');
    const good = await checkerboardPng();
    const broken = (await gpsTaggedJpeg()).subarray(0, 400);
    const res = await upload(`/api/v1/reports/${reportId}/files`, token, [
      { data: good, name: 'a.png', type: 'image/png' },
      { data: broken, name: 'b.jpg' },
    ]);
    expect(res.status, JSON.stringify(res.body)).to.equal(422);
    expect(res.body.error.code).to.equal('IMAGE_REJECTED');
    const list = await api.get(`/api/v1/reports/${reportId}/files`, token);
    expect(list.body.items).to.have.length(0);
  });

  it('enforces the upload limits and names unknown fields', async () => {
    const { token } = await buildUser({ role: 'caseworker', country: 'IT' });
    const reportId = owners.owner('report');
    const png = await checkerboardPng(16);
    const many = Array.from({ length: UPLOAD_LIMITS.files + 1 }, (_, i) => ({
      data: png,
      name: `p${i}.png`,
      type: 'image/png',
    }));
    const tooMany = await upload(`/api/v1/reports/${reportId}/files`, token, many);
    expect(tooMany.status).to.equal(413);
    expect(tooMany.body.error.details.reason).to.equal('LIMIT_FILE_COUNT');

    const bad = await upload(`/api/v1/reports/${reportId}/files`, token, [
      { data: png, name: 'p.png', type: 'image/png' },
    ]).field('colour', 'red');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.details.fields[0].field).to.equal('body');

    const none = await call('post', `/api/v1/reports/${reportId}/files`, token).field(
      'caption',
      'x',
    );
    expect(none.status).to.equal(400);
    expect(none.body.error.details.fields[0].field).to.equal('body.files');
  });
});
