// Mocha root hooks: one database per run, emptied before each test.
import { prepareTest, startTestNode, stopTestNode } from './node.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    // Starting the node (WebAssembly compile, initdb, migrations) can take long on a busy machine:
    // a slow start must not fail the whole run.
    this.timeout(600_000);
    await startTestNode();
  },
  async beforeEach(this: Mocha.Context) {
    // Empty data tables, except for an authorization-matrix cell reusing its row's fixture.
    await prepareTest(this.currentTest);
  },
  async afterAll() {
    await stopTestNode();
  },
};
