import { EnvError, loadEnv } from './env.js';

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

  it('lets a proposed staff change wait 72 hours for approval unless told otherwise, between 1 hour and 30 days', () => {
    expect(loadEnv(base).STAFF_CHANGE_TTL_HOURS).toBe(72);
    expect(loadEnv({ ...base, STAFF_CHANGE_TTL_HOURS: '8' }).STAFF_CHANGE_TTL_HOURS).toBe(8);
    expect(() => loadEnv({ ...base, STAFF_CHANGE_TTL_HOURS: '0' })).toThrow(
      /STAFF_CHANGE_TTL_HOURS: must be at least 1/,
    );
    expect(() => loadEnv({ ...base, STAFF_CHANGE_TTL_HOURS: '721' })).toThrow(
      /STAFF_CHANGE_TTL_HOURS: must be at most 720/,
    );
  });

  it('caps API token lifetimes at 90 days unless told otherwise, and refuses a nonsense cap', () => {
    expect(loadEnv(base).API_TOKEN_MAX_DAYS).toBe(90);
    expect(loadEnv({ ...base, API_TOKEN_MAX_DAYS: '30' }).API_TOKEN_MAX_DAYS).toBe(30);
    expect(() => loadEnv({ ...base, API_TOKEN_MAX_DAYS: '0' })).toThrow(/API_TOKEN_MAX_DAYS/);
    expect(() => loadEnv({ ...base, API_TOKEN_MAX_DAYS: 'forever' })).toThrow(/API_TOKEN_MAX_DAYS/);
  });

  it('takes a 32-byte base64 TOTP_ENCRYPTION_KEY, and requires one in production with a clear message', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    expect(loadEnv({ ...base, TOTP_ENCRYPTION_KEY: key }).TOTP_ENCRYPTION_KEY).toBe(key);
    expect(loadEnv(base).TOTP_ENCRYPTION_KEY).toBeUndefined();
    expect(() => loadEnv({ ...base, TOTP_ENCRYPTION_KEY: Buffer.alloc(16).toString('base64') })).toThrow(
      /TOTP_ENCRYPTION_KEY: must be 32 bytes, base64/,
    );
    expect(() => loadEnv({ ...base, TOTP_ENCRYPTION_KEY: 'not base64 at all!' })).toThrow(/TOTP_ENCRYPTION_KEY/);
    expect(() => loadEnv({ ...base, NODE_ENV: 'production' })).toThrow(
      /TOTP_ENCRYPTION_KEY: is required when NODE_ENV=production/,
    );
    expect(
      loadEnv({ ...base, NODE_ENV: 'production', TOTP_ENCRYPTION_KEY: key, PORTAL_PROXY_SECRET: 's'.repeat(32) })
        .NODE_ENV,
    ).toBe('production');
  });

  it('requires PORTAL_PROXY_SECRET in production, of at least 32 characters', () => {
    const key = Buffer.alloc(32, 7).toString('base64');
    const production = { ...base, NODE_ENV: 'production', TOTP_ENCRYPTION_KEY: key };
    expect(() => loadEnv(production)).toThrow(/PORTAL_PROXY_SECRET: is required when NODE_ENV=production/);
    expect(() => loadEnv({ ...production, PORTAL_PROXY_SECRET: 'short' })).toThrow(
      /PORTAL_PROXY_SECRET: must be at least 32/,
    );
    expect(loadEnv({ ...production, PORTAL_PROXY_SECRET: 'p'.repeat(32) }).PORTAL_PROXY_SECRET).toBe('p'.repeat(32));
    expect(loadEnv(base).PORTAL_PROXY_SECRET).toBeUndefined();
  });

  it('takes retired TOTP keys in TOTP_ENCRYPTION_KEYS_PREVIOUS, and names a bad entry without repeating it', () => {
    const [current, old, older] = [7, 8, 9].map((fill) => Buffer.alloc(32, fill).toString('base64')) as [
      string,
      string,
      string,
    ];
    const keyed = { ...base, TOTP_ENCRYPTION_KEY: current };
    expect(loadEnv(keyed).TOTP_ENCRYPTION_KEYS_PREVIOUS).toEqual([]);
    expect(
      loadEnv({ ...keyed, TOTP_ENCRYPTION_KEYS_PREVIOUS: ` ${old} ,${older},` }).TOTP_ENCRYPTION_KEYS_PREVIOUS,
    ).toEqual([old, older]);
    const refusals: [string, RegExp][] = [
      [`${old},not-base64!`, /TOTP_ENCRYPTION_KEYS_PREVIOUS: entry 2 of 2 must be 32 bytes, base64/],
      [Buffer.alloc(16, 1).toString('base64'), /TOTP_ENCRYPTION_KEYS_PREVIOUS: entry 1 of 1 must be 32 bytes/],
      [`${old},${older},${old}`, /TOTP_ENCRYPTION_KEYS_PREVIOUS: entry 3 of 3 repeats entry 1/],
      [`${old},${current}`, /TOTP_ENCRYPTION_KEYS_PREVIOUS: entry 2 is TOTP_ENCRYPTION_KEY itself/],
    ];
    for (const [value, message] of refusals) {
      let thrown: unknown;
      try {
        loadEnv({ ...keyed, TOTP_ENCRYPTION_KEYS_PREVIOUS: value });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(EnvError);
      expect((thrown as Error).message).toMatch(message);
      // Keys are secrets: the message names the entry, never the value.
      for (const key of [current, old, older]) expect((thrown as Error).message).not.toContain(key);
    }
  });

  it('keeps Idempotency-Key records 24 hours by default, and refuses a window or sweep interval out of range', () => {
    expect(loadEnv(base)).toMatchObject({
      IDEMPOTENCY_KEY_RETENTION_HOURS: 24,
      IDEMPOTENCY_SWEEP_INTERVAL_MS: 600_000,
    });
    expect(loadEnv({ ...base, IDEMPOTENCY_KEY_RETENTION_HOURS: '72' }).IDEMPOTENCY_KEY_RETENTION_HOURS).toBe(72);
    expect(loadEnv({ ...base, IDEMPOTENCY_SWEEP_INTERVAL_MS: '0' }).IDEMPOTENCY_SWEEP_INTERVAL_MS).toBe(0);
    for (const hours of ['0', '721', '1.5', 'a day']) {
      expect(() => loadEnv({ ...base, IDEMPOTENCY_KEY_RETENTION_HOURS: hours })).toThrow(
        /IDEMPOTENCY_KEY_RETENTION_HOURS/,
      );
    }
    expect(() => loadEnv({ ...base, IDEMPOTENCY_SWEEP_INTERVAL_MS: '-1' })).toThrow(/IDEMPOTENCY_SWEEP_INTERVAL_MS/);
  });
});
