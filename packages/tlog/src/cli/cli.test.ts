import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { toBase64 } from '../base64.js';
import { toHex } from '../bytes.js';
import { leafHash } from '../hash.js';
import { generateSignerKey, verifierKeyFromSigner } from '../note-keys.js';
import { createReceipt } from '../receipt.js';
import { buildServedLog, startLogServer, type RunningServer, type ServedLog } from './reference-server.js';

jest.setTimeout(30_000);

const REPO = path.resolve(__dirname, '../../../..');
const MAIN = path.join(REPO, 'packages/tlog/src/cli/main.ts');

interface Result {
  code: number | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process (asynchronously: the test's HTTP server lives in this process). Node with
 * tsx's loader rather than the tsx command, which would start a second node with that same loader for each of the
 * suite's runs.
 */
function cli(...args: string[]): Promise<Result> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', MAIN, ...args], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const ORIGIN = 'log.example/writ';
const SKEY = generateSignerKey(ORIGIN);
const VKEY = verifierKeyFromSigner(SKEY);
const OTHER_SKEY = generateSignerKey(ORIGIN);
const entry = (i: number, tag = 'event'): Uint8Array => new TextEncoder().encode(`{"${tag}":${i}}`);
const ENTRIES = Array.from({ length: 20 }, (_, i) => entry(i));

let dir: string;
const file = (name: string, content: string | Uint8Array): string => {
  const p = path.join(dir, name);
  writeFileSync(p, content);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'writ-verify-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const servers: RunningServer[] = [];
async function serve(log: ServedLog): Promise<string> {
  const server = await startLogServer(log);
  servers.push(server);
  return server.url;
}
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

/** The signed checkpoint of the honest log at `size`. */
function checkpointAt(size: number, skey = SKEY): string {
  const log = buildServedLog(ORIGIN, [skey], ENTRIES.slice(0, size));
  return log.checkpoint;
}

describe('writ-verify usage', () => {
  it('--help lists every command and the exit codes', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    for (const c of ['checkpoint', 'inclusion', 'consistency', 'audit']) expect(r.stdout).toContain(c);
    expect(r.stdout).toMatch(/Exit codes/);
  });

  it.each(['checkpoint', 'inclusion', 'consistency', 'audit'])(
    "%s --help exits 0 with that command's usage",
    async (c) => {
      const r = await cli(c, '--help');
      expect(r.code).toBe(0);
      expect(r.stdout).toContain(`Usage: writ-verify ${c}`);
    },
  );

  it.each([
    ['no command', [], /no command/],
    ['an unknown command', ['frobnicate'], /unknown command "frobnicate"/],
    ['an unknown flag', ['checkpoint', '--key', VKEY, '--bogus', 'x'], /Unknown option '--bogus'/],
    ['no --key', ['checkpoint', 'file-without-key'], /--key/],
    ['a malformed --key', ['checkpoint', '--key', 'not-a-key', 'x'], /--key "not-a-key"/],
    [
      'an unreadable file',
      ['checkpoint', '--key', VKEY, '/nonexistent/checkpoint'],
      /cannot read checkpoint file.*ENOENT/,
    ],
    ['neither --leaf nor --leaf-hash', ['inclusion', '--key', VKEY, 'receipt'], /exactly one of --leaf/],
    ['a missing checkpoint argument', ['consistency', '--key', VKEY, 'old-only'], /missing <new checkpoint file>/],
    ['an extra argument', ['audit', '--key', VKEY, '--server', 'http://x', 'extra'], /unexpected argument "extra"/],
    ['no --server', ['audit', '--key', VKEY], /--server <url> is required/],
    ['a non-HTTP server URL', ['audit', '--key', VKEY, '--server', 'ftp://x'], /http/],
  ])('%s exits 2 with a message', async (_why, args, message) => {
    const r = await cli(...(args as string[]));
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
  });
});

describe('writ-verify checkpoint', () => {
  it('prints origin, size and root of a valid checkpoint', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    const r = await cli('checkpoint', '--key', VKEY, file('cp', log.checkpoint));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain(`origin: ${ORIGIN}`);
    expect(r.stdout).toContain('size:   20');
    expect(r.stdout).toContain(`root:   ${toBase64(log.tree.root())}`);
  });

  it('exits 1 for a checkpoint signed by another key, or pinned to another origin', async () => {
    const r = await cli('checkpoint', '--key', VKEY, file('cp-other', checkpointAt(20, OTHER_SKEY)));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID: note is not signed by any trusted key/);
    const pinned = await cli('checkpoint', '--key', VKEY, '--origin', 'other.example', file('cp', checkpointAt(20)));
    expect(pinned.code).toBe(1);
    expect(pinned.stderr).toMatch(/expected "other.example"/);
  });
});

