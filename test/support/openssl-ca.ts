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
