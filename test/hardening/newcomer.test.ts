import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'chai';

// Issue 15 item 20 (newcomer problems): a taken port and `cli --help`.
const TSX = join(process.cwd(), 'node_modules', '.bin', 'tsx');

describe('hardening: newcomer problems', function () {
  this.timeout(600_000);

  it('exits non-zero, without claiming to listen, when the port is taken', async () => {
    const blocker: Server = createServer();
    // A port the system picks: a fixed one may be in use by another run on the machine.
    await new Promise<void>((r) => blocker.listen(0, '127.0.0.1', r));
    const { port } = blocker.address() as AddressInfo;
    const dataDir = mkdtempSync(join(tmpdir(), 'ariadne-port-'));
    try {
      const env: NodeJS.ProcessEnv = {
        ...process.env,
        NODE_ENV: 'development',
        PORT: String(port),
        HOST: '127.0.0.1',
        DATA_DIR: dataDir,
        LOG_LEVEL: 'info',
      };
      delete env.DATABASE_URL;
      const run = spawnSync(TSX, ['src/server.ts'], {
        env,
        encoding: 'utf8',
        timeout: 580_000,
      });
      expect(run.status, run.stdout + run.stderr).to.equal(1);
      expect(run.stdout + run.stderr).to.contain(`cannot listen on 127.0.0.1:${port}`);
      expect(run.stdout).to.not.match(/"message":"listening"/);
    } finally {
      blocker.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });

  it('prints the usage for `cli --help` and names an unknown option without a stack trace', () => {
    const help = spawnSync(TSX, ['scripts/cli.ts', '--help'], { encoding: 'utf8' });
    expect(help.status).to.equal(0);
    expect(help.stdout).to.contain('usage: npm run cli');
    const bad = spawnSync(TSX, ['scripts/cli.ts', '--bogus'], { encoding: 'utf8' });
    expect(bad.status).to.equal(2);
    expect(bad.stderr).to.contain("Unknown option '--bogus'");
    expect(bad.stderr).to.not.contain('    at ');
  });
});
