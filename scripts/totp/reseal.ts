#!/usr/bin/env -S npx tsx
// Seals every staff TOTP secret under the current key, for the accounts that do not log in. Usage: see --help.
import { parseArgs } from 'node:util';
import pg from 'pg';
import { z } from 'zod';
import { prepareEvent } from '../../apps/api/src/audit/prepare-event.js';
import { type TotpSecretBox, totpSecretBox, TotpSecretUnreadable } from '../../apps/api/src/auth/totp-secret-box.js';
import { checkTotpKeyEnv, TotpKeyEnvFields } from '../../apps/api/src/config/totp-key-env.js';

const HELP = `Usage: npm run totp:reseal [-- options]     (or: tsx scripts/totp/reseal.ts)

Seals every staff TOTP secret under the current TOTP_ENCRYPTION_KEY: secrets still stored in the clear (from
before encryption at rest), in the v1 format (from before key ids), or under a key in
TOTP_ENCRYPTION_KEYS_PREVIOUS. The API does the same for each account at its next login; this command covers the
accounts that do not log in. Once a run reports nothing resealed from a retired key and nothing failed, that key
can be removed from TOTP_ENCRYPTION_KEYS_PREVIOUS.

Rows are read and rewritten in batches, each in its own transaction, and a row is rewritten only if it still
holds the value that was read: a login or an admin's reset in the meantime wins. Nothing is printed per row but
the staff ids of secrets that could not be opened; never a secret, a key or an email. A second run changes no
row. Each batch that rewrote rows records an audit event in its own transaction,
auth.totp_secret_batch_resealed, naming the accounts; each run but a dry run ends with one more,
auth.totp_secrets_resealed, with the counts (actor system:totp-reseal).

Environment (the API's own):
  DATABASE_URL                   the database (required)
  DB_APP_ROLE                    role to switch to, as the API does (default writ_app; empty: stay)
  TOTP_ENCRYPTION_KEY            the key that seals (unset outside production: the key file in STORAGE_DIR)
  TOTP_ENCRYPTION_KEYS_PREVIOUS  retired keys that still open, comma-separated
  STORAGE_DIR, NODE_ENV          as for the API

Options:
  --dry-run          read and count only: change nothing, record no audit event
  --batch-size <n>   rows per batch and transaction (default 500)
  --quiet            no progress lines
  -h, --help         this text

Progress goes to stderr after each batch, the summary to stdout.
Exit codes: 0 every secret is sealed under the current key (or, with --dry-run, could be); 1 some secret could
not be opened (the summary names the key ids and staff ids), or the run failed; 2 usage or configuration error.`;

const ACTOR = { system: 'totp-reseal' } as const;
const ACTION = 'auth.totp_secrets_resealed';
/** One per batch that rewrote rows, in the batch's transaction: which accounts' secrets were sealed anew. */
const BATCH_ACTION = 'auth.totp_secret_batch_resealed';

/** The variables the API would read for the same purpose, validated by the same rules (totp-key-env.ts). */
const ResealEnv = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    DATABASE_URL: z
      .string({ error: 'is required: the PostgreSQL connection string the API uses' })
      .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// connection string'),
    DB_APP_ROLE: z
      .string()
      .regex(/^[a-z_][a-z0-9_]*$|^$/, 'must be a plain PostgreSQL role name')
      .default('writ_app'),
    STORAGE_DIR: z.string().default('.data/documents'),
    ...TotpKeyEnvFields,
  })
  .superRefine(checkTotpKeyEnv);

interface Tally {
  read: number;
  plainSealed: number;
  resealed: number;
  /** Resealed rows by where they came from: `<key id>` (v2) or `v1/<key id>`. */
  resealedFrom: Record<string, number>;
  alreadyCurrent: number;
  /** Read as stale, but changed by someone else (a login, an admin) before the batch wrote it: left alone. */
  changedMeanwhile: number;
  failed: number;
  /** Unopenable rows by cause: see `failureCause`. */
  failedBy: Record<string, number>;
  failedStaffIds: string[];
}

class UsageError extends Error {}

function emptyTally(): Tally {
  return {
    read: 0,
    plainSealed: 0,
    resealed: 0,
    resealedFrom: {},
    alreadyCurrent: 0,
    changedMeanwhile: 0,
    failed: 0,
    failedBy: {},
    failedStaffIds: [],
  };
}

function count(into: Record<string, number>, key: string, n = 1): void {
  into[key] = (into[key] ?? 0) + n;
}

function add(into: Tally, batch: Tally): void {
  for (const field of ['read', 'plainSealed', 'resealed', 'alreadyCurrent', 'changedMeanwhile', 'failed'] as const) {
    into[field] += batch[field];
  }
  for (const [key, n] of Object.entries(batch.resealedFrom)) count(into.resealedFrom, key, n);
  for (const [key, n] of Object.entries(batch.failedBy)) count(into.failedBy, key, n);
  into.failedStaffIds.push(...batch.failedStaffIds);
}

