import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'chai';
import sharp from 'sharp';
import { buildUser } from '../factories.js';
import { api, call } from '../http.js';
import { testNode } from '../node.js';
import { authorizationMatrix } from '../authz-matrix.js';
import { checkerboardPng } from '../media.factories.js';
import { familyCase } from '../notifications.factories.js';
import { buildForensic, createRemains } from '../remains.factories.js';
import { fileReport, reportUser } from '../reports.factories.js';

// Real owners (issue 15 item 19): files hang on reports filed and remains registered through
// the API, so each cell follows the reports and remains features' own rules (jurisdiction,
// assigned contact point, the family's consent), not a stand-in.
async function reportOf(token: string): Promise<string> {
  return (await fileReport(token)).id;
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

async function detail(image: Buffer): Promise<number> {
  const stats = await sharp(image).stats();
  return stats.channels[0]!.stdev;
}

async function uploadPhoto(path: string, token: string, data: Buffer, caption?: string) {
  let req = call('post', path, token).attach('files', data, {
    filename: 'p.png',
    contentType: 'image/png',
  });
  if (caption) {
    req = req.field('caption', caption);
  }
  const res = await req;
  expect(res.status, JSON.stringify(res.body)).to.equal(201);
  return res.body.items[0] as { id: string; sha256: string; variants: string[] };
}

describe('media: access to post-mortem photos', () => {
  it('gives a caseworker only a strongly blurred preview until a forensic user marks it', async () => {
    const forensic = await buildForensic('IT');
    const caseworker = await buildUser({ role: 'caseworker', country: 'IT' });
    const remainsId = (await createRemains(forensic.token)).id;
    const png = await checkerboardPng();
    const file = await uploadPhoto(
      `/api/v1/remains/${remainsId}/files`,
      forensic.token,
      png,
      'jacket found with the remains',
    );
    expect(file.variants).to.deep.equal(['medium', 'thumb', 'preview', 'original']);

    const seen = await api.get(`/api/v1/remains/${remainsId}/files`, caseworker.token);
    expect(seen.status).to.equal(200);
    const item = seen.body.items[0];
    expect(item).to.include({ id: file.id, sensitive: true, suitableToShow: false });
    expect(item.variants).to.deep.equal(['preview']);
    expect(item).not.to.have.property('caption');

    const preview = await binary(`/api/v1/files/${file.id}/content`, caseworker.token);
    expect(preview.status).to.equal(200);
    expect(preview.headers['x-ariadne-variant']).to.equal('preview');
    const clear = await binary(`/api/v1/files/${file.id}/content?variant=thumb`, forensic.token);
    // The checkerboard's contrast is gone from the preview.
    expect(await detail(clear.body as Buffer)).to.be.greaterThan(100);
    expect(await detail(preview.body as Buffer)).to.be.lessThan(20);

    for (const variant of ['medium', 'thumb', 'original']) {
      const refused = await api.get(
        `/api/v1/files/${file.id}/content?variant=${variant}`,
        caseworker.token,
      );
      expect(refused.status, variant).to.equal(403);
    }

    const refusedMark = await api.patch(
      `/api/v1/files/${file.id}`,
      { suitableToShow: true },
      caseworker.token,
    );
    expect(refusedMark.status).to.equal(403);
    const marked = await api.patch(
      `/api/v1/files/${file.id}`,
      { suitableToShow: true },
      forensic.token,
    );
    expect(marked.status).to.equal(200);
    expect(marked.body.suitableToShow).to.equal(true);

    const after = await binary(`/api/v1/files/${file.id}/content`, caseworker.token);
    expect(after.headers['x-ariadne-variant']).to.equal('medium');
    // The original stays forensic-only evidence.
    const original = await api.get(
      `/api/v1/files/${file.id}/content?variant=original`,
      caseworker.token,
    );
    expect(original.status).to.equal(403);
  });

  it('answers 404 to another country, and audits reads', async () => {
    const caseworker = await reportUser('caseworker', 'IT');
    const other = await buildUser({ role: 'caseworker', country: 'GR' });
    const reportId = await reportOf(caseworker.token);
    const file = await uploadPhoto(
      `/api/v1/reports/${reportId}/files`,
      caseworker.token,
      await checkerboardPng(32),
    );
    for (const path of [`/api/v1/files/${file.id}`, `/api/v1/files/${file.id}/content`]) {
      const res = await api.get(path, other.token);
      expect(res.status, path).to.equal(404);
      expect(res.body.error.code).to.equal('NOT_FOUND');
    }
    expect((await api.get(`/api/v1/reports/${reportId}/files`, other.token)).status).to.equal(404);
    await binary(`/api/v1/files/${file.id}/content`, caseworker.token);
    const events = await testNode().db.query<{ action: string; fields: string[] }>(
      `SELECT action, fields FROM audit_events WHERE subject_type = 'MediaFile' AND subject_id = $1
       ORDER BY seq`,
      [file.id],
    );
    expect(events.map((e) => e.action)).to.deep.equal(['create', 'read']);
  });

  it('deletes stored bytes with the record, keeping an original another record still uses', async () => {
    const { token } = await reportUser('caseworker', 'IT');
    const reportId = await reportOf(token);
    const png = await checkerboardPng(48);
    const first = await uploadPhoto(`/api/v1/reports/${reportId}/files`, token, png);
    const second = await uploadPhoto(`/api/v1/reports/${reportId}/files`, token, png);
    expect(second.sha256).to.equal(first.sha256);
    const root = join(testNode().config.env.DATA_DIR, 'files');
    const original = join(root, 'originals', first.sha256.slice(0, 2), first.sha256);
    const firstThumb = join(root, 'derived', first.id.slice(0, 2), first.id, 'thumb.jpg');
    expect(existsSync(firstThumb)).to.equal(true);

    expect((await api.delete(`/api/v1/files/${first.id}`, token)).status).to.equal(204);
    expect(existsSync(firstThumb)).to.equal(false);
    expect(existsSync(original), 'still used by the second record').to.equal(true);
    expect((await api.get(`/api/v1/files/${first.id}`, token)).status).to.equal(404);

    expect((await api.delete(`/api/v1/files/${second.id}`, token)).status).to.equal(204);
    expect(existsSync(original)).to.equal(false);
  });
});

// Who may do what with a report's photo (a family photo: not sensitive).
const EXPECT_REPORT = {
  list: {
    anonymous: 401,
    author: 200,
    'caseworker@IT': 200,
    assignedCp: 200,
    'contact_point@IT': 404,
    family: 200,
    'family@IT': 404,
    'caseworker@GR': 404,
    'admin@IT': 404,
    'analyst@IT': 404,
  },
  get: {
    anonymous: 401,
    author: 200,
    assignedCp: 200,
    'contact_point@IT': 404,
    family: 404,
    'family@IT': 404,
    'forensic@IT': 200,
    'caseworker@GR': 404,
    'auditor@IT': 404,
  },
  content: {
    anonymous: 401,
    author: 200,
    assignedCp: 200,
    'contact_point@IT': 404,
    family: 404,
    'family@IT': 404,
    'forensic@GR': 404,
    'analyst@IT': 404,
  },
  upload: {
    anonymous: 401,
    // Allowed: refused only for the missing multipart body.
    author: 415,
    assignedCp: 403,
    'contact_point@IT': 404,
    family: 403,
    'family@IT': 404,
    'caseworker@GR': 404,
  },
  delete: {
    anonymous: 401,
    assignedCp: 403,
    'contact_point@IT': 404,
    family: 404,
    'family@IT': 404,
    'caseworker@GR': 404,
    author: 204,
  },
};

// A post-mortem photo of remains: sensitive, the original is forensic evidence.
const EXPECT_REMAINS = {
  list: {
    anonymous: 401,
    author: 200,
    'forensic@IT': 200,
    'caseworker@IT': 200,
    'contact_point@IT': 404,
    'family@IT': 404,
    'forensic@GR': 404,
  },
  preview: {
    anonymous: 401,
    author: 200,
    'caseworker@IT': 200,
    'contact_point@IT': 404,
    'family@IT': 404,
    'caseworker@GR': 404,
  },
  original: {
    anonymous: 401,
    author: 200,
    'forensic@IT': 200,
    'caseworker@IT': 403,
    'contact_point@IT': 404,
    'forensic@GR': 404,
  },
  mark: {
    anonymous: 401,
    'caseworker@IT': 403,
    'contact_point@IT': 404,
    'forensic@GR': 404,
    author: 200,
  },
};

describe('media: authorization (real reports, remains and contact points)', () => {
  authorizationMatrix('files of a report', {
    fixture: async () => {
      // A report filed by an IT caseworker for a family, with its contact point assigned.
      const c = await familyCase('en', 'IT');
      // The family allowed its photos to be shown (a contact point sees a report's files only
      // then: data protection, ADR 0140; the refusal is tested in test/data-protection).
      await testNode().db.query(
        `UPDATE reports SET consent_photo = true,
           consent = consent || jsonb_build_object('photoPublication', consent->'domesticSearch')
         WHERE id = $1`,
        [c.reportId],
      );
      const file = await uploadPhoto(
        `/api/v1/reports/${c.reportId}/files`,
        c.caseworker.token,
        await checkerboardPng(16),
      );
      return {
        actors: {
          author: c.caseworker.token,
          assignedCp: c.cp.staff.token,
          family: c.family.token,
        },
        reportId: c.reportId,
        fileId: file.id,
      };
    },
    endpoints: {
      list: (fx) => ({ method: 'get', path: `/api/v1/reports/${fx.reportId}/files` }),
      get: (fx) => ({ method: 'get', path: `/api/v1/files/${fx.fileId}` }),
      content: (fx) => ({
        method: 'get',
        path: `/api/v1/files/${fx.fileId}/content?variant=thumb`,
      }),
      upload: (fx) => ({ method: 'post', path: `/api/v1/reports/${fx.reportId}/files` }),
      delete: (fx) => ({ method: 'delete', path: `/api/v1/files/${fx.fileId}` }),
    },
    expect: EXPECT_REPORT,
  });

  authorizationMatrix('files of remains', {
    fixture: async () => {
      const forensic = await buildForensic('IT');
      const remainsId = (await createRemains(forensic.token)).id;
      const file = await uploadPhoto(
        `/api/v1/remains/${remainsId}/files`,
        forensic.token,
        await checkerboardPng(16),
      );
      return { actors: { author: forensic.token }, remainsId, fileId: file.id };
    },
    endpoints: {
      list: (fx) => ({ method: 'get', path: `/api/v1/remains/${fx.remainsId}/files` }),
      preview: (fx) => ({ method: 'get', path: `/api/v1/files/${fx.fileId}/content` }),
      original: (fx) => ({
        method: 'get',
        path: `/api/v1/files/${fx.fileId}/content?variant=original`,
      }),
      mark: (fx) => ({
        method: 'patch',
        path: `/api/v1/files/${fx.fileId}`,
        body: { suitableToShow: true },
      }),
    },
    expect: EXPECT_REMAINS,
  });
});
