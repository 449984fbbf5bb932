// Mocha root hooks: one database per run, emptied before each test.
import { resetData, startTestNode, stopTestNode } from './node.js';

export const mochaHooks = {
  async beforeAll(this: Mocha.Context) {
    this.timeout(60_000);
    await startTestNode();
  },
  async beforeEach() {
    await resetData();
  },
  async afterAll() {
    await stopTestNode();
  },
};
