import { CountryCode, IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT } from '@writ/contracts';
import { z } from 'zod';
import { checkTotpKeyEnv, TotpKeyEnvFields } from './totp-key-env.js';

/**
 * Everything the API reads from the environment, validated once at boot (docs/STYLE.md, "Ghostfolio"): a bad value
 * stops the server with a message naming the variable, instead of failing later in some request.
 */
export const Env = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string({ error: 'is required: the PostgreSQL connection string, e.g. postgresql://user@127.0.0.1:5432/writ' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string'),
    /** Role every connection switches to (created by the migrations); empty to stay as the connecting user. */
    DB_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$|^$/, 'must be a plain PostgreSQL role name')
      .default('writ_app'),
    DB_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    PORTAL_ORIGIN: z.url().default('http://localhost:3000'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
    /** json: one JSON object per line; pretty: readable lines. Unset: pretty in development on a terminal. */
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    STORAGE_DIR: z.string().default('.data/documents'),
    /** Largest accepted upload, in bytes. */
    UPLOAD_MAX_BYTES: z.coerce
      .number()
      .int()
      .positive()
      .default(25 * 1024 * 1024),
    /** Origin line of the transparency log's checkpoints (C2SP tlog-checkpoint). */
    LOG_ORIGIN: z.string().min(1).default('writ.example/log'),
    /**
     * Signer keys for checkpoints, comma-separated, in the signed-note PRIVATE+KEY+name+id+key form. Several keys
     * sign side by side during a rotation. Unset: a key is generated and kept in STORAGE_DIR (development only).
     */
    LOG_SIGNING_KEYS: z.string().optional(),
    /** How often the integrator sequences new audit events into the log and signs a checkpoint; 0 turns it off. */
    LOG_INTEGRATE_INTERVAL_MS: z.coerce.number().int().min(0).max(60_000).default(250),
    /**
     * Longest one database transaction (or an idle session) may hold the integrator's lock before the integrator
     * ends that session: a lock holder must not stop the log. Keep it above the integrator's own transaction
     * timeout (60 s) wherever more than one API process runs.
     */
    LOG_LOCK_MAX_HOLD_MS: z.coerce.number().int().min(500).max(3_600_000).default(120_000),
    /**
     * Policy parameters (published and hashed with the policy text): courts of these countries are accepted.
     * Default: the EU member states.
     */
    POLICY_ACCEPTED_COUNTRIES: z
      .string()
      .default('AT,BE,BG,CY,CZ,DE,DK,EE,ES,FI,FR,GR,HR,HU,IE,IT,LT,LU,LV,MT,NL,PL,PT,RO,SE,SI,SK')
      .transform((value) =>
        value
          .split(',')
          .map((code) => code.trim())
          .filter(Boolean),
      )
      .pipe(z.array(CountryCode)),
    /** Registry jurisdiction names accepted whatever their country, comma-separated. */
    POLICY_ACCEPTED_JURISDICTIONS: z
      .string()
      .default('')
      .transform((value) =>
        value
          .split(',')
          .map((name) => name.trim())
          .filter(Boolean),
      ),
    /** docs/POLICY.md rule 5: the longest IP-address window an order may cover, in days. */
    POLICY_MAX_WINDOW_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
    /** Mark the session cookie Secure (https only). Default: on when NODE_ENV=production. */
    COOKIE_SECURE: z.stringbool().optional(),
    TRUST_PROXY: z.stringbool().default(false),
    /**
     * Shared with the portal: it signs the client address it forwards (auth/client-address.ts), so the login rate
     * limit counts each browser, not the portal. Unset: the header is ignored (every portal user shares a bucket).
     */
    PORTAL_PROXY_SECRET: z
      .string()
      .min(32, 'must be at least 32 characters (e.g. `openssl rand -base64 32`)')
      .optional(),
    /**
     * How long an Idempotency-Key and its answer are remembered, from first use; after that the same key
     * starts a new request. At least an hour: clients retry over minutes, and a shorter window would turn a
     * slow retry into a duplicate request. At most 30 days: the records hold copies of the answers, target
     * values included.
     */
    IDEMPOTENCY_KEY_RETENTION_HOURS: z.coerce
      .number()
      .int()
      .min(1, 'must be at least 1 (hour)')
      .max(720, 'must be at most 720 (30 days)')
      .default(IDEMPOTENCY_KEY_RETENTION_HOURS_DEFAULT),
    /** How often expired Idempotency-Key records are deleted; 0 turns the sweeper off in this process. */
    IDEMPOTENCY_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(600_000),
    /** Longest lifetime of an API token, in days: every token must say when it expires, at most this far ahead. */
    API_TOKEN_MAX_DAYS: z.coerce.number().int().min(1).max(3650).default(90),
    /**
     * How long a proposed change to a staff account (a new account, added roles, enabling, a reset) waits for
     * another admin's approval before it expires, in hours. At most 30 days: a proposal is judged against the
     * account as it was.
     */
    STAFF_CHANGE_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1, 'must be at least 1 (hour)')
      .max(720, 'must be at most 720 (30 days)')
      .default(72),
    /** How often staff changes past their expiry are closed, each with an audit event; 0: not in this process. */
    STAFF_CHANGE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
    /**
     * How long a proposed registry change (a key, a channel, a change of kind or country, an activation) waits for
     * another admin's approval before it expires, in hours.
     */
    REGISTRY_CHANGE_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1, 'must be at least 1 (hour)')
      .max(720, 'must be at most 720 (30 days)')
      .default(72),
    /** How often registry changes past their expiry are closed, each with an audit event; 0: not in this process. */
    REGISTRY_CHANGE_SWEEP_INTERVAL_MS: z.coerce.number().int().min(0).max(86_400_000).default(60_000),
    /**
     * A key, certificate or channel registered less than this many hours before it verified an order is flagged
     * in the decision preview (`recentlyRegistered`): a freshly planted key is how a forged order would pass.
     */
    REGISTRY_KEY_MIN_AGE_HOURS: z.coerce.number().min(0).max(8760).default(24),
    /**
     * How long an API token's identity is used from memory before it is read again, in milliseconds; 0 reads it on
     * every call. Changes to tokens and accounts take effect at once regardless (auth/identity-cache.ts): this
     * only bounds how long a process could miss one while its notification connection is silently broken.
     */
    IDENTITY_CACHE_TTL_MS: z.coerce.number().int().min(0).max(60_000).default(5_000),
    /**
     * Signer key for disclosure package manifests, in the same signed-note form as LOG_SIGNING_KEYS (one format, one
     * verifier for both). Unset: a key is generated and kept in STORAGE_DIR (development only).
     */
    DISCLOSURE_SIGNING_KEY: z.string().trim().optional(),
    /**
     * Key that encrypts package files at rest (AES-256-GCM): 32 random bytes, base64. Unset: generated and kept in
     * STORAGE_DIR (development only).
     */
    DISCLOSURE_ENCRYPTION_KEY: z
      .string()
      .trim()
      .refine(
        (value) => /^[A-Za-z0-9+/]+={0,2}$/.test(value) && Buffer.from(value, 'base64').length === 32,
        'must be 32 bytes, base64-encoded (e.g. the output of `openssl rand -base64 32`)',
      )
      .optional(),
    /** How long a one-time package download link stays valid, in hours (default 7 days). */
    DISCLOSURE_LINK_TTL_HOURS: z.coerce
      .number()
      .int()
      .min(1, 'must be at least 1 (hour)')
      .max(720, 'must be at most 720 (30 days)')
      .default(168),
    /**
     * The small-number threshold printed on new report versions: counts from 1 to this − 1 are published as a band
     * ("1–9" at 10). A published version keeps the threshold it was drafted with.
     */
    REPORT_THRESHOLD: z.coerce.number().int().min(2, 'must be at least 2').max(1000).default(10),
    /** TOTP_ENCRYPTION_KEY and TOTP_ENCRYPTION_KEYS_PREVIOUS, shared with `npm run totp:reseal`. */
    ...TotpKeyEnvFields,
  })
  .superRefine(checkTotpKeyEnv)
  .superRefine((env, context) => {
    // Without it, everyone logging in through the portal shares one rate-limit bucket: a few bad logins shut out all.
    if (env.NODE_ENV === 'production' && env.PORTAL_PROXY_SECRET === undefined) {
      context.addIssue({
        code: 'custom',
        path: ['PORTAL_PROXY_SECRET'],
        message:
          'is required when NODE_ENV=production: the same random value (`openssl rand -base64 32`) for the API and the portal',
      });
    }
  });
export type Env = z.infer<typeof Env>;

export class EnvError extends Error {}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const result = Env.safeParse(source);
  if (result.success) return result.data;
  const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
  throw new EnvError(`Invalid environment; the API cannot start:\n${lines.join('\n')}`);
}