interface Pending {
  id: string;
  old: string;
  sealed: string;
  kind: 'plain' | 'stale';
  from: string;
}

/**
 * One batch: rows after `after` in id order, read and (unless a dry run) rewritten in one transaction, counted into
 * `total` once it committed. Returns the id to continue after, or null at the end.
 */
async function resealBatch(
  client: pg.Client,
  box: TotpSecretBox,
  total: Tally,
  options: { after: string | null; size: number; dryRun: boolean },
): Promise<string | null> {
  const tally = emptyTally();
  await client.query('BEGIN');
  try {
    const { rows } = await client.query<{ id: string; totp_secret: string }>(
      `SELECT id, totp_secret FROM staff
        WHERE totp_secret IS NOT NULL AND ($1::uuid IS NULL OR id > $1::uuid)
        ORDER BY id LIMIT $2`,
      [options.after, options.size],
    );
    const pending: Pending[] = [];
    for (const row of rows) {
      tally.read += 1;
      try {
        const opened = box.open(row.id, row.totp_secret);
        if (opened.state === 'current') {
          tally.alreadyCurrent += 1;
        } else {
          const from = row.totp_secret.startsWith('v1:') ? `v1/${opened.keyId}` : (opened.keyId ?? 'plain');
          pending.push({
            id: row.id,
            old: row.totp_secret,
            sealed: box.seal(row.id, opened.secret),
            kind: opened.state,
            from,
          });
        }
      } catch (error) {
        if (!(error instanceof TotpSecretUnreadable)) throw error;
        tally.failed += 1;
        count(tally.failedBy, failureCause(error, row.totp_secret));
        tally.failedStaffIds.push(row.id);
      }
    }
    let written = new Set(pending.map((row) => row.id));
    if (!options.dryRun && pending.length > 0) {
      // Optimistic: only where the row still holds what was read. Raw SQL, like the API's reseal at login: this is
      // no admin's change, so updated_at and version stay.
      const result = await client.query<{ id: string }>(
        `UPDATE staff AS s SET totp_secret = u.sealed
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS u(id, old, sealed)
          WHERE s.id = u.id AND s.totp_secret = u.old
          RETURNING s.id`,
        [pending.map((row) => row.id), pending.map((row) => row.old), pending.map((row) => row.sealed)],
      );
      written = new Set(result.rows.map((row) => row.id));
    }
    for (const row of pending) {
      if (!written.has(row.id)) {
        tally.changedMeanwhile += 1;
      } else if (row.kind === 'plain') {
        tally.plainSealed += 1;
      } else {
        tally.resealed += 1;
        count(tally.resealedFrom, row.from);
      }
    }
    if (!options.dryRun && written.size > 0) {
      // The change and its audit event in one transaction: a run that stops halfway leaves no unrecorded rewrite.
      await insertEvent(
        client,
        prepareEvent({
          actor: ACTOR,
          action: BATCH_ACTION,
          subjectType: 'staff',
          details: {
            keyId: box.keyId,
            plainSealed: tally.plainSealed,
            resealed: tally.resealed,
            resealedFrom: tally.resealedFrom,
            staffIds: pending.filter((row) => written.has(row.id)).map((row) => row.id),
          },
        }),
      );
    }
    await client.query('COMMIT');
    add(total, tally);
    return rows.length < options.size ? null : rows.at(-1)!.id;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

/** The statement AuditService.record runs; the row's trigger queues it for the API's log integrator. */
async function insertEvent(client: pg.Client, event: ReturnType<typeof prepareEvent>): Promise<void> {
  await client.query(
    `INSERT INTO audit_event (at, actor_id, actor_label, action, subject_type, subject_id, details, leaf)
     VALUES ($1, $2::uuid, $3, $4, $5, $6, $7::jsonb, $8)`,
    [
      event.at,
      event.actorId,
      event.actorLabel,
      event.action,
      event.subjectType,
      event.subjectId,
      event.details,
      event.leaf,
    ],
  );
}

/** One event per run, with counts and key ids only: it becomes a public transparency-log leaf. */
async function recordRun(client: pg.Client, box: TotpSecretBox, tally: Tally, completed: boolean): Promise<void> {
  await insertEvent(
    client,
    prepareEvent({
      actor: ACTOR,
      action: ACTION,
      subjectType: 'staff',
      details: {
        completed,
        keyId: box.keyId,
        previousKeyIds: box.keyIds.slice(1),
        read: tally.read,
        plainSealed: tally.plainSealed,
        resealed: tally.resealed,
        resealedFrom: tally.resealedFrom,
        alreadyCurrent: tally.alreadyCurrent,
        changedMeanwhile: tally.changedMeanwhile,
        failed: tally.failed,
        failedBy: tally.failedBy,
      },
    }),
  );
}

/**
 * `<key id>`: sealed under a key that is not configured (the usual case: a retired key dropped too early);
 * `v1`: the v1 format, which names no key, and no configured key opens it; `does_not_decrypt:<key id>`: its key
 * is configured but the value was altered or copied from another account; `damaged`; `unknown_format`.
 */
function failureCause(error: TotpSecretUnreadable, stored: string): string {
  if (error.reason === 'KEY_NOT_CONFIGURED') return error.keyId!;
  if (error.reason === 'DOES_NOT_DECRYPT') return stored.startsWith('v1:') ? 'v1' : `does_not_decrypt:${error.keyId}`;
  return error.reason.toLowerCase();
}

function describeFailure(cause: string): string {
  if (/^[0-9a-f]{8}$/.test(cause)) return `sealed under key ${cause}, which is not configured`;
  if (cause === 'v1') return 'v1 format (names no key), no configured key opens it';
  if (cause.startsWith('does_not_decrypt:')) {
    return `does not decrypt under its key ${cause.slice(cause.indexOf(':') + 1)} (altered, or another account's)`;
  }
  return cause.replace('_', ' ');
}

function describeSource(source: string): string {
  return source.startsWith('v1/') ? `v1 format, under key ${source.slice(3)}` : `key ${source}`;
}

function breakdown(counts: Record<string, number>, describe: (key: string) => string): string[] {
  return Object.entries(counts).map(([key, n]) => `      ${describe(key)}: ${n}`);
}

function summary(box: TotpSecretBox, tally: Tally, dryRun: boolean): string {
  const lines = [
    `${dryRun ? 'Dry run, nothing changed. ' : ''}TOTP secrets of staff; current key ${box.keyId}`,
    `  read:                        ${tally.read}`,
    `  plain, ${dryRun ? 'to be sealed:' : 'now sealed:  '}         ${tally.plainSealed}`,
    `  older key, ${dryRun ? 'to be resealed:' : 'resealed:      '}   ${tally.resealed}`,
    ...breakdown(tally.resealedFrom, describeSource),
    `  already current:             ${tally.alreadyCurrent}`,
    `  changed meanwhile, left:     ${tally.changedMeanwhile}`,
    `  failed, cannot be opened:    ${tally.failed}`,
    ...breakdown(tally.failedBy, describeFailure),
  ];
  if (tally.failed > 0) {
    lines.push(
      'Staff whose secret no configured key opens (add the key named above to TOTP_ENCRYPTION_KEYS_PREVIOUS, or ' +
        'have an admin reset their second factor):',
      ...tally.failedStaffIds.map((id) => `  ${id}`),
    );
  }
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        'dry-run': { type: 'boolean' },
        'batch-size': { type: 'string' },
        quiet: { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const size = Number(values['batch-size'] ?? 500);
  if (!Number.isInteger(size) || size < 1 || size > 10_000) {
    throw new UsageError('--batch-size must be a whole number from 1 to 10000');
  }
  const parsed = ResealEnv.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new UsageError(`Invalid environment:\n${lines.join('\n')}`);
  }
  const env = parsed.data;
  let box: TotpSecretBox;
  try {
    // Never creates a key: a new one would open nothing and seal what the API cannot read.
    box = totpSecretBox(env, { create: false });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const dryRun = values['dry-run'] ?? false;
  const progress = (line: string) => values.quiet || process.stderr.write(`${line}\n`);

  const client = new pg.Client({
    connectionString: env.DATABASE_URL,
    ...(env.DB_APP_ROLE ? { options: `-c role=${env.DB_APP_ROLE}` } : {}),
  });
  await client.connect();
  const tally = emptyTally();
  try {
    const { rows } = await client.query<{ n: number }>(
      'SELECT count(*)::int AS n FROM staff WHERE totp_secret IS NOT NULL',
    );
    progress(`${dryRun ? 'dry run: ' : ''}about ${rows[0]!.n} TOTP secrets to check, ${size} per batch`);
    let after: string | null = null;
    let batch = 0;
    try {
      do {
        after = await resealBatch(client, box, tally, { after, size, dryRun });
        batch += 1;
        progress(
          `batch ${batch}: ${tally.read} read; ${tally.plainSealed} plain and ${tally.resealed} older-key ` +
            `${dryRun ? 'to seal' : 'sealed'}, ${tally.alreadyCurrent} already current, ${tally.failed} failed`,
        );
      } while (after !== null);
    } catch (error) {
      // The batches before this one committed: say so in the log, then fail.
      if (!dryRun && tally.plainSealed + tally.resealed > 0) {
        await recordRun(client, box, tally, false).catch(() => undefined);
      }
      throw error;
    }
    if (!dryRun) await recordRun(client, box, tally, true);
  } finally {
    await client.end();
  }
  process.stdout.write(summary(box, tally, dryRun));
  return tally.failed > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const message = error instanceof Error ? error.message : JSON.stringify(error);
    if (error instanceof UsageError) {
      process.stderr.write(`${message}\n\nRun with --help for usage.\n`);
      process.exit(2);
    }
    process.stderr.write(`totp:reseal failed: ${message}\n`);
    process.exit(1);
  },
);
