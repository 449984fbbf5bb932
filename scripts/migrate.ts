// npm run db:migrate — applies pending migrations to the configured database and exits.
import { loadConfig } from '../src/config/index.js';
import { migrate, openDatabase } from '../src/platform/db/index.js';

const config = loadConfig();
const db = await openDatabase(config.env);
try {
  const applied = await migrate(db);
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
} finally {
  await db.close();
}
