// Mocha root hooks: one database per run, emptied before each test.
import { inParallelWorker, prepareTest, startTestNode, stopTestNode } from './node.js';
import { closePool } from './pglite-pool.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    // Starting the node (WebAssembly compile, initdb, migrations) can take long on a busy machine:
    // a slow start must not fail the whole run.
    this.timeout(600_000);
    await startTestNode();
  },
  async beforeEach(this: Mocha.Context) {
    // A reset is quick, but a busy machine must not fail the run here either.
    this.timeout(300_000);
    // Empty data tables, except for an authorization-matrix cell reusing its row's fixture.
    await prepareTest(this.currentTest);
  },
  async afterAll() {
    // Under --parallel, root hooks run once per file: a worker keeps its node for its next file
    // (a new one costs a database start-up and the migrations) and drops it when it exits.
    if (inParallelWorker) {
      return;
    }
    await closePool();
    await stopTestNode();
  },
};
