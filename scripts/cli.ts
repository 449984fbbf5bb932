// npm run cli -- <command> [--options]: administration from the shell (users, organisations, keys).
import { parseArgs } from 'node:util';
import { randomBytes } from 'node:crypto';
import { bootstrap } from '../src/bootstrap.js';
import { ROLES, type Role } from '../src/platform/authz/index.js';
import { ORGANISATION_KINDS } from '../src/features/organisations/index.js';
import { findUserByEmail } from '../src/features/users/index.js';

const USAGE = `usage: npm run cli -- <command> [options]
  orgs:create   --name NAME --kind ${ORGANISATION_KINDS.join('|')} --country CC
  orgs:list
  users:create  --email E --name NAME --role ${ROLES.join('|')} --country CC [--org ORG_ID] [--password P] [--language en]
                (roles that must use MFA get a TOTP seed printed once)
  users:disable --email E
  users:enable  --email E
  keys:rotate   (new signing key; tokens signed by the old one stay valid until they expire)
  retention:apply  (purge reports closed longer than config retention.closedReportsYears, with their files,
                    and records other states disclosed, after retention.receivedDisclosuresDays)
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
    case 'retention:apply': {
      const result = await services.reports.applyRetention(new Date());
      console.log(
        `retention: ${result.purged} closed reports purged (closed before ${result.closedBefore})`,
      );
      const disclosures = await services.federation.disclosures.purgeExpired(new Date());
      console.log(`retention: ${disclosures} disclosed records from other states purged`);
      return;
    }
    case 'federation:purge-disclosures': {
      const purged = await services.federation.disclosures.purgeExpired(new Date());
      console.log(
        `federation: ${purged} disclosed records purged (retention ${services.config.node.retention.receivedDisclosuresDays} days)`,
      );
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
