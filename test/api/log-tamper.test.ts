// Tampering as a database superuser would do it, triggers switched off, and the offline verifier (writ-verify)
// catching each attempt with a message saying what is wrong (issue 5, "Tamper tests").
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { LogKeyResponse } from '@writ/contracts';
import { generateSignerKey, parseSignerKey, signCheckpoint } from '@writ/tlog';
import { integrate, writeEvents } from '../support/log';
import { ROOT } from '../support/postgres';
import { startTestApp, type TestApp } from '../support/test-app';
import { tsx } from '../support/tsx';

jest.setTimeout(60_000);

interface Verdict {
  status: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the CLI as a separate process. Asynchronously: the API it talks to lives in this very process. */
function writVerify(...args: string[]): Promise<Verdict> {
  return new Promise((resolve, reject) => {
    const child = spawn(...tsx('packages/tlog/src/cli/main.ts', ...args), { cwd: ROOT });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('close', (status) => resolve({ status, stdout, stderr }));
  });
}

/** A log of 40 events, integrated in two batches, with the verifier key an auditor pinned and a saved checkpoint. */
async function freshLog(): Promise<{ t: TestApp; key: string; saved: string }> {
  const t = await startTestApp({ LOG_INTEGRATE_INTERVAL_MS: '0' });
  await writeEvents(t, 25);
  await integrate(t);
  const saved = path.join(mkdtempSync(path.join(os.tmpdir(), 'writ-cp-')), 'checkpoint.txt');
  writeFileSync(saved, await (await fetch(`${t.url}/log/checkpoint`)).text());
  await writeEvents(t, 15);
  await integrate(t);
  const key = LogKeyResponse.parse(await (await fetch(`${t.url}/log/key`)).json()).keys[0]!;
  return { t, key, saved };
}

/** The superuser's session: triggers off for this session only, no trace in the application. */
async function asSuperuser(t: TestApp, sql: string, params: unknown[] = []): Promise<void> {
  const client = await t.db.connect();
  try {
    await client.query('BEGIN');
    for (const table of ['audit_event', 'log_entry', 'log_tile', 'log_checkpoint']) {
      await client.query(`ALTER TABLE ${table} DISABLE TRIGGER ALL`);
    }
    await client.query(sql, params);
    // Put everything back as it was, so the application notices nothing.
    for (const table of ['audit_event', 'log_entry', 'log_tile', 'log_checkpoint']) {
      await client.query(`ALTER TABLE ${table} ENABLE TRIGGER ALL`);
      const { rows } = await client.query<{ tgname: string }>(
        `SELECT tgname FROM pg_trigger WHERE tgrelid = $1::regclass AND NOT tgisinternal`,
        [table],
      );
      for (const { tgname } of rows) await client.query(`ALTER TABLE ${table} ENABLE ALWAYS TRIGGER ${tgname}`);
    }
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK');
    throw error;
  } finally {
    client.release();
  }
}

describe('writ-verify audit against a real Writ log', () => {
  it('passes an untouched log, including the checkpoint the auditor kept', async () => {
    const { t, key, saved } = await freshLog();
    try {
      const verdict = await writVerify('audit', '--server', t.url, '--key', key, '--checkpoint', saved);
      expect(verdict.stderr).not.toMatch(/INVALID/);
      expect(verdict.status).toBe(0);
    } finally {
      await t.close();
    }
  });

  it('detects one changed leaf and names the entry', async () => {
    const { t, key } = await freshLog();
    try {
      await asSuperuser(
        t,
        `UPDATE audit_event SET leaf = convert_to(replace(convert_from(leaf, 'UTF8'), 'target.looked_up', 'target.LOOKED_UP'), 'UTF8')
          WHERE id = (SELECT event_id FROM log_entry WHERE index = 7)`,
      );
      const verdict = await writVerify('audit', '--server', t.url, '--key', key);
      expect(verdict.status).toBe(1);
      expect(verdict.stderr).toMatch(/root mismatch at size 40/);
      expect(verdict.stderr).toMatch(/entry 7\b/);
    } finally {
      await t.close();
    }
  });

  it('detects one deleted leaf', async () => {
    const { t, key } = await freshLog();
    try {
      await asSuperuser(t, `DELETE FROM log_entry WHERE index = 39`);
      const verdict = await writVerify('audit', '--server', t.url, '--key', key);
      expect(verdict.status).toBe(1);
      expect(verdict.stderr).toMatch(/fewer leaves than the checkpoint|served 39 of the 40/);
    } finally {
      await t.close();
    }
  });

  it('detects two reordered leaves', async () => {
    const { t, key } = await freshLog();
    try {
      await asSuperuser(
        t,
        `WITH pair AS (SELECT (SELECT event_id FROM log_entry WHERE index = 3) AS a,
                              (SELECT event_id FROM log_entry WHERE index = 4) AS b)
         UPDATE log_entry SET event_id = -event_id WHERE index IN (3, 4);
         UPDATE log_entry SET event_id = CASE index WHEN 3 THEN -(SELECT event_id FROM log_entry WHERE index = 4)
                                                   ELSE -(SELECT event_id FROM log_entry WHERE index = 3) END
          WHERE index IN (3, 4)`,
      );
      const verdict = await writVerify('audit', '--server', t.url, '--key', key);
      expect(verdict.status).toBe(1);
      expect(verdict.stderr).toMatch(/root mismatch at size 40/);
      expect(verdict.stderr).toMatch(/entry 3\b/);
    } finally {
      await t.close();
    }
  });

  it('detects a checkpoint swapped for one signed by another key', async () => {
    const { t, key } = await freshLog();
    try {
      const forger = parseSignerKey(generateSignerKey(t.env.LOG_ORIGIN));
      const { rows } = await t.db.query(`SELECT root_hash FROM log_checkpoint ORDER BY tree_size DESC LIMIT 1`);
      const forged = signCheckpoint(
        { origin: t.env.LOG_ORIGIN, size: 40, rootHash: new Uint8Array(rows[0].root_hash) },
        [forger],
      );
      await asSuperuser(t, `UPDATE log_checkpoint SET note = $1 WHERE tree_size = 40`, [forged]);
      const verdict = await writVerify('audit', '--server', t.url, '--key', key);
      expect(verdict.status).toBe(1);
      expect(verdict.stderr).toMatch(/checkpoint signature invalid|no signature by a trusted key|not signed/i);
    } finally {
      await t.close();
    }
  });

  it('detects a log truncated and rebuilt shorter, signed with the real key, against a kept checkpoint', async () => {
    const { t, key, saved } = await freshLog();
    try {
      // Wipe the sequenced log, drop the newest events, re-queue the rest and let the integrator re-sign.
      await asSuperuser(
        t,
        `DELETE FROM log_checkpoint; DELETE FROM log_tile; DELETE FROM log_entry;
         DELETE FROM audit_event WHERE id IN (SELECT id FROM audit_event ORDER BY id DESC LIMIT 20);
         INSERT INTO log_pending (event_id) SELECT id FROM audit_event ON CONFLICT DO NOTHING`,
      );
      await integrate(t);
      const rebuilt = await (await fetch(`${t.url}/log/checkpoint`)).text();
      expect(rebuilt.split('\n')[1]).toBe('20');
      // On its own, a rebuilt log signed with the real key is self-consistent…
      expect((await writVerify('audit', '--server', t.url, '--key', key)).status).toBe(0);
      // …which is why auditors keep checkpoints: against one, the rewrite shows.
      const verdict = await writVerify('audit', '--server', t.url, '--key', key, '--checkpoint', saved);
      expect(verdict.status).toBe(1);
      expect(verdict.stderr).toMatch(/not consistent|shorter|fewer|truncat/i);
    } finally {
      await t.close();
    }
  });
});
