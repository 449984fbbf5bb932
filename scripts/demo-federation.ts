// npm run demo:federation: Tunisia (127.0.0.1:3101) and Italy (127.0.0.1:3102) as two nodes
// with their own databases under ./var/federation/, peers of each other under an agreement,
// each seeded (a Tunisian family's report; remains recovered off Lampedusa). Ctrl-C stops both.
import type { ChildProcess } from 'node:child_process';
import { DEMO_PASSWORD } from './seed/demo-password.js';
import {
  call,
  demoAccount,
  demoNodes,
  federate,
  login,
  prepareNode,
  startServer,
  waitHealthy,
} from './federation/nodes.js';
import { seedStory } from './federation/story.js';

const [tn, it] = demoNodes(process.env.FEDERATION_DIR ?? 'var/federation');
const children: ChildProcess[] = [];

function stopAll(code: number): void {
  for (const c of children) {
    if (c.exitCode === null && c.pid) {
      c.kill('SIGTERM');
    }
  }
  setTimeout(() => process.exit(code), 500).unref();
}

process.on('SIGINT', () => stopAll(0));
process.on('SIGTERM', () => stopAll(0));

async function main(): Promise<void> {
  await prepareNode(tn);
  await prepareNode(it);
  for (const n of [tn, it]) {
    const child = startServer(n);
    child.on('exit', (code) => {
      console.error(`${n.name} stopped (${code})`);
      stopAll(code ?? 1);
    });
    children.push(child);
  }
  await Promise.all([waitHealthy(tn), waitHealthy(it)]);
  await federate(tn, it);
  await seedStory(tn, it);
  const ping = await call(tn, 'GET', '/.well-known/ariadne-node');
  console.log(`Tunisia: ${tn.url}  (node ${String(ping.body.nodeId)})`);
  console.log(`Italy:   ${it.url}`);
  for (const n of [tn, it]) {
    console.log(
      `  ${n.country} accounts: ${['admin', 'caseworker', 'forensic', 'contact_point']
        .map((r) => demoAccount(n, r))
        .join(', ')}`,
    );
  }
  console.log(`  password of every demo account: ${DEMO_PASSWORD}`);
  await login(tn, 'admin');
  console.log('federation demo ready (Ctrl-C stops both nodes)');
}

main().catch((err: unknown) => {
  console.error(err);
  stopAll(1);
});
