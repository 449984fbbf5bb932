import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { z } from 'zod';
import { envSchema, nodeSettingsSchema, type Env, type NodeSettings } from './config.schema.js';

export type { Env, NodeSettings } from './config.schema.js';
export { countryCode } from './config.schema.js';

/** The whole configuration of a running node, parsed once at start-up. */
export interface AppConfig {
  env: Env;
  node: NodeSettings;
}

/** Raised when the environment or config file is invalid; lists every problem. */
export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
  }
}

function describe(prefix: string, error: z.ZodError): string[] {
  return error.issues.map((i) => `${prefix}${i.path.join('.')}: ${i.message}`);
}

/** Parses environment variables and the node settings file; throws ConfigError listing all problems. */
export function loadConfig(
  rawEnv: NodeJS.ProcessEnv = process.env,
  overrides: Partial<NodeSettings> = {},
): AppConfig {
  const problems: string[] = [];
  const env = envSchema.safeParse(rawEnv);
  if (!env.success) {
    problems.push(...describe('env ', env.error));
  }
  const file = resolve(env.success ? env.data.CONFIG_FILE : 'config/node.json');
  let rawNode: unknown = {};
  try {
    rawNode = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    problems.push(`${file}: cannot be read as JSON (${(err as Error).message})`);
  }
  const node = nodeSettingsSchema.safeParse({ ...(rawNode as object), ...overrides });
  if (!node.success) {
    problems.push(...describe(`${file} `, node.error));
  }
  if (!env.success || !node.success || problems.length > 0) {
    throw new ConfigError(problems);
  }
  return Object.freeze({ env: Object.freeze(env.data), node: Object.freeze(node.data) });
}
