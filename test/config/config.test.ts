import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

const base = { SECRET: 'x'.repeat(40) };

describe('configuration', () => {
  it('has defaults that work locally', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podium-config-'));
    const config = loadConfig({ DATA_DIR: dir }, { readDotEnv: false });
    expect(config.host).toBe('127.0.0.1');
    expect(config.port).toBe(3000);
    expect(config.databaseUrl).toBe(`sqlite:${path.join(dir, 'podium.db')}`);
    expect(config.siteUrl).toBe('http://127.0.0.1:3000');
    expect(config.locale).toBe('nl');
    expect(config.demo).toBe(true);
    expect(config.trustProxy).toBe(false);
    expect(config.secure).toBe(false);
  });

  it('generates a secret once and keeps it in DATA_DIR', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'podium-config-'));
    const first = loadConfig({ DATA_DIR: dir }, { readDotEnv: false });
    const second = loadConfig({ DATA_DIR: dir }, { readDotEnv: false });
    expect(first.secret.length).toBeGreaterThanOrEqual(40);
    expect(second.secret).toBe(first.secret);
    expect(readFileSync(path.join(dir, 'secret'), 'utf8').trim()).toBe(first.secret);
  });

  it('names every wrong value with a clear message', () => {
    try {
      loadConfig(
        {
          ...base,
          PORT: 'abc',
          SITE_LOCALE: 'de',
          SITE_URL: 'not a url',
          DEMO: 'maybe',
          DATABASE_URL: 'mysql://x',
        },
        { readDotEnv: false },
      );
      expect.unreachable('loadConfig should have thrown');
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      const message = (error as Error).message;
      expect(message).toContain('PORT: must be a number');
      expect(message).toContain('SITE_LOCALE: must be nl or en');
      expect(message).toContain('SITE_URL');
      expect(message).toContain('DEMO: must be one of');
      expect(message).toContain('DATABASE_URL: must be postgres://');
    }
  });

  it('reads https site URLs as secure and proxy settings as given', () => {
    const config = loadConfig(
      { ...base, SITE_URL: 'https://kennis.example.nl/', TRUST_PROXY: '1', SITE_LOCALE: 'en' },
      { readDotEnv: false },
    );
    expect(config.secure).toBe(true);
    expect(config.siteUrl).toBe('https://kennis.example.nl');
    expect(config.trustProxy).toBe(true);
    expect(config.locale).toBe('en');
    expect(
      loadConfig({ ...base, TRUST_PROXY: '10.0.0.0/8' }, { readDotEnv: false }).trustProxy,
    ).toBe('10.0.0.0/8');
    expect(loadConfig({ ...base, TRUST_PROXY: '2' }, { readDotEnv: false }).trustProxy).toBe(2);
  });
});
