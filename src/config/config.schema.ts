import { join } from 'node:path';
import countries from 'i18n-iso-countries';
import { z } from 'zod';
import { ROLES } from '../platform/authz/roles.js';
import { isTimeZone } from '../platform/vocabulary/local-time.js';

/** ISO 3166-1 alpha-2 country code (upper case), one that exists (not ZZ). */
export const countryCode = z
  .string()
  .regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code')
  .refine((c) => countries.isValid(c), 'must be an assigned ISO 3166-1 alpha-2 code');

/** The node's static settings, read from config/node.json. */
export const nodeSettingsSchema = z.object({
  /** Country this node serves. */
  country: countryCode,
  /** Jurisdictions (countries) this node hosts for the transnational channel; default: `country`. */
  jurisdictions: z.array(countryCode).min(1).optional(),
  /** Human-readable node name. */
  name: z.string().min(1),
  /** IANA time zone of the node's calendar (case-number years, "not in the future"); default UTC. */
  timeZone: z
    .string()
    .refine(isTimeZone, 'must be an IANA time zone such as Africa/Tunis')
    .default('UTC'),
  /** `iss` of every token this node signs. */
  issuer: z.string().min(1),
  /** Roles that must log in with a TOTP second factor. */
  mfaRequiredRoles: z.array(z.enum(ROLES)),
  /** Retention periods applied by purge jobs. */
  retention: z.object({
    /** Closed reports, whatever their outcome (unless reportsByOutcomeYears says otherwise). */
    closedReportsYears: z.number().int().positive(),
    /** Closed reports by the outcome they closed on: located_alive, identified_deceased, none. */
    reportsByOutcomeYears: z
      .object({
        located_alive: z.number().int().positive().optional(),
        identified_deceased: z.number().int().positive().optional(),
        none: z.number().int().positive().optional(),
      })
      .default({}),
    /** Identified remains are reduced to the legal minimum this long after their last status. */
    identifiedRemainsYears: z.number().int().positive(),
    /** Per status (identified, handed_over, repatriated); defaults to identifiedRemainsYears. */
    remainsByStatusYears: z
      .object({
        identified: z.number().int().positive().optional(),
        handed_over: z.number().int().positive().optional(),
        repatriated: z.number().int().positive().optional(),
      })
      .default({}),
    /** Audit events are pruned behind an anchor after this long (ADR 0141). */
    auditEventsYears: z.number().int().positive(),
    /** Ended sessions (expired or revoked) and their refresh tokens. */
    sessionsDays: z.number().int().positive(),
    /** In-app notifications (with their e-mail outbox rows). */
    notificationsDays: z.number().int().positive().default(730),
    /** Delivered or failed outbox rows (e-mail and transnational channel). */
    outboxDays: z.number().int().positive().default(90),
    /** Records disclosed to this node by other states (the sealed record is erased; ADR 0084). */
    disclosuresReceivedDays: z.number().int().positive().default(90),
    /** Minutes between runs of the retention job in the service; 0 turns it off. */
    intervalMinutes: z.number().int().min(0).default(0),
  }),
  /** Token lifetimes and login lock-out. */
  security: z.object({
    accessTokenTtlSeconds: z.number().int().min(30).max(900),
    refreshTokenTtlSeconds: z.number().int().positive(),
    maxFailedLogins: z.number().int().positive(),
    lockoutMinutes: z.number().int().positive(),
    retiredKeyGraceSeconds: z.number().int().positive(),
    /** Minutes without a page request after which a staff web session ends (ADR 0150). */
    staffIdleMinutes: z.number().int().min(1).max(720).default(30),
  }),
  /** Disclosure control of published statistics (ADR 0110). */
  statistics: z
    .object({
      /** Smallest count analysts see; smaller non-zero counts are suppressed. */
      threshold: z.number().int().min(2).default(5),
      /** Smallest count the public page and public exports show (at least `threshold`). */
      publicThreshold: z.number().int().min(2).default(10),
      /** Privacy parameter of the noise added to public figures; null publishes exact figures. */
      publicNoiseEpsilon: z.number().positive().max(10).nullable().default(null),
    })
    .default({ threshold: 5, publicThreshold: 10, publicNoiseEpsilon: null }),
});

const DEV_SECRET = 'development-only-secret-do-not-use-in-production';

/** Environment variables the service reads. */
export const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    /** HTTP port. */
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    /** Interface to bind. */
    HOST: z.string().default('127.0.0.1'),
    /** Folder for the embedded database and files. */
    DATA_DIR: z.string().default('./var'),
    /** PostgreSQL server URL; when absent the embedded PGlite database is used. */
    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    /**
     * Restricted role the service runs as (ADR 0105): `npm run db:migrate`, run by the owner,
     * re-grants it after migrating.
     */
    APP_DATABASE_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/)
      .optional(),
    /** Path of the node's static settings. */
    CONFIG_FILE: z.string().default('config/node.json'),
    /** Secret that encrypts private keys and TOTP seeds at rest (32+ characters). */
    ARIADNE_SECRET: z.string().min(32).default(DEV_SECRET),
    LOG_LEVEL: z.enum(['error', 'warn', 'info', 'http', 'debug', 'silent']).default('info'),
    /** Login attempts allowed per client address per minute. */
    LOGIN_RATE_LIMIT: z.coerce.number().int().positive().default(20),
    /** Token refreshes allowed per client address per minute (a budget of their own). */
    REFRESH_RATE_LIMIT: z.coerce.number().int().positive().default(120),
    /** Registration, verification and password-reset requests per client address per minute. */
    ACCOUNT_RATE_LIMIT: z.coerce.number().int().positive().default(10),
    /**
     * Public base URL of this node (used in links, PFIF ids and the OpenAPI document); when
     * absent, http://HOST:PORT (127.0.0.1 for a wildcard HOST).
     */
    PUBLIC_URL: z.url().optional(),
    /** File of signed audit and custody checkpoints (default DATA_DIR/checkpoints/audit.jsonl). */
    AUDIT_CHECKPOINT_FILE: z.string().min(1).optional(),
    /** Minutes between checkpoints the server writes (0: none; `npm run cli -- audit:checkpoint`). */
    AUDIT_CHECKPOINT_MINUTES: z.coerce.number().min(0).max(10_080).default(60),
    /** SMTP server for e-mail notifications (smtp:// or smtps://); when absent, e-mail is disabled and families are notified in the app only. */
    SMTP_URL: z.url({ protocol: /^smtps?$/ }).optional(),
    /** Sender address of notification e-mails. */
    SMTP_FROM: z.string().min(3).default('Ariadne <no-reply@ariadne.invalid>'),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === 'production' && env.ARIADNE_SECRET === DEV_SECRET) {
      ctx.addIssue({
        code: 'custom',
        path: ['ARIADNE_SECRET'],
        message: 'must be set to a private value in production',
      });
    }
  })
  .transform((env) => ({
    ...env,
    PUBLIC_URL: env.PUBLIC_URL ?? defaultPublicUrl(env.HOST, env.PORT),
    AUDIT_CHECKPOINT_FILE:
      env.AUDIT_CHECKPOINT_FILE ?? join(env.DATA_DIR, 'checkpoints', 'audit.jsonl'),
  }));

/** http://HOST:PORT, with a loopback address for a wildcard HOST. */
function defaultPublicUrl(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

/** Parsed environment. */
export type Env = z.infer<typeof envSchema>;
/** Parsed node settings. */
export type NodeSettings = z.infer<typeof nodeSettingsSchema>;
