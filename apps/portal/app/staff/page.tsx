export const metadata = { title: 'Staff' };

export default function StaffPage() {
  return (
    <>
      <h1>Staff</h1>
      <p className="muted">Legal staff sign in here to log requests, verify orders and prepare disclosures.</p>
    </>
  );
}
