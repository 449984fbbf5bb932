import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { buildUser, type TestUser } from './factories.js';
import { api } from './http.js';
import { fileReport, reportBody } from './reports.factories.js';
import { designate, type ContactPointFixture } from './contact-points.factories.js';

/** A mail the local SMTP server accepted, decoded. */
export interface ReceivedMail {
  to: string[];
  subject: string;
  text: string;
  messageId: string;
}

/** A local SMTP server (smtp-server) that refuses the first `failFirst` messages with 451. */
export async function startSmtp(failFirst = 0) {
  const received: ReceivedMail[] = [];
  let attempts = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        attempts += 1;
        if (attempts <= failFirst) {
          const err = Object.assign(new Error('Try again later'), { responseCode: 451 });
          callback(err);
          return;
        }
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({ ...decode(raw), to: session.envelope.rcptTo.map((r) => r.address) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    attempts: () => attempts,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

function decodeWords(s: string): string {
  return s.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : qp(data.replace(/_/g, ' ')),
  );
}

function qp(s: string): string {
  const bytes: number[] = [];
  const text = s.replace(/=\r?\n/g, '');
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '=' && /^[0-9A-F]{2}$/i.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(text[i]!, 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

function decode(raw: string): Omit<ReceivedMail, 'to'> {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const headers = head.replace(/\r?\n[ \t]+/g, ' ');
  const header = (name: string) =>
    new RegExp(`^${name}:\\s*(.*)$`, 'im').exec(headers)?.[1]?.trim() ?? '';
  const body = rest.join('\n\n');
  const cte = header('Content-Transfer-Encoding').toLowerCase();
  const text =
    cte === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : cte === 'quoted-printable'
        ? qp(body)
        : body;
  return { subject: decodeWords(header('Subject')), text, messageId: header('Message-ID') };
}

/** A report filed by a caseworker for a family account, routed to a designated contact point. */
export interface FamilyCase {
  family: TestUser;
  caseworker: TestUser;
  cp: ContactPointFixture;
  reportId: string;
  caseNumber: string;
}

/** Files a report for a family (of a language) and assigns it to a fresh contact point. */
export async function familyCase(language = 'en', country = 'IT'): Promise<FamilyCase> {
  const family = await buildUser({ role: 'family', country, preferredLanguage: language });
  const caseworker = await buildUser({ role: 'caseworker', country });
  const cp = await designate({ country, nationalities: ['ER'], languages: [language] });
  const report = await fileReport(
    caseworker.token,
    reportBody({ familyAccountId: family.user.id }),
  );
  const res = await api.put(
    `/api/v1/reports/${report.id}/assignment`,
    { contactPointId: cp.id, reason: 'test' },
    caseworker.token,
  );
  if (res.status !== 200) {
    throw new Error(`familyCase: ${res.status} ${JSON.stringify(res.body)}`);
  }
  return { family, caseworker, cp, reportId: report.id, caseNumber: report.caseNumber };
}

/** Changes a report's status through the API (the family is notified in the same transaction). */
export async function changeStatus(
  c: FamilyCase,
  status: string,
  messageToFamily?: string,
): Promise<void> {
  const res = await api.post(
    `/api/v1/reports/${c.reportId}/status`,
    { status, reason: 'test step', ...(messageToFamily ? { messageToFamily } : {}) },
    c.caseworker.token,
  );
  if (res.status !== 200) {
    throw new Error(`changeStatus: ${res.status} ${JSON.stringify(res.body)}`);
  }
}
