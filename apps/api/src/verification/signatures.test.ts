import { generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { opensslIn } from '../../../../test/support/openssl-ca';
import { type RegisteredKey, verifyDetachedSignature } from './signatures.js';

// Real artefacts, made here with the openssl CLI the way a court's signing tool would: a court CA, court
// certificates it issues, detached CMS signatures (`openssl cms -sign -binary -outform DER`) over a PDF-like
// document, and raw Ed25519 signatures.

let dir: string;
const file = (name: string) => path.join(dir, name);
let tool: ReturnType<typeof opensslIn>;
const openssl = (...args: string[]) => tool.run(...args);
const read = (name: string) => new Uint8Array(readFileSync(file(name)));
const pem = (name: string) => readFileSync(file(name), 'utf8');

const LONG_AGO = new Date('2000-01-01T00:00:00Z');
const FAR_AHEAD = new Date('2100-01-01T00:00:00Z');
// A day ahead: certificates made below start "now", to the second, and must already be valid when checked.
const NOW = new Date(Date.now() + 86_400_000);

function registeredCertificate(
  id: string,
  name: string,
  window = { validFrom: LONG_AGO, validTo: FAR_AHEAD },
): RegisteredKey {
  return { kind: 'X509_CERTIFICATE', id, certificate: pem(name), ...window };
}

/** A self-signed CA certificate. */
function makeCa(name: string, subject: string) {
  openssl(
    'req',
    '-x509',
    '-newkey',
    'rsa:2048',
    '-nodes',
    '-keyout',
    `${name}.key`,
    '-out',
    `${name}.pem`,
    '-subj',
    subject,
    '-days',
    '3650',
    '-addext',
    'basicConstraints=critical,CA:TRUE',
    '-addext',
    'keyUsage=critical,keyCertSign,cRLSign',
  );
}

/** A certificate issued by `ca`, valid from now for a year, with the extensions in section `ext` of ext.cnf. */
function issue(name: string, subject: string, ca: string, ext = 'signer', key = ['-newkey', 'rsa:2048']) {
  tool.request(name, subject, key);
  openssl(
    'x509',
    '-req',
    '-in',
    `${name}.csr`,
    '-CA',
    `${ca}.pem`,
    '-CAkey',
    `${ca}.key`,
    '-set_serial',
    String(Date.now()),
    '-days',
    '365',
    '-extfile',
    'ext.cnf',
    '-extensions',
    ext,
    '-out',
    `${name}.pem`,
  );
}

function cmsSign(signer: string, out: string, ...extra: string[]) {
  tool.cmsSign(signer, 'order.pdf', out, ...extra);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'writ-signatures-'));
  tool = opensslIn(dir);
  writeFileSync(
    file('ext.cnf'),
    [
      '[signer]',
      'basicConstraints=critical,CA:FALSE',
      'keyUsage=critical,digitalSignature,nonRepudiation',
      'subjectKeyIdentifier=hash',
      '[intermediate]',
      'basicConstraints=critical,CA:TRUE',
      'keyUsage=critical,keyCertSign,cRLSign',
    ].join('\n'),
  );
  // A PDF-like order document.
  writeFileSync(
    file('order.pdf'),
    Buffer.concat([Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n'), randomBytes(4096), Buffer.from('\n%%EOF\n')]),
  );

  // The court CA is valid from 2019 to 2039, so that a court certificate of 2020 can be checked in 2020.
  // OpenSSL 3.0's `req`/`x509` cannot set past dates, `ca -startdate/-enddate` can; it needs a minimal database.
  tool.caDatabase('1000');
  tool.request('court-ca', '/C=DE/O=Justiz Test/CN=Test Court CA');
  tool.ca(
    '-selfsign',
    '-keyfile',
    'court-ca.key',
    '-in',
    'court-ca.csr',
    '-out',
    'court-ca.pem',
    '-startdate',
    '20190101000000Z',
    '-enddate',
    '20391231235959Z',
    '-extensions',
    'ca_ext',
  );
  issue('court', '/C=DE/O=Justiz Test/CN=Amtsgericht Test', 'court-ca');
  cmsSign('court', 'order.p7s');
  cmsSign('court', 'order-nocerts.p7s', '-nocerts');
  cmsSign('court', 'order-keyid.p7s', '-keyid');
  cmsSign('court', 'order-attached.p7s', '-nodetach');

  // Not registered: another CA, and an impostor CA that copies the court CA's name exactly.
  makeCa('other-ca', '/C=XX/CN=Some Other CA');
  issue('other', '/C=DE/O=Justiz Test/CN=Amtsgericht Test', 'other-ca');
  cmsSign('other', 'order-other.p7s');
  makeCa('impostor-ca', '/C=DE/O=Justiz Test/CN=Test Court CA');
  issue('impostor', '/C=DE/O=Justiz Test/CN=Amtsgericht Test', 'impostor-ca');
  cmsSign('impostor', 'order-impostor.p7s');

  // A court certificate that was valid in 2020 only.
  tool.request('expired', '/CN=Amtsgericht Expired');
  tool.ca(
    '-cert',
    'court-ca.pem',
    '-keyfile',
    'court-ca.key',
    '-in',
    'expired.csr',
    '-out',
    'expired.pem',
    '-startdate',
    '20200101000000Z',
    '-enddate',
    '20210101000000Z',
    '-extensions',
    'signer',
  );
  cmsSign('expired', 'order-expired.p7s');

  // A chain: court CA -> regional intermediate CA -> court, with the intermediate carried in the signature.
  issue('regional-ca', '/C=DE/CN=Regional Court CA', 'court-ca', 'intermediate');
  issue('regional-court', '/C=DE/CN=Landgericht Test', 'regional-ca');
  cmsSign('regional-court', 'order-chain.p7s', '-certfile', 'regional-ca.pem');

  // A registered court (end-entity) certificate used as if it were a CA.
  issue('minted', '/C=DE/CN=Amtsgericht Test', 'court');
  cmsSign('minted', 'order-minted.p7s');

  // An ECDSA P-256 court certificate.
  issue('court-ec', '/C=DE/CN=Amtsgericht EC', 'court-ca', 'signer', [
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
  ]);
  cmsSign('court-ec', 'order-ec.p7s');
}, 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('CMS detached signatures (openssl cms -sign -binary -outform DER)', () => {
  const verifyCms = (
    signature: string,
    registeredKeys: RegisteredKey[],
    options: { document?: Uint8Array; at?: Date } = {},
  ) =>
    verifyDetachedSignature({
      document: options.document ?? read('order.pdf'),
      signature: read(signature),
      format: 'CMS',
      registeredKeys,
      at: options.at ?? NOW,
    });
  const courtCa = () => registeredCertificate('court-ca', 'court-ca.pem');

  test('a signature by a court certificate issued by the registered court CA is VALID', async () => {
    const result = await verifyCms('order.p7s', [courtCa()]);
    expect(result).toMatchObject({
      status: 'VALID',
      signer: { keyId: 'court-ca', subject: 'C=DE, O=Justiz Test, CN=Amtsgericht Test' },
    });
    expect(result.signer?.certificateSha256).toMatch(/^[0-9a-f]{64}$/);
  });

  test('a signature by the registered court certificate itself is VALID', async () => {
    expect(await verifyCms('order.p7s', [registeredCertificate('court', 'court.pem')])).toMatchObject({
      status: 'VALID',
      signer: { keyId: 'court' },
    });
  });

  test('the registry may hold the certificate as DER bytes', async () => {
    openssl('x509', '-in', 'court-ca.pem', '-outform', 'DER', '-out', 'court-ca.der');
    const der: RegisteredKey = {
      kind: 'X509_CERTIFICATE',
      id: 'court-ca-der',
      certificate: read('court-ca.der'),
      validFrom: LONG_AGO,
      validTo: FAR_AHEAD,
    };
    expect((await verifyCms('order.p7s', [der])).status).toBe('VALID');
  });

  test('a tampered copy of the document is BAD_SIGNATURE', async () => {
    const tampered = read('order.pdf');
    tampered[100] = tampered[100]! ^ 0x01;
    expect((await verifyCms('order.p7s', [courtCa()], { document: tampered })).status).toBe('BAD_SIGNATURE');
  });

  test('a signature whose signed bytes were altered is BAD_SIGNATURE', async () => {
    const signature = read('order.p7s');
    // The RSA signature value is the last element of the SignerInfo, at the very end of the DER.
    signature[signature.length - 10] = signature[signature.length - 10]! ^ 0xff;
    const result = await verifyDetachedSignature({
      document: read('order.pdf'),
      signature,
      format: 'CMS',
      registeredKeys: [courtCa()],
      at: NOW,
    });
    expect(result.status).toBe('BAD_SIGNATURE');
  });

  test('a certificate from a different, unregistered CA is UNREGISTERED_KEY', async () => {
    expect((await verifyCms('order-other.p7s', [courtCa()])).status).toBe('UNREGISTERED_KEY');
  });

  test('a CA that copies the registered CA’s name but not its key is UNREGISTERED_KEY', async () => {
    const subject = (name: string) => openssl('x509', '-in', name, '-noout', '-subject').toString();
    expect(subject('impostor-ca.pem')).toBe(subject('court-ca.pem'));
    expect((await verifyCms('order-impostor.p7s', [courtCa()])).status).toBe('UNREGISTERED_KEY');
  });

  test('a registered end-entity certificate cannot vouch for certificates it signed', async () => {
    expect((await verifyCms('order-minted.p7s', [registeredCertificate('court', 'court.pem')])).status).toBe(
      'UNREGISTERED_KEY',
    );
  });

  test('an expired court certificate is CERTIFICATE_EXPIRED, and VALID at a time inside its validity', async () => {
    const expired = await verifyCms('order-expired.p7s', [courtCa()]);
    expect(expired).toMatchObject({
      status: 'CERTIFICATE_EXPIRED',
      message: expect.stringMatching(/expired on 2021-01-01 \d{2}:\d{2} UTC/),
    });
    expect((await verifyCms('order-expired.p7s', [courtCa()], { at: new Date('2020-06-01T00:00:00Z') })).status).toBe(
      'VALID',
    );
  });

  test('a registry entry outside its own validity window is CERTIFICATE_EXPIRED', async () => {
    const retired = registeredCertificate('court-ca-2019', 'court-ca.pem', {
      validFrom: LONG_AGO,
      validTo: new Date('2019-12-31T00:00:00Z'),
    });
    expect((await verifyCms('order.p7s', [retired])).status).toBe('CERTIFICATE_EXPIRED');
  });

  test('a signature without embedded certificates verifies against the registered court certificate', async () => {
    expect((await verifyCms('order-nocerts.p7s', [registeredCertificate('court', 'court.pem')])).status).toBe('VALID');
    // With only the CA registered, nothing says which key signed.
    expect((await verifyCms('order-nocerts.p7s', [courtCa()])).status).toBe('UNREGISTERED_KEY');
  });

  test('a signer named by subject key identifier (-keyid) is found', async () => {
    expect((await verifyCms('order-keyid.p7s', [courtCa()])).status).toBe('VALID');
  });

  test('an intermediate CA carried in the signature links the court to the registered root', async () => {
    expect((await verifyCms('order-chain.p7s', [courtCa()])).status).toBe('VALID');
  });

  test('an ECDSA P-256 court certificate is VALID', async () => {
    expect((await verifyCms('order-ec.p7s', [courtCa()])).status).toBe('VALID');
  });

  test('an attached (-nodetach) signature counts only for the content it carries', async () => {
    expect((await verifyCms('order-attached.p7s', [courtCa()])).status).toBe('VALID');
    const other = new Uint8Array(Buffer.from('%PDF-1.7 a different order'));
    expect((await verifyCms('order-attached.p7s', [courtCa()], { document: other })).status).toBe('BAD_SIGNATURE');
  });

  test.each([
    ['random bytes', () => new Uint8Array(randomBytes(512))],
    ['an empty file', () => new Uint8Array(0)],
    ['a truncated signature', () => read('order.p7s').slice(0, 600)],
    ['trailing bytes after the signature', () => new Uint8Array([...read('order.p7s'), 0])],
    [
      'a PEM-armoured signature instead of DER',
      () =>
        new Uint8Array(
          Buffer.from(`-----BEGIN CMS-----\n${Buffer.from(read('order.p7s')).toString('base64')}\n-----END CMS-----\n`),
        ),
    ],
    ['a certificate instead of a signature', () => read('court-ca.der')],
  ])('%s is MALFORMED', async (_name, signature) => {
    const result = await verifyDetachedSignature({
      document: read('order.pdf'),
      signature: signature(),
      format: 'CMS',
      registeredKeys: [courtCa()],
      at: NOW,
    });
    expect(result.status).toBe('MALFORMED');
  });
});

describe('raw Ed25519 signatures over the document bytes', () => {
  const rawPublicKey = (publicKey: ReturnType<typeof generateKeyPairSync>['publicKey']) =>
    new Uint8Array(Buffer.from(publicKey.export({ format: 'jwk' }).x!, 'base64url'));
  const court = generateKeyPairSync('ed25519');
  const stranger = generateKeyPairSync('ed25519');
  const registered = (window = { validFrom: LONG_AGO, validTo: FAR_AHEAD }): RegisteredKey => ({
    kind: 'ED25519',
    id: 'court-ed25519',
    publicKey: rawPublicKey(court.publicKey),
    ...window,
  });
  const verifyEd = (
    signature: Uint8Array,
    options: { document?: Uint8Array; keys?: RegisteredKey[]; signerPublicKey?: Uint8Array } = {},
  ) =>
    verifyDetachedSignature({
      document: options.document ?? read('order.pdf'),
      signature,
      format: 'ED25519',
      registeredKeys: options.keys ?? [registered()],
      at: NOW,
      ...(options.signerPublicKey === undefined ? {} : { signerPublicKey: options.signerPublicKey }),
    });
  const signWith = (key: typeof court, document = read('order.pdf')) =>
    new Uint8Array(sign(null, document, key.privateKey));

  test('a signature by the registered key is VALID', async () => {
    expect(await verifyEd(signWith(court))).toMatchObject({ status: 'VALID', signer: { keyId: 'court-ed25519' } });
  });

  test('a signature made by openssl pkeyutl -rawin is VALID', async () => {
    writeFileSync(file('ed25519.pem'), court.privateKey.export({ format: 'pem', type: 'pkcs8' }));
    openssl('pkeyutl', '-sign', '-rawin', '-inkey', 'ed25519.pem', '-in', 'order.pdf', '-out', 'order.ed25519.sig');
    expect((await verifyEd(read('order.ed25519.sig'))).status).toBe('VALID');
  });

  test('a signature by another key is UNREGISTERED_KEY, whether or not the signer names its key', async () => {
    expect((await verifyEd(signWith(stranger))).status).toBe('UNREGISTERED_KEY');
    expect((await verifyEd(signWith(stranger), { signerPublicKey: rawPublicKey(stranger.publicKey) })).status).toBe(
      'UNREGISTERED_KEY',
    );
  });

  test('a tampered document is BAD_SIGNATURE when the signer names its registered key', async () => {
    const tampered = read('order.pdf');
    tampered[0] = tampered[0]! ^ 0x01;
    const result = await verifyEd(signWith(court), {
      document: tampered,
      signerPublicKey: rawPublicKey(court.publicKey),
    });
    expect(result.status).toBe('BAD_SIGNATURE');
  });

  test('a tampered document without a named key is refused, and the message says either cause is possible', async () => {
    const tampered = read('order.pdf');
    tampered[0] = tampered[0]! ^ 0x01;
    const result = await verifyEd(signWith(court), { document: tampered });
    expect(result).toMatchObject({
      status: 'UNREGISTERED_KEY',
      message: expect.stringMatching(/another key, or the document was altered/),
    });
  });

  test('a registered key outside its validity window is CERTIFICATE_EXPIRED', async () => {
    const retired = registered({ validFrom: LONG_AGO, validTo: new Date('2020-01-01T00:00:00Z') });
    expect((await verifyEd(signWith(court), { keys: [retired] })).status).toBe('CERTIFICATE_EXPIRED');
    const notYet = registered({ validFrom: FAR_AHEAD, validTo: FAR_AHEAD });
    expect((await verifyEd(signWith(court), { keys: [notYet] })).status).toBe('CERTIFICATE_EXPIRED');
  });

  test.each([
    ['63 bytes', () => new Uint8Array(63)],
    ['a CMS signature', () => read('order.p7s')],
  ])('%s is MALFORMED', async (_name, signature) => {
    expect((await verifyEd(signature())).status).toBe('MALFORMED');
  });

  test('garbage of the right length is not VALID', async () => {
    expect((await verifyEd(new Uint8Array(randomBytes(64)))).status).not.toBe('VALID');
  });
});

test('bytes handed over as views into larger buffers (as Node’s pooled Buffers are) verify the same', async () => {
  const view = (bytes: Uint8Array) => {
    const padded = new Uint8Array(bytes.length + 13).fill(0xee);
    padded.set(bytes, 7);
    return padded.subarray(7, 7 + bytes.length);
  };
  const courtCa = registeredCertificate('court-ca', 'court-ca.pem');
  const cms = await verifyDetachedSignature({
    document: view(read('order.pdf')),
    signature: view(read('order.p7s')),
    format: 'CMS',
    registeredKeys: [courtCa],
    at: NOW,
  });
  expect(cms.status).toBe('VALID');
  const court = generateKeyPairSync('ed25519');
  const publicKey = view(new Uint8Array(Buffer.from(court.publicKey.export({ format: 'jwk' }).x!, 'base64url')));
  const signature = view(new Uint8Array(sign(null, read('order.pdf'), court.privateKey)));
  const ed = await verifyDetachedSignature({
    document: view(read('order.pdf')),
    signature,
    format: 'ED25519',
    registeredKeys: [{ kind: 'ED25519', id: 'k', publicKey, validFrom: LONG_AGO, validTo: FAR_AHEAD }],
    at: NOW,
  });
  expect(ed.status).toBe('VALID');
});

test('a registry entry that is not well-formed vouches for nobody', async () => {
  const court = generateKeyPairSync('ed25519');
  const raw = new Uint8Array(Buffer.from(court.publicKey.export({ format: 'jwk' }).x!, 'base64url'));
  const signature = new Uint8Array(sign(null, read('order.pdf'), court.privateKey));
  const broken = [
    { kind: 'ED25519', id: 'short', publicKey: raw.slice(0, 31), validFrom: LONG_AGO, validTo: FAR_AHEAD },
    { kind: 'ED25519', id: 'no-window', publicKey: raw },
  ] as RegisteredKey[];
  const result = await verifyDetachedSignature({
    document: read('order.pdf'),
    signature,
    format: 'ED25519',
    registeredKeys: broken,
    at: NOW,
  });
  expect(result.status).toBe('UNREGISTERED_KEY');
  const garbage: RegisteredKey = {
    kind: 'X509_CERTIFICATE',
    id: 'garbage',
    certificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----',
    validFrom: LONG_AGO,
    validTo: FAR_AHEAD,
  };
  const cms = await verifyDetachedSignature({
    document: read('order.pdf'),
    signature: read('order.p7s'),
    format: 'CMS',
    registeredKeys: [garbage],
    at: NOW,
  });
  expect(cms.status).toBe('UNREGISTERED_KEY');
});

test('an invalid verification time is MALFORMED rather than a guess', async () => {
  const result = await verifyDetachedSignature({
    document: new Uint8Array(1),
    signature: new Uint8Array(64),
    format: 'ED25519',
    registeredKeys: [],
    at: new Date(Number.NaN),
  });
  expect(result.status).toBe('MALFORMED');
});
