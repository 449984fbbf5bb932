import { loadConfig, type AppConfig } from './config/index.js';
import { migrate, openDatabase, type Database } from './platform/db/index.js';
import { configureLogger } from './platform/logger.js';
import { createServices, type Services } from './container.js';
import { rebuildNameIndex } from './features/reports/index.js';

/** Loads config, opens and migrates the database and wires the services (server, CLI, scripts). */
export async function bootstrap(env: NodeJS.ProcessEnv = process.env): Promise<{
  config: AppConfig;
  db: Database;
  services: Services;
}> {
  const config = loadConfig(env);
  configureLogger({ level: config.env.LOG_LEVEL });
  const db = await openDatabase(config.env);
  await migrate(db);
  // Name keys built by an older normaliser are rebuilt before the first search.
  await rebuildNameIndex(db);
  const services = createServices(db, config);
  // Publish a signing key from the first start, so the JWKS is never empty.
  await services.keys.activeSigner();
  return { config, db, services };
}