describe('writ-verify inclusion', () => {
  it('accepts a receipt with the entry bytes or its hash, and rejects another entry', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    const receipt = file('receipt.tlog-proof', await createReceipt(log.tree, 9, log.checkpoint));
    const byLeaf = await cli('inclusion', '--key', VKEY, receipt, '--leaf', file('leaf9', ENTRIES[9]!));
    expect(byLeaf.code).toBe(0);
    expect(byLeaf.stdout).toContain('entry:     9');
    const byHash = await cli('inclusion', '--key', VKEY, receipt, '--leaf-hash', toHex(leafHash(ENTRIES[9]!)));
    expect(byHash.code).toBe(0);
    const wrong = await cli('inclusion', '--key', VKEY, receipt, '--leaf', file('leaf8', ENTRIES[8]!));
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toMatch(/INVALID: entry 9 is not proven to be in log.example\/writ at size 20/);
  });
});

describe('writ-verify consistency', () => {
  it('verifies with a proof from the server or from a file', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    const url = await serve(log);
    const oldCp = file('old', checkpointAt(12));
    const newCp = file('new', log.checkpoint);
    const viaServer = await cli('consistency', '--key', VKEY, oldCp, newCp, '--server', url);
    expect(viaServer.code).toBe(0);
    expect(viaServer.stdout).toContain('the tree of size 20 extends the tree of size 12');
    const proof = file('proof', log.tree.consistencyProof(12, 20).map(toBase64).join('\n') + '\n');
    expect((await cli('consistency', '--key', VKEY, oldCp, newCp, '--proof', proof)).code).toBe(0);
  });

  it('exits 1 for a bent proof, for a rewritten history, and for swapped files', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    const oldCp = file('old', checkpointAt(12));
    const newCp = file('new', log.checkpoint);
    const hashes = log.tree.consistencyProof(12, 20);
    hashes[0] = leafHash(entry(999));
    const bent = await cli(
      'consistency',
      '--key',
      VKEY,
      oldCp,
      newCp,
      '--proof',
      file('bent', hashes.map(toBase64).join('\n')),
    );
    expect(bent.code).toBe(1);
    expect(bent.stderr).toMatch(/INVALID: consistency proof leads to/);

    const forked = [...ENTRIES.slice(0, 5), entry(5, 'rewritten'), ...ENTRIES.slice(6)];
    const forkLog = buildServedLog(ORIGIN, [SKEY], forked);
    const url = await serve(forkLog);
    const fork = await cli('consistency', '--key', VKEY, oldCp, file('fork', forkLog.checkpoint), '--server', url);
    expect(fork.code).toBe(1);

    const swapped = await cli('consistency', '--key', VKEY, newCp, oldCp, '--proof', file('empty', ''));
    expect(swapped.code).toBe(1);
    expect(swapped.stderr).toMatch(/never shrinks/);
  });
});

describe('writ-verify audit', () => {
  it('exits 0 for an honest log, also when the server answers in small pieces', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    log.maxPerResponse = 3;
    const url = await serve(log);
    const r = await cli('audit', '--server', url, '--key', VKEY, '--checkpoint', file('kept', checkpointAt(12)));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('audit OK: 20 entries recompute to the signed root');
    expect(r.stdout).toContain('kept checkpoint of size 12 is consistent');
  });

  it('detects a changed entry and names it', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    log.entries[7] = entry(7, 'altered');
    const r = await cli('audit', '--server', await serve(log), '--key', VKEY);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID: root mismatch at size 20: leaves recomputed to \S+, signed checkpoint says \S+/);
    expect(r.stderr).toContain('first entry that differs from the signed tree is entry 7');
  });

  it('detects a deleted entry', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    log.entries.splice(4, 1);
    const r = await cli('audit', '--server', await serve(log), '--key', VKEY);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('server has fewer leaves than the checkpoint: it served 19 of the 20 entries');
    expect(r.stderr).toContain('entry 4');
  });

  it('detects two swapped entries', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    [log.entries[3], log.entries[11]] = [log.entries[11]!, log.entries[3]!];
    const r = await cli('audit', '--server', await serve(log), '--key', VKEY);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/root mismatch at size 20/);
    expect(r.stderr).toContain('entry 3');
  });

  it('detects a checkpoint signed by a different key', async () => {
    const log = buildServedLog(ORIGIN, [OTHER_SKEY], ENTRIES);
    const r = await cli('audit', '--server', await serve(log), '--key', VKEY);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID: the server's latest checkpoint: checkpoint signature invalid/);
  });

  it('detects a log truncated and rebuilt shorter, given a larger checkpoint kept earlier', async () => {
    const kept = file('kept-20', checkpointAt(20));
    const rebuilt = buildServedLog(
      ORIGIN,
      [SKEY],
      [...ENTRIES.slice(0, 10), entry(10, 'rebuilt'), entry(11, 'rebuilt')],
    );
    const url = await serve(rebuilt);
    const r = await cli('audit', '--server', url, '--key', VKEY, '--checkpoint', kept);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/INVALID: old checkpoint is not consistent with the latest one: .*20 entries .*only 12/);
    // Without the kept checkpoint the rebuilt log is self-consistent: that is why auditors keep checkpoints.
    expect((await cli('audit', '--server', url, '--key', VKEY)).code).toBe(0);
  });

  it('detects a log rebuilt longer with a different history', async () => {
    const kept = file('kept-12', checkpointAt(12));
    const rebuilt = buildServedLog(
      ORIGIN,
      [SKEY],
      [...ENTRIES.slice(0, 6), ...Array.from({ length: 19 }, (_, i) => entry(6 + i, 'rebuilt'))],
    );
    const r = await cli('audit', '--server', await serve(rebuilt), '--key', VKEY, '--checkpoint', kept);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/old checkpoint is not consistent with the latest one/);
    expect(r.stderr).toMatch(/history before it was rewritten/);
  });

  it('exits 3 when the server cannot be reached', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], ENTRIES);
    const server = await startLogServer(log);
    await server.close();
    const r = await cli('audit', '--server', server.url, '--key', VKEY);
    expect(r.code).toBe(3);
    expect(r.stderr).toMatch(/could not complete the check/);
  });

  it('never trusts the key the server publishes: a new key there does not help a forged checkpoint', async () => {
    const log = buildServedLog(ORIGIN, [OTHER_SKEY], ENTRIES);
    log.keys = [verifierKeyFromSigner(OTHER_SKEY)];
    const r = await cli('audit', '--server', await serve(log), '--key', VKEY);
    expect(r.code).toBe(1);
  });
});

