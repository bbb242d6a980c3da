// Real verification artefacts for API tests, made with the openssl CLI the way a court's signing tool would:
// a court CA, a court certificate it issues, a PDF-like order and its detached CMS signature
// (`openssl cms -sign -binary -outform DER`). Plus the HTTP steps that put them into Writ: an authority with the
// CA registered as its key and a verified contact channel, an order uploaded with its signature.
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { opensslIn } from './openssl-ca';
import type { TestStaff } from './auth';
import { approvePendingRegistryChanges } from './registry';
import type { TestApp } from './test-app';

export interface CourtPki {
  /** The court CA certificate, PEM: what the registry holds for the court. */
  caPem: string;
  /** The court's signing certificate, PEM (issued by the CA; embedded in every signature). */
  courtPem: string;
  /** A detached CMS signature (DER) by the court over `document`. */
  sign(document: Uint8Array): Buffer;
  /** Same, by a certificate from a CA the registry does not know, with the court's exact name. */
  signAsImpostor(document: Uint8Array): Buffer;
  close(): void;
}

/** `openssl ca` takes dates as YYYYMMDDHHMMSSZ. */
const asn1Time = (date: Date) => `${date.toISOString().replace(/[-:T]/g, '').slice(0, 14)}Z`;

/** A PDF-like order document: sniffed as application/pdf, unique per call. */
export function orderPdf(text = 'Beschluss'): Buffer {
  return Buffer.concat([
    Buffer.from(`%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Title (${text}) >>\nendobj\n`, 'latin1'),
    randomBytes(2048),
    Buffer.from('\n%%EOF\n'),
  ]);
}

/**
 * Makes a court CA and a court certificate, both valid from yesterday (so that "now" on the server is inside
 * their windows to the second) for ten years and one year.
 */
export function makeCourtPki(subject = '/C=DE/O=Justiz Test/CN=Amtsgericht Test'): CourtPki {
  const dir = mkdtempSync(path.join(tmpdir(), 'writ-court-pki-'));
  const file = (name: string) => path.join(dir, name);
  const openssl = opensslIn(dir);
  const start = asn1Time(new Date(Date.now() - 86_400_000));
  const caEnd = asn1Time(new Date(Date.now() + 10 * 365 * 86_400_000));
  const courtEnd = asn1Time(new Date(Date.now() + 365 * 86_400_000));

  /** A CA (self-signed) and a signer it issues, under `prefix`, each with its own `openssl ca` database. */
  function hierarchy(prefix: string, caSubject: string) {
    openssl.caDatabase(randomBytes(8).toString('hex').toUpperCase());
    openssl.request(`${prefix}-ca`, caSubject);
    const caFiles = ['-keyfile', `${prefix}-ca.key`, '-startdate', start];
    openssl.ca(
      '-selfsign',
      ...caFiles,
      '-in',
      `${prefix}-ca.csr`,
      '-out',
      `${prefix}-ca.pem`,
      '-enddate',
      caEnd,
      '-extensions',
      'ca_ext',
    );
    openssl.request(prefix, subject);
    openssl.ca(
      '-cert',
      `${prefix}-ca.pem`,
      ...caFiles,
      '-in',
      `${prefix}.csr`,
      '-out',
      `${prefix}.pem`,
      '-enddate',
      courtEnd,
      '-extensions',
      'signer',
    );
  }
  hierarchy('court', '/C=DE/O=Justiz Test/CN=Test Court CA');
  hierarchy('impostor', '/C=DE/O=Justiz Test/CN=Test Court CA');

  function cmsSign(signer: string, document: Uint8Array): Buffer {
    const name = `doc-${randomUUID()}`;
    writeFileSync(file(name), document);
    openssl.cmsSign(signer, name, `${name}.p7s`);
    return readFileSync(file(`${name}.p7s`));
  }

  return {
    caPem: readFileSync(file('court-ca.pem'), 'utf8'),
    courtPem: readFileSync(file('court.pem'), 'utf8'),
    sign: (document) => cmsSign('court', document),
    signAsImpostor: (document) => cmsSign('impostor', document),
    close: () => rmSync(dir, { recursive: true, force: true }),
  };
}

