import { expect } from 'chai';
import Transport from 'winston-transport';
import { configureLogger, getLogger, redact } from '../../src/platform/logger.js';

class Memory extends Transport {
  lines: Record<string, unknown>[] = [];
  override log(info: Record<string, unknown>, next: () => void) {
    this.lines.push(info);
    next();
  }
}

describe('logger', () => {
  after(() => configureLogger({ level: 'silent' }));

  it('redacts tokens, passwords and personal fields at any depth', () => {
    const out = redact({
      requestId: 'r1',
      body: {
        email: 'a@b.c',
        password: 'secret',
        nested: { refreshToken: 't', displayName: 'Amina' },
      },
      headers: { authorization: 'Bearer x' },
      count: 3,
    }) as Record<string, Record<string, unknown>>;
    expect(out.body!.email).to.equal('[redacted]');
    expect(out.body!.password).to.equal('[redacted]');
    expect((out.body!.nested as Record<string, unknown>).refreshToken).to.equal('[redacted]');
    expect((out.body!.nested as Record<string, unknown>).displayName).to.equal('[redacted]');
    expect(out.headers!.authorization).to.equal('[redacted]');
    expect((out as Record<string, unknown>).count).to.equal(3);
  });

  it('writes JSON lines with a category and no personal values', () => {
    const memory = new Memory();
    configureLogger({ level: 'info', transport: memory });
    getLogger('auth').info('login', {
      requestId: 'req-1',
      email: 'amina@example.org',
      user: { name: 'Amina' },
    });
    const line = JSON.stringify(memory.lines[0]);
    expect(line).to.include('"category":"auth"').and.include('req-1');
    expect(line).to.not.include('amina@example.org').and.not.include('Amina"');
  });
});