describe('writ-verify report: the disclosure figures', () => {
  // US only, so the report has no DSA table; threshold 2, so every count but 1 is printed exactly.
  const at = (day: string) => `2026-${day}T09:00:00.000Z`;
  const leaf = (when: string, action: string, id: string, details: Record<string, unknown>) =>
    new TextEncoder().encode(
      JSON.stringify({ v: 1, at: when, actor: 'staff:s', action, subject: { type: 'request', id }, details }),
    );
  const created = (id: string, receivedAt: string, targets: number) =>
    leaf(receivedAt, 'request.created', id, {
      country: 'US',
      legalProcess: 'SUBPOENA',
      type: 'RECORDS',
      receivedAt,
      hasNdo: false,
      targets: Array.from({ length: targets }, (_, i) => ({ id: `${id}-t${i}` })),
    });
  const delivered = (id: string, when: string, counts: number[] | null, action = 'disclosure.downloaded') => [
    leaf(when, action, id, {
      disclosureId: `${id}-d`,
      via: 'LINK',
      ...(counts && {
        accountsDisclosed: counts[0],
        ipAddressDisclosures: counts[1],
        phoneNumberDisclosures: counts[2],
      }),
    }),
    leaf(when, 'request.transitioned', id, { to: 'DELIVERED', outcome: 'DISCLOSED' }),
  ];
  /**
   * r1: three targets, two of them disclosed (one with IP connections and a number, one with a number); r2
   * received at the period's end, delivered (by export) after it but before the report was counted: both count.
   * r3 delivered after countedAt and r4 received in the previous period: neither does.
   */
  const leaves = (r1Counts: number[] | null) => [
    created('r1', at('03-01'), 3),
    created('r2', at('06-29'), 1),
    created('r3', at('05-01'), 1),
    created('r4', '2025-12-30T09:00:00.000Z', 1),
    ...delivered('r1', at('04-01'), r1Counts),
    ...delivered('r2', at('07-02'), [1, 1, 0], 'disclosure.exported'),
    ...delivered('r4', at('02-01'), [1, 1, 1]),
    ...delivered('r3', at('07-20'), [1, 1, 1]),
  ];
  const report = (counts: Record<string, unknown> = {}) => {
    const row = (country: string, legalProcess: string) => ({
      country,
      legalProcess,
      ...Object.fromEntries(
        ['rejectedNotCourtOrder', 'rejectedUnverified', 'rejectedInvalid', 'rejectedScope', 'noData', 'withdrawn']
          .concat(['emergencyRequests', 'contentDisclosures', 'gagOrdersInForce', 'usersNotified'])
          .map((field) => [field, 0]),
      ),
      requestsReceived: 3,
      accountsSpecified: 5,
      // The one pending request is banded, so the rule withholds the disclosed count beside it (3 − 2 would give
      // it back), and with it the share.
      requestsWithDataDisclosed: '≥2',
      pending: '1–1',
      shareWithDataDisclosed: null,
      accountsDisclosed: 3,
      ipAddressDisclosures: 2,
      phoneNumberDisclosures: 2,
      medianHoursToAcknowledge: null,
      medianHoursToGiveEffect: null,
      ...(country === 'US' && legalProcess === 'SUBPOENA' ? counts : {}),
    });
    return JSON.stringify({
      period: '2026-H1',
      periodStart: '2026-01-01',
      periodEnd: '2026-06-30',
      threshold: 2,
      countedAt: '2026-07-15T00:00:00.000Z',
      rows: [row('US', 'SUBPOENA'), row('US', 'ALL'), row('ALL', 'SUBPOENA'), row('ALL', 'ALL')],
      dsa: [],
    });
  };
  const lines = (entries: Uint8Array[]) => entries.map((e) => new TextDecoder().decode(e)).join('\n');

  it('recounts accounts, IP address and phone number disclosures from the delivery leaves', async () => {
    const log = buildServedLog(ORIGIN, [SKEY], leaves([2, 1, 2]));
    const r = await cli('report', file('report.json', report()), '--server', await serve(log), '--key', VKEY);
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain('report OK: every figure of 2026-H1 (threshold 2) matches the recount of 12 leaves');
    expect(r.stdout).not.toContain('not recounted');
  });

  it('names the cell whose disclosure figure differs from the log', async () => {
    const r = await cli(
      'report',
      file('report-ip.json', report({ ipAddressDisclosures: 3, accountsDisclosed: '1–1' })),
      '--leaves',
      file('leaves', lines(leaves([2, 1, 2]))),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      'INVALID: 2026-H1 US|SUBPOENA ipAddressDisclosures: the report prints 3, the log counts 2',
    );
    expect(r.stderr).toContain('US|SUBPOENA accountsDisclosed: the report prints "1–1", the log counts 3');
    expect(r.stderr).toContain('2 published figure(s) of 2026-H1 differ');
  });

  it('says which rows it cannot recount when a delivery leaf carries no counts, and does not guess', async () => {
    // A delivery logged before its event carried counts: whatever the report prints for those three cells is
    // neither confirmed nor refused; every other figure is still checked.
    const r = await cli(
      'report',
      file('report-old.json', report({ accountsDisclosed: 7 })),
      '--leaves',
      file('leaves-old', lines(leaves(null))),
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    for (const row of ['US|SUBPOENA', 'US|ALL', 'ALL|SUBPOENA', 'ALL|ALL']) {
      expect(r.stdout).toContain(
        `not recounted: 2026-H1 ${row} accountsDisclosed, ipAddressDisclosures, phoneNumberDisclosures: 1 delivered ` +
          'package(s) of this row were logged before delivery leaves carried their counts',
      );
    }
    expect(r.stdout).toContain('report OK: every recountable figure of 2026-H1');
    const other = await cli(
      'report',
      file('report-old-2.json', report({ requestsWithDataDisclosed: 3 })),
      '--leaves',
      file('leaves-old', lines(leaves(null))),
    );
    expect(other.code).toBe(1);
    expect(other.stderr).toContain('US|SUBPOENA requestsWithDataDisclosed: the report prints 3, the log counts 2');
  });

  it("does not guess whether a gag order is in force when its intake leaf predates the end date's logging", async () => {
    // r1 under a gag order whose end the database knows (lapsed, so the report prints 0), logged when intake leaves
    // did not yet carry the end: the recount cannot tell, and says so rather than call 0 wrong.
    const withGag = (ndo: Record<string, unknown>) =>
      leaves([2, 1, 2]).map((bytes, i) => {
        if (i !== 0) return bytes;
        const parsed = JSON.parse(new TextDecoder().decode(bytes)) as { details: Record<string, unknown> };
        Object.assign(parsed.details, { hasNdo: true }, ndo);
        return new TextEncoder().encode(JSON.stringify(parsed));
      });
    const r = await cli(
      'report',
      file('report-gag.json', report()),
      '--leaves',
      file('leaves-gag', lines(withGag({}))),
    );
    expect({ code: r.code, stderr: r.stderr }).toEqual({ code: 0, stderr: '' });
    expect(r.stdout).toContain(
      'not recounted: 2026-H1 US|SUBPOENA gagOrdersInForce: 1 gag order(s) of this row were logged before intake ' +
        'leaves carried their end date',
    );
    // With the end in the leaf (none: in force), the same report's 0 is named.
    const known = await cli(
      'report',
      file('report-gag.json', report()),
      '--leaves',
      file('leaves-gag-known', lines(withGag({ ndoEndsAt: null }))),
    );
    expect(known.code).toBe(1);
    expect(known.stderr).toContain('US|SUBPOENA gagOrdersInForce: the report prints 0, the log counts 1');
  });
});
