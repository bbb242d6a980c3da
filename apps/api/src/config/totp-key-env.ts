import { z } from 'zod';

/**
 * The TOTP encryption keys in the environment, validated alike by the API (env.ts) and by `npm run totp:reseal`
 * (scripts/totp/reseal.ts), which cannot load env.ts without the built contracts package. Messages never repeat a
 * key: they end up in terminals and process logs.
 */
export const TotpKeyEnvFields = {
  /**
   * Key that encrypts TOTP secrets at rest (AES-256-GCM): 32 random bytes, base64 (`openssl rand -base64 32`).
   * Required in production. Unset elsewhere: a key is generated and kept in STORAGE_DIR, like LOG_SIGNING_KEYS.
   */
  TOTP_ENCRYPTION_KEY: z
    .string()
    .trim()
    .refine(isBase64Key, 'must be 32 bytes, base64-encoded (e.g. the output of `openssl rand -base64 32`)')
    .optional(),
  /**
   * Keys that were TOTP_ENCRYPTION_KEY before a rotation, comma-separated: they only open secrets they sealed, which
   * are sealed again under the current key at the account's next login (or by `npm run totp:reseal`).
   */
  TOTP_ENCRYPTION_KEYS_PREVIOUS: z
    .string()
    .default('')
    .transform((value) =>
      value
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean),
    )
    .superRefine((keys, context) => {
      keys.forEach((key, index) => {
        const entry = `entry ${index + 1} of ${keys.length}`;
        if (!isBase64Key(key)) {
          context.addIssue({
            code: 'custom',
            message: `${entry} must be 32 bytes, base64-encoded (e.g. the output of \`openssl rand -base64 32\`)`,
          });
        } else if (keys.indexOf(key) < index) {
          context.addIssue({ code: 'custom', message: `${entry} repeats entry ${keys.indexOf(key) + 1}` });
        }
      });
    }),
};

interface TotpKeyEnv {
  NODE_ENV: string;
  TOTP_ENCRYPTION_KEY?: string | undefined;
  TOTP_ENCRYPTION_KEYS_PREVIOUS: string[];
}

/** The rules that span variables; for the object's superRefine. */
export function checkTotpKeyEnv(env: TotpKeyEnv, context: z.RefinementCtx): void {
  // A generated key would sit next to the data it protects, and a lost one locks everybody out: production says
  // where its key comes from.
  if (env.NODE_ENV === 'production' && env.TOTP_ENCRYPTION_KEY === undefined) {
    context.addIssue({
      code: 'custom',
      path: ['TOTP_ENCRYPTION_KEY'],
      message:
        'is required when NODE_ENV=production: 32 random bytes, base64 (`openssl rand -base64 32`), kept apart from the database',
    });
  }
  const current = env.TOTP_ENCRYPTION_KEYS_PREVIOUS.indexOf(env.TOTP_ENCRYPTION_KEY ?? '');
  if (current >= 0) {
    context.addIssue({
      code: 'custom',
      path: ['TOTP_ENCRYPTION_KEYS_PREVIOUS'],
      message: `entry ${current + 1} is TOTP_ENCRYPTION_KEY itself: list only the keys that were current before it`,
    });
  }
}

/** Exactly 32 bytes in canonical base64, so two spellings of one key cannot pass as two keys. */
export function isBase64Key(value: string): boolean {
  const bytes = Buffer.from(value, 'base64');
  return bytes.length === 32 && bytes.toString('base64') === value;
}
