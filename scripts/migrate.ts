// npm run db:migrate — applies pending migrations to the configured database and exits. Run it
// as the tables' owner; with APP_DATABASE_ROLE set it then (re)grants the restricted role the
// service runs as (ADR 0105), so new tables get their grants too.
import { loadConfig } from '../src/config/index.js';
import { grantAppRole, migrate, openDatabase } from '../src/platform/db/index.js';

const config = loadConfig();
const db = await openDatabase(config.env);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  const role = config.env.APP_DATABASE_ROLE;
  if (role) {
    await grantAppRole(db, role);
    console.log(`grants of the restricted role ${role} refreshed`);
  }
} finally {
  await db.close();
}
