// Sending e-mail: an interface the dispatcher uses, and its nodemailer (SMTP) implementation.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/** One e-mail to send. */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  /** A stable Message-ID (the outbox row id), so a duplicate would be recognisable. */
  messageId: string;
}

/** Something that sends e-mail; rejects when the server refuses or cannot be reached. */
export interface Mailer {
  send(mail: OutgoingMail): Promise<void>;
  close(): void;
}

/** A mailer over SMTP (nodemailer), from an `smtp://` or `smtps://` URL. */
export function createSmtpMailer(url: string, from: string): Mailer {
  // Loaded only when SMTP is configured (ADR 0129); the CommonJS build of the same package.
  const nodemailer = require('nodemailer') as typeof import('nodemailer');
  const transport = nodemailer.createTransport(url);
  return {
    async send(mail) {
      await transport.sendMail({
        from,
        to: mail.to,
        subject: mail.subject,
        text: mail.text,
        messageId: mail.messageId,
      });
    },
    close() {
      transport.close();
    },
  };
}

/** A failure described without personal data (SMTP replies may quote the address). */
export function describeFailure(err: unknown): string {
  const e = err as { responseCode?: number; code?: string };
  const parts = [e.code, e.responseCode ? `SMTP ${e.responseCode}` : undefined].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : 'delivery failed';
}
