// Family accounts: registration that proves the address, verification, password reset (issue 15, items 1–3).
import type { AppConfig } from '../../config/index.js';
import type { Database, Queryable } from '../../platform/db/index.js';
import { dummyHash, hashPassword } from '../../platform/crypto/index.js';
import { AppError } from '../../platform/errors.js';
import { loadCatalog, translator } from '../../platform/web/index.js';
import { recordAudit } from '../audit/index.js';
import { queueAccountMail } from '../notifications/index.js';
import { findUser, findUserByEmail, type UsersService } from '../users/index.js';
import {
  clearAccountThrottle,
  consumeCode,
  expireCodes,
  insertCode,
  revokeUserSessions,
  setEmailVerified,
  setPasswordHash,
} from './auth.accounts.repository.js';
import type { RegisterInput } from './auth.schemas.js';

/** Folder of the auth feature's page and e-mail strings. */
export const AUTH_PAGE_LOCALES = new URL('./locales/', import.meta.url);

/** How long an e-mailed verification link works. */
const VERIFY_TTL_SECONDS = 3 * 24 * 3600;
/** How long a password-reset link works. */
const RESET_TTL_SECONDS = 3600;

/** The one answer to registration, password-reset and resend requests, whoever asks. */
export const ACCEPTED = { status: 'check_your_email' } as const;

/** What the flows need. */
export interface AccountDeps {
  db: Database;
  config: AppConfig;
  users: UsersService;
}

/** Registration with address verification, resending, and password reset by e-mail. */
export function createAccountFlows({ db, config, users }: AccountDeps) {
  const catalog = loadCatalog([AUTH_PAGE_LOCALES]);
  const base = config.env.PUBLIC_URL.replace(/\/$/, '');

  async function mail(
    q: Queryable,
    user: { id: string; preferredLanguage: string },
    kind: 'verify' | 'exists' | 'reset',
    link: string,
  ) {
    const lang = catalog.languages.includes(user.preferredLanguage) ? user.preferredLanguage : 'en';
    const t = translator(catalog, lang);
    await queueAccountMail(q, {
      recipientId: user.id,
      language: lang,
      inApp: t('mail.inApp'),
      subject: t(`mail.${kind}.subject`),
      body: t(`mail.${kind}.body`, { link }),
    });
  }

  async function sendVerification(q: Queryable, user: { id: string; preferredLanguage: string }) {
    await expireCodes(q, user.id, 'verify_email');
    const code = await insertCode(q, user.id, 'verify_email', VERIFY_TTL_SECONDS);
    await mail(q, user, 'verify', `${base}/verify?code=${code}`);
  }

  return {
    /**
     * A family member asks for an account. New and existing addresses get the same answer;
     * a new account starts unverified and gets a link, an existing owner is told by e-mail.
     */
    async register(input: RegisterInput): Promise<typeof ACCEPTED> {
      const existing = await findUserByEmail(db, input.email);
      // Hash first, outside the transaction, so both paths cost the same time.
      const hash = existing ? (await dummyHash(), null) : await hashPassword(input.password);
      await db.transaction(async (t) => {
        const again = existing ?? (await findUserByEmail(t, input.email));
        if (again) {
          await mail(t, again, 'exists', `${base}/login`);
          return;
        }
        const user = await users.createWithHashAsSystem(
          { ...input, role: 'family', organisationId: null },
          hash!,
          t,
        );
        await setEmailVerified(t, user.id, false);
        await sendVerification(t, user);
      });
      return ACCEPTED;
    },

    /** Sends a new verification link to an unverified account (same answer for any address). */
    async resendVerification(email: string): Promise<typeof ACCEPTED> {
      await db.transaction(async (t) => {
        const user = await findUserByEmail(t, email);
        const row = user
          ? await t.query<{ verified: boolean }>(
              'SELECT email_verified_at IS NOT NULL AS verified FROM users WHERE id = $1',
              [user.id],
            )
          : [];
        if (user && !user.disabledAt && row[0]?.verified === false) {
          await sendVerification(t, user);
        }
      });
      return ACCEPTED;
    },

    /** Proves the address with the e-mailed code; returns the user (their account may now act). */
    async verifyEmail(code: string, tx?: Queryable): Promise<{ userId: string }> {
      const work = async (t: Queryable) => {
        const userId = await consumeCode(t, code, 'verify_email');
        const user = userId ? await findUser(t, userId) : undefined;
        if (!user || user.disabledAt) {
          throw new AppError('TOKEN_INVALID', 'This link is not valid any more');
        }
        await setEmailVerified(t, user.id, true);
        await recordAudit(t, null, {
          action: 'verify_email',
          subjectType: 'User',
          subjectId: user.id,
          subjectCountry: user.country,
        });
        return { userId: user.id };
      };
      return tx ? work(tx) : db.transaction(work);
    },

    /** Sends a password-reset link when the address is an account (same answer for any address). */
    async requestPasswordReset(email: string): Promise<typeof ACCEPTED> {
      await db.transaction(async (t) => {
        const user = await findUserByEmail(t, email);
        if (user && !user.disabledAt) {
          await expireCodes(t, user.id, 'reset_password');
          const code = await insertCode(t, user.id, 'reset_password', RESET_TTL_SECONDS);
          await mail(t, user, 'reset', `${base}/reset?code=${code}`);
        }
      });
      return ACCEPTED;
    },

    /**
     * Sets a new password with an e-mailed code. It also proves the address, ends every session
     * and clears the login throttle: this is how the owner recovers an attacked account.
     */
    async resetPassword(code: string, password: string): Promise<{ userId: string }> {
      const hash = await hashPassword(password);
      return db.transaction(async (t) => {
        const userId = await consumeCode(t, code, 'reset_password');
        const user = userId ? await findUser(t, userId) : undefined;
        if (!user || user.disabledAt) {
          throw new AppError('TOKEN_INVALID', 'This link is not valid any more');
        }
        await setPasswordHash(t, user.id, hash);
        await setEmailVerified(t, user.id, true);
        await revokeUserSessions(t, user.id, 'password reset');
        await clearAccountThrottle(t, user.id);
        await recordAudit(t, null, {
          action: 'password_reset',
          subjectType: 'User',
          subjectId: user.id,
          subjectCountry: user.country,
        });
        return { userId: user.id };
      });
    },
  };
}
