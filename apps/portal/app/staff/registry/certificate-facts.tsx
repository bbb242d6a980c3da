import type { CertificateFacts as Facts } from '@writ/contracts';
import { formatTime, validSoFar } from '../admin/words';

/** A key's own validity window, each instant kept on one line (a phone broke "2036-12-" from "02"). */
export function ValidWindow({ from, to, soFar = false }: { from: string; to: string; soFar?: boolean }) {
  return (
    <>
      <span className="nowrap">{formatTime(from)}</span> to <span className="nowrap">{formatTime(to)}</span>
      {soFar ? ` (${validSoFar(from)})` : null}
    </>
  );
}

/**
 * What an X.509 certificate says about itself (read by the API), as rows of a `.facts` list: what an admin reads
 * against the court's records before trusting it, and after.
 */
export function CertificateFacts({ certificate }: { certificate: Facts | null }) {
  if (!certificate) return null;
  return (
    <>
      <dt>Subject</dt>
      <dd className="distinguished-name" data-testid="certificate-subject">
        {certificate.subject}
      </dd>
      <dt>Issuer</dt>
      <dd className="distinguished-name" data-testid="certificate-issuer">
        {certificate.issuer}
      </dd>
      <dt>Serial number</dt>
      <dd>
        <code className="fingerprint" data-testid="certificate-serial">
          {certificate.serialNumber}
        </code>
      </dd>
    </>
  );
}
