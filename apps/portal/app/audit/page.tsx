export const metadata = { title: 'Audit log' };

export default function AuditPage() {
  return (
    <>
      <h1>Audit log</h1>
      <p className="muted">
        Every action Writ takes is a leaf of a Merkle-tree log with signed checkpoints. Auditors can check
        inclusion and consistency proofs here, in the browser, without trusting the server.
      </p>
    </>
  );
}
