import { bootstrap } from './bootstrap.js';
import { buildApp } from './app.js';
import { ConfigError } from './config/index.js';
import { getLogger } from './platform/logger.js';
import { keepConnections } from './platform/http/index.js';
import { startMatchWorker } from './match-thread.js';

const log = getLogger('app');

/** Starts the HTTP server and shuts it down cleanly on SIGINT/SIGTERM. */
async function main(): Promise<void> {
  // Start-up phases in ms since the process started (ADR 0129): modules loaded, database open and
  // migrations checked, app built, listening.
  const phases: Record<string, number> = { modules: Math.round(performance.now()) };
  const { config, db, services } = await bootstrap();
  phases.database = Math.round(performance.now());
  const app = buildApp(services);
  phases.app = Math.round(performance.now());
  const server = app.listen(config.env.PORT, config.env.HOST, (err?: Error) => {
    if (err) {
      // Port taken or not permitted: say so and exit non-zero instead of "listening".
      log.error('could not listen', { port: config.env.PORT, host: config.env.HOST, err });
      console.error(`cannot listen on ${config.env.HOST}:${config.env.PORT}: ${err.message}`);
      process.exit(1);
    }
    phases.listening = Math.round(performance.now());
    log.info('listening', {
      url: `http://${config.env.HOST}:${config.env.PORT}`,
      startupMs: phases,
      database: db.kind,
      node: config.node.name,
    });
  });
  keepConnections(server);
  // The e-mail outbox dispatcher (absent when SMTP_URL is not set: notifications stay in-app).
  const dispatcher = services.notifications.dispatcher();
  dispatcher?.start();
  // The match worker: claims match jobs; on PostgreSQL in its own thread and pool, so compiling
  // the other side never stalls requests (ADR 0138). Its timer never holds the process.
  const matchWorker = startMatchWorker(services, config);
  // The transnational channel's dispatcher: signs and sends outbox messages with back-off.
  services.federation.channel.start();
  // Records other states disclosed are purged once their retention ended (hourly; ADR 0084).
  const purge = setInterval(() => {
    services.federation.disclosures
      .purgeExpired()
      .catch((err: unknown) => log.error('disclosure purge failed', { err }));
  }, 3_600_000);
  purge.unref();
  // The audit sealer: chains the events requests recorded (ADR 0120).
  services.audit.sealer.start();
  // Signed checkpoints of the audit and custody heads, in a file outside the database (ADR 0104).
  services.audit.checkpointer.start();
  // Record linkage: delivers queued encodings and withdrawals to the linkage unit (ADR 0130).
  services.linkageMember.dispatcher.start();
  // Retention per category with legal holds, every retention.intervalMinutes (ADR 0142).
  services.dataProtection.scheduler.start();
  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    clearInterval(purge);
    log.info('shutting down', { signal });
    server.close(() => {
      Promise.all([
        dispatcher?.stop(),
        matchWorker.stop(),
        services.federation.channel.stop(),
        services.linkageMember.dispatcher.stop(),
        services.dataProtection.scheduler.stop(),
        services.audit.checkpointer.stop(),
      ])
        .then(() => services.audit.sealer.stop())
        .then(() => db.close())
        .then(
          () => process.exit(0),
          () => process.exit(1),
        );
    });
    setTimeout(() => process.exit(1), 10_000).unref();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((err: unknown) => {
  if (err instanceof ConfigError) {
    console.error(err.message);
  } else {
    log.error('failed to start', { err });
    console.error(err);
  }
  process.exit(1);
});
