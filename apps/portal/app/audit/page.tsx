import { AuditChecks } from './audit-checks';

export const metadata = {
  title: 'Audit log',
  description:
    "Check Writ's tamper-evident log in your browser: the signed checkpoint against a key you pin, that the log only grew, that a receipt is in it, and a full recount of every entry.",
};

export default function AuditPage() {
  return (
    <>
      <h1>Audit log</h1>
      <div className="lead prose">
        <p>
          Every action Writ takes (each request logged, each verification, each decision, each release of data) is
          written as an entry in a public, append-only log. At regular moments the log publishes a{' '}
          <strong>checkpoint</strong>: the number of entries so far and a fingerprint of all of them (the Merkle
          tree&apos;s <em>root hash</em>), signed with the log&apos;s private key.
        </p>
        <p>
          The checks below run <strong>in your browser</strong>, with your copy of the log&apos;s public key. You do not
          have to trust this website&apos;s server: it only hands over data, and your browser decides whether that data
          proves what it claims.
        </p>
      </div>
      <noscript>
        <p className="check warn">
          These checks run in your browser and need JavaScript. The offline verifier (<code>writ-verify</code>) performs
          the same checks from a command line.
        </p>
      </noscript>
      <AuditChecks />
    </>
  );
}
