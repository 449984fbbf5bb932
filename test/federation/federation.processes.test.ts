import { expect } from 'chai';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  call,
  demoNodes,
  federate,
  login,
  prepareNode,
  startServer,
  waitHealthy,
  type DemoNode,
} from '../../scripts/federation/nodes.js';
import { seedStory } from '../../scripts/federation/story.js';

/** A free port on 127.0.0.1. */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as { port: number };
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

async function candidates(n: DemoNode, token: string) {
  return (await call(n, 'GET', '/api/v1/federation/candidates', token)).body.items ?? [];
}

describe('federation: two nodes as separate processes over loopback HTTP', function () {
  // A busy machine must not fail it: the timeout only catches a hang.
  this.timeout(900_000);
  const root = mkdtempSync(join(tmpdir(), 'ariadne-federation-'));
  const children: ChildProcess[] = [];
  let tn: DemoNode;
  let itNode: DemoNode;

  before(async () => {
    [tn, itNode] = demoNodes(root, { tn: await freePort(), it: await freePort() });
    await prepareNode(tn);
    await prepareNode(itNode);
    for (const n of [tn, itNode]) {
      children.push(startServer(n, { LOG_LEVEL: 'error' }));
    }
    await Promise.all([waitHealthy(tn, 600_000), waitHealthy(itNode, 600_000)]);
  });

  after(async () => {
    for (const c of children) {
      if (c.exitCode === null) {
        const exited = new Promise((r) => c.once('exit', r));
        c.kill('SIGTERM');
        await exited;
      }
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('the TN report and the IT remains meet as a pseudonymous candidate on both nodes', async () => {
    await federate(tn, itNode);
    await seedStory(tn, itNode);
    const tnForensic = await login(tn, 'forensic');
    const itForensic = await login(itNode, 'forensic');
    // The dispatchers and match workers of both processes run on their own timers.
    const until = Date.now() + 600_000;
    let atTn: Record<string, unknown>[] = [];
    let atIt: Record<string, unknown>[] = [];
    while (Date.now() < until && (atTn.length === 0 || atIt.length === 0)) {
      await new Promise((r) => setTimeout(r, 1000));
      atTn = await candidates(tn, tnForensic);
      atIt = await candidates(itNode, itForensic);
    }
    expect(atTn).to.have.length(1);
    expect(atIt).to.have.length(1);
    const [t, i] = [atTn[0]!, atIt[0]!] as {
      local: { ref: string };
      counterpart: { ref: string; node: string };
    }[];
    expect(t!.counterpart.ref).to.equal(i!.local.ref);
    expect(i!.counterpart.ref).to.equal(t!.local.ref);
    expect(i!.counterpart.node).to.equal('urn:ariadne:node:tn');
    expect(JSON.stringify(atIt)).not.to.match(/Ben Ali|محمد|Fatma/);
  });
});
