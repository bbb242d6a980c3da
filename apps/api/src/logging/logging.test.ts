import { loadEnv } from '../config/env.js';
import { logFormat } from './logging.js';

const env = (vars: Record<string, string>) =>
  loadEnv({
    DATABASE_URL: 'postgresql://writ@127.0.0.1/writ',
    TOTP_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
    // Required in production, as the other secrets are.
    PORTAL_PROXY_SECRET: Buffer.alloc(32, 9).toString('base64'),
    ...vars,
  });

describe('logFormat', () => {
  it('is readable in development at a terminal, JSON when piped or in production', () => {
    expect(logFormat(env({}), true)).toBe('pretty');
    expect(logFormat(env({}), false)).toBe('json');
    expect(logFormat(env({ NODE_ENV: 'production' }), true)).toBe('json');
    expect(logFormat(env({ NODE_ENV: 'test' }), true)).toBe('json');
  });

  it('does what LOG_FORMAT says when it is set', () => {
    expect(logFormat(env({ LOG_FORMAT: 'json' }), true)).toBe('json');
    expect(logFormat(env({ LOG_FORMAT: 'pretty', NODE_ENV: 'production' }), false)).toBe('pretty');
  });

  it('refuses any other LOG_FORMAT, naming the variable', () => {
    expect(() => env({ LOG_FORMAT: 'yaml' })).toThrow(/LOG_FORMAT/);
  });
});
