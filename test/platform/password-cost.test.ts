import { hash } from '@node-rs/argon2';
import { expect } from 'chai';
import {
  hashPassword,
  useTestPasswordCost,
  verifyPassword,
} from '../../src/platform/crypto/index.js';

// ADR 0123: the suite hashes at a low argon2 cost; nothing else may select it.
describe('platform: the test suite’s password cost', () => {
  it('is refused outside NODE_ENV=test, so a service never weakens its hashes', () => {
    for (const NODE_ENV of ['production', 'development']) {
      expect(() => useTestPasswordCost({ NODE_ENV })).to.throw(/test suite only/);
    }
  });

  it('still hashes with argon2id, and hashes at the production cost still verify', async () => {
    const cheap = await hashPassword('correct horse battery staple');
    expect(cheap).to.match(/^\$argon2id\$v=19\$m=1024,t=1,p=1\$/);
    expect(await verifyPassword(cheap, 'correct horse battery staple')).to.equal(true);
    expect(await verifyPassword(cheap, 'wrong horse battery staple')).to.equal(false);
    const full = await hash('correct horse battery staple', {
      algorithm: 2,
      memoryCost: 19456,
      timeCost: 2,
      parallelism: 1,
    });
    expect(full).to.match(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(await verifyPassword(full, 'correct horse battery staple')).to.equal(true);
    expect(await verifyPassword(full, 'wrong horse battery staple')).to.equal(false);
  });
});