async function json<T>(response: Response, expected: number, what: string): Promise<T> {
  const text = await response.text();
  if (response.status !== expected) throw new Error(`${what}: ${response.status} ${text}`);
  return (text ? JSON.parse(text) : undefined) as T;
}

export interface RegisteredAuthority {
  id: string;
  keyId: string | null;
  channelId: string;
}

/**
 * An authority in the registry through its API (as an ADMIN would): `certificate` registered as its key when
 * given, and one verified telephone channel; then a second admin approves its activation, key and channel (four
 * eyes, test/support/registry.ts).
 */
export async function registerAuthority(
  t: Pick<TestApp, 'url' | 'db'>,
  admin: TestStaff,
  options: { kind?: string; country?: string; name?: string; certificate?: string; ed25519PublicKey?: string } = {},
): Promise<RegisteredAuthority> {
  const post = (url: string, body: unknown) =>
    fetch(`${t.url}${url}`, { method: 'POST', headers: admin.headers, body: JSON.stringify(body) });
  const authority = await json<{ id: string }>(
    await post('/authorities', {
      name: options.name ?? `Amtsgericht ${randomUUID().slice(0, 8)}`,
      kind: options.kind ?? 'COURT',
      country: options.country ?? 'DE',
      jurisdiction: 'DE-BE',
    }),
    201,
    'create authority',
  );
  if (options.certificate) {
    await json(
      await post(`/authorities/${authority.id}/keys`, { kind: 'X509', certificate: options.certificate }),
      202,
      'propose key',
    );
  }
  if (options.ed25519PublicKey) {
    await json(
      await post(`/authorities/${authority.id}/keys`, {
        kind: 'ED25519',
        publicKey: options.ed25519PublicKey,
        validFrom: new Date(Date.now() - 86_400_000).toISOString(),
        validTo: new Date(Date.now() + 365 * 86_400_000).toISOString(),
      }),
      202,
      'propose Ed25519 key',
    );
  }
  const digits = String(Math.floor(Math.random() * 1e9)).padStart(9, '0');
  await json(
    await post(`/authorities/${authority.id}/channels`, {
      kind: 'PHONE',
      value: `+4930${digits}`,
      label: 'Registry office',
    }),
    202,
    'propose channel',
  );
  const approvals = await approvePendingRegistryChanges(t, authority.id);
  const keyId = approvals.find((approval) => approval.change.kind === 'ADD_KEY')?.change.keyId ?? null;
  const channelId = approvals.find((approval) => approval.change.kind === 'ADD_CHANNEL')?.change.channelId;
  if (!channelId) throw new Error('register authority: the channel was not approved');
  return { id: authority.id, keyId, channelId };
}

/** Attaches a document (kind ORDER unless said otherwise) with an optional detached signature (CMS by default). */
export async function uploadDocument(
  t: Pick<TestApp, 'url'>,
  as: TestStaff,
  requestId: string,
  document: Uint8Array,
  options: { signature?: Uint8Array; kind?: string; signatureFormat?: 'CMS' | 'ED25519' } = {},
): Promise<{ id: string; sha256: string }> {
  const format = options.signatureFormat ?? 'CMS';
  const body = new FormData();
  body.append('kind', options.kind ?? 'ORDER');
  if (options.signature) body.append('signatureFormat', format);
  body.append('file', new Blob([new Uint8Array(document)], { type: 'application/pdf' }), 'order.pdf');
  if (options.signature) {
    const name = format === 'CMS' ? 'order.p7s' : 'order.sig';
    body.append('signature', new Blob([new Uint8Array(options.signature)]), name);
  }
  const response = await fetch(`${t.url}/requests/${requestId}/documents`, {
    method: 'POST',
    headers: { authorization: as.headers.authorization! },
    body,
  });
  return json(response, 201, 'upload document');
}
