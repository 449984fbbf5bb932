// npm run cli -- <command> [--options]: administration from the shell (users, organisations, keys).
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
// Only what the usage needs is imported up front: `--help` and a wrong option answer without
// loading the application (about 3 s of CPU); the rest is imported once a command runs.
import { ROLES, type Role } from '../src/platform/authz/roles.js';
import { ORGANISATION_KINDS } from '../src/features/organisations/organisations.kinds.js';

const USAGE = `usage: npm run cli -- <command> [options]
  orgs:create   --name NAME --kind ${ORGANISATION_KINDS.join('|')} --country CC
  orgs:list
  users:create  --email E --name NAME --role ${ROLES.join('|')} --country CC [--org ORG_ID] [--password P] [--language en]
                (roles that must use MFA get a TOTP seed printed once)
  users:disable --email E
  users:enable  --email E
  keys:rotate   (new signing key; tokens signed by the old one stay valid until they expire)
  processing:print  (the record of processing activities, as docs/processing-activities.md)
  db:app-role   --role NAME [--password P]  (PostgreSQL, run as the tables' owner: create or
                re-grant the role the service runs as, which owns no tables; prints its DATABASE_URL)
  audit:checkpoint  (sign the audit and custody chain heads into AUDIT_CHECKPOINT_FILE)
  retention:apply [--dry-run]  (every retention category of config/node.json, legal holds respected;
                   --dry-run lists what would go and changes nothing; records other states
                   disclosed are purged after retention.disclosuresReceivedDays)
  federation:purge-disclosures  (only the disclosed records whose retention ended)`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

function parse() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        help: { type: 'boolean', short: 'h' },
        name: { type: 'string' },
        kind: { type: 'string' },
        country: { type: 'string' },
        email: { type: 'string' },
        role: { type: 'string' },
        org: { type: 'string' },
        password: { type: 'string' },
        language: { type: 'string' },
        'dry-run': { type: 'boolean' },
      },
    });
  } catch (err) {
    // An unknown option or a missing value: say which, with the usage, not a stack trace.
    return fail((err as Error).message);
  }
}

const { positionals, values } = parse();
if (values.help || positionals[0] === 'help') {
  console.log(USAGE);
  process.exit(0);
}

const command = positionals[0] ?? fail('no command given');
const [
  { bootstrap },
  { findUserByEmail },
  { renderProcessingActivities },
  { AppRoleError, appRoleUrl, grantAppRole },
] = await Promise.all([
  import('../src/bootstrap.js'),
  import('../src/features/users/index.js'),
  import('../src/features/data-protection/index.js'),
  import('../src/platform/db/index.js'),
]);
const { db, services, config } = await bootstrap({
  ...process.env,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
});

async function run(): Promise<void> {
  switch (command) {
    case 'orgs:create': {
      const kind = values.kind as (typeof ORGANISATION_KINDS)[number];
      if (
        !values.name ||
        !ORGANISATION_KINDS.includes(kind) ||
        !/^[A-Z]{2}$/.test(values.country ?? '')
      ) {
        fail('orgs:create needs --name, --kind and --country (ISO 3166-1 alpha-2)');
      }
      const org = await services.organisations.create(null, {
        name: values.name,
        kind,
        country: values.country!,
      });
      console.log(`organisation ${org.id} created (${org.kind}, ${org.country})`);
      return;
    }
    case 'orgs:list': {
      const rows = await db.query<{ id: string; name: string; kind: string; country: string }>(
        'SELECT id, name, kind, country FROM organisations ORDER BY country, name',
      );
      rows.forEach((o) => console.log(`${o.id}  ${o.country}  ${o.kind.padEnd(18)}  ${o.name}`));
      return;
    }
    case 'users:create': {
      const role = values.role as Role;
      if (
        !values.email ||
        !values.name ||
        !ROLES.includes(role) ||
        !/^[A-Z]{2}$/.test(values.country ?? '')
      ) {
        fail('users:create needs --email, --name, --role and --country');
      }
      if (role !== 'family' && !values.org) {
        fail('professionals need --org (see orgs:list)');
      }
      const password = values.password ?? randomBytes(12).toString('base64url');
      if (password.length < 12) {
        fail('--password must have at least 12 characters');
      }
      const user = await services.users.createAsSystem({
        email: values.email.toLowerCase(),
        displayName: values.name,
        role,
        country: values.country!,
        organisationId: role === 'family' ? null : values.org!,
        password,
        preferredLanguage: values.language ?? 'en',
      });
      console.log(`user ${user.id} created (${role}, ${user.country})`);
      if (!values.password) {
        console.log(`initial password (shown once): ${password}`);
      }
      if (config.node.mfaRequiredRoles.includes(role)) {
        const seed = await services.auth.enrolTotpAsSystem(user.id);
        console.log(`TOTP seed (shown once): ${seed.secret}\n${seed.uri}`);
      }
      return;
    }
    case 'users:disable':
    case 'users:enable': {
      const user = values.email ? await findUserByEmail(db, values.email) : undefined;
      if (!user) {
        fail('no user with that --email');
      }
      const disabled = command === 'users:disable';
      await services.users.setDisabledAsSystem(user.id, disabled);
      console.log(`user ${user.id} ${disabled ? 'disabled; sessions ended' : 'enabled'}`);
      return;
    }
    case 'keys:rotate': {
      const kid = await services.keys.rotate();
      console.log(
        `new signing key ${kid} is active; the previous key still verifies for its grace period`,
      );
      return;
    }
    case 'processing:print': {
      process.stdout.write(renderProcessingActivities(config));
      return;
    }
    case 'db:app-role': {
      if (!values.role || !config.env.DATABASE_URL) {
        fail('db:app-role needs --role and a PostgreSQL DATABASE_URL (the owner’s)');
      }
      try {
        const { created } = await grantAppRole(db, values.role, values.password);
        console.log(`role ${values.role} ${created ? 'created' : 'updated'}; it owns no tables`);
        console.log(
          `run the service with DATABASE_URL=${appRoleUrl(config.env.DATABASE_URL, values.role)}` +
            `${values.password ? ' (with the password in the URL)' : ''}` +
            ` and db:migrate with APP_DATABASE_ROLE=${values.role}`,
        );
      } catch (err) {
        if (err instanceof AppRoleError) {
          fail(err.message);
        }
        throw err;
      }
      return;
    }
    case 'audit:checkpoint': {
      const cp = await services.audit.checkpoint();
      console.log(
        cp
          ? `checkpoint at audit position ${cp.position}, ${cp.custody?.length ?? 0} custody heads moved, in ${config.env.AUDIT_CHECKPOINT_FILE}`
          : 'nothing to checkpoint yet',
      );
      return;
    }
    case 'federation:purge-disclosures': {
      const purged = await services.federation.disclosures.purgeExpired(new Date());
      console.log(
        `federation: ${purged} disclosed records purged (retention ${services.config.node.retention.disclosuresReceivedDays} days)`,
      );
      return;
    }
    case 'retention:apply': {
      const result = await services.dataProtection.retention.apply(new Date(), {
        dryRun: Boolean(values['dry-run']),
      });
      for (const c of result.categories) {
        console.log(
          `${result.dryRun ? 'would ' : ''}${c.action} ${c.category}: ${c.due} due, ${c.held} held (${c.period})`,
        );
        for (const ref of c.refs.slice(0, 50)) {
          console.log(`  ${ref}`);
        }
      }
      return;
    }
    default:
      fail(`unknown command ${command}`);
  }
}

try {
  await run();
} finally {
  await db.close();
}
