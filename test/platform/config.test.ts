import { expect } from 'chai';
import { ConfigError, loadConfig } from '../../src/config/index.js';

describe('config', () => {
  it('has defaults that serve a local node', () => {
    const config = loadConfig({});
    expect(config.env.PORT).to.equal(3000);
    expect(config.env.DATA_DIR).to.equal('./var');
    expect(config.env.DATABASE_URL).to.equal(undefined);
    expect(config.node.country).to.match(/^[A-Z]{2}$/);
    expect(Object.isFrozen(config.env)).to.equal(true);
  });

  it('lists every problem at once', () => {
    let error: ConfigError | undefined;
    try {
      loadConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://x',
        NODE_ENV: 'production',
        LOG_LEVEL: 'loud',
      });
    } catch (err) {
      error = err as ConfigError;
    }
    expect(error).to.be.instanceOf(ConfigError);
    const text = error!.problems.join('\n');
    expect(text).to.include('PORT').and.include('DATABASE_URL').and.include('LOG_LEVEL');
    expect(error!.problems.length).to.be.at.least(3);
  });

  it('refuses the development secret in production', () => {
    expect(() => loadConfig({ NODE_ENV: 'production' })).to.throw(ConfigError, /ARIADNE_SECRET/);
    expect(
      loadConfig({ NODE_ENV: 'production', ARIADNE_SECRET: 'x'.repeat(40) }).env.NODE_ENV,
    ).to.equal('production');
  });

  it('validates the node settings file', () => {
    expect(() => loadConfig({}, { country: 'Italy' })).to.throw(ConfigError, /country/);
    expect(() => loadConfig({ CONFIG_FILE: 'does/not/exist.json' })).to.throw(
      ConfigError,
      /cannot be read/,
    );
  });
});
