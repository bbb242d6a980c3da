import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * A minimal `openssl ca` configuration for test certificate authorities: `openssl ca` (unlike `req`/`x509` in
 * OpenSSL 3.0) can set past validity dates, which expired-certificate tests need. Sections: `ca_ext` for a CA
 * certificate, `signer` for a court's signing certificate.
 */
export const OPENSSL_CA_CONFIG = [
  '[ca]',
  'default_ca=court',
  '[court]',
  'database=index.txt',
  'new_certs_dir=.',
  'serial=serial',
  'default_md=sha256',
  'policy=any',
  'unique_subject=no',
  '[any]',
  'countryName=optional',
  'organizationName=optional',
  'commonName=supplied',
  '[ca_ext]',
  'basicConstraints=critical,CA:TRUE',
  'keyUsage=critical,keyCertSign,cRLSign',
  'subjectKeyIdentifier=hash',
  '[signer]',
  'basicConstraints=critical,CA:FALSE',
  'keyUsage=critical,digitalSignature,nonRepudiation',
  'subjectKeyIdentifier=hash',
].join('\n');

/** The openssl CLI run in `dir`, with the steps every test PKI here is made of. */
export function opensslIn(dir: string) {
  const run = (...args: string[]) => execFileSync('openssl', args, { cwd: dir, stdio: 'pipe' });
  return {
    run,
    /** `ca.cnf` (OPENSSL_CA_CONFIG) and an empty `openssl ca` database, its serials starting at `serial` (hex). */
    caDatabase(serial: string): void {
      writeFileSync(path.join(dir, 'ca.cnf'), OPENSSL_CA_CONFIG);
      writeFileSync(path.join(dir, 'index.txt'), '');
      writeFileSync(path.join(dir, 'serial'), `${serial}\n`);
    },
    /** A new private key `<name>.key` (RSA unless `key` says otherwise) and a request for `subject`, `<name>.csr`. */
    request(name: string, subject: string, key = ['-newkey', 'rsa:2048']): void {
      run('req', '-new', ...key, '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    },
    /** `openssl ca` with the database `caDatabase` made: it can set past validity dates. */
    ca(...args: string[]): void {
      run('ca', '-batch', '-config', 'ca.cnf', '-notext', ...args);
    },
    /** A detached CMS signature (DER) by `<signer>.pem` with `<signer>.key` over the file `input`, into `output`. */
    cmsSign(signer: string, input: string, output: string, ...extra: string[]): void {
      const signerFiles = ['-signer', `${signer}.pem`, '-inkey', `${signer}.key`];
      run('cms', '-sign', '-binary', '-in', input, ...signerFiles, '-outform', 'DER', '-out', output, ...extra);
    },
  };
}
