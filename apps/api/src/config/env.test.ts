import { loadEnv } from './env.js';

describe('loadEnv', () => {
  const base = { DATABASE_URL: 'postgresql://writ@127.0.0.1:5432/writ' };

  it('applies defaults for everything optional', () => {
    const env = loadEnv(base);
    expect(env.API_PORT).toBe(4000);
    expect(env.PORTAL_ORIGIN).toBe('http://localhost:3000');
  });

  it('names a missing DATABASE_URL', () => {
    expect(() => loadEnv({})).toThrow(/DATABASE_URL: is required/);
  });

  it('names a malformed value and says what is expected', () => {
    expect(() => loadEnv({ ...base, API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => loadEnv({ ...base, DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: must be a postgresql/);
    expect(() => loadEnv({ ...base, PORTAL_ORIGIN: 'not a url' })).toThrow(/PORTAL_ORIGIN/);
  });
});
