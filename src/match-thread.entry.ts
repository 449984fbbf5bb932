// The match worker's thread (src/match-thread.ts, ADR 0138): opens its own small PostgreSQL pool,
// wires the node's services on it and runs the match worker there — claiming jobs, matching each
// in its own transaction with its audit event, retrying failures — exactly as on the web thread,
// but off its event loop. Answers rounds and stops from the parent with an error code, never a message.
import { parentPort, workerData } from 'node:worker_threads';
import type { AppConfig } from './config/index.js';
import { createServices } from './container.js';
import { openPostgres } from './platform/db/index.js';
import { configureLogger, getLogger } from './platform/logger.js';
import type { FromThread, ToThread } from './match-thread.js';

const { config } = workerData as { config: AppConfig };
const port = parentPort!;
configureLogger({ level: config.env.LOG_LEVEL });
const log = getLogger('jobs');
// Claims, the job's transaction and a failure's reschedule: three connections are enough.
const db = await openPostgres(config.env.DATABASE_URL!, 3);
const { matching } = createServices(db, config);

const send = (m: FromThread) => port.postMessage(m);
/** A code for an error that never carries personal data (no message). */
function codeOf(err: unknown): string {
  const e = (err ?? {}) as { code?: unknown; name?: unknown };
  return typeof e.code === 'string' ? e.code : typeof e.name === 'string' ? e.name : 'unknown';
}

port.on('message', (m: ToThread) => {
  if (m.op === 'start') {
    matching.worker.start();
  } else if (m.op === 'round') {
    matching.worker.runOnce().then(
      (result) => send({ op: 'done', id: m.id, result }),
      (err: unknown) => send({ op: 'error', id: m.id, code: codeOf(err) }),
    );
  } else if (m.op === 'stop') {
    matching.worker
      .stop()
      .then(() => db.close())
      .catch((err: unknown) => log.error('match thread stop failed', { code: codeOf(err) }))
      .finally(() => {
        send({ op: 'done', id: m.id });
        port.close();
      });
  }
});
send({ op: 'ready' });
