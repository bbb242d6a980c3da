import { CreateStaff } from '@writ/contracts';
import { staffGate } from '@/lib/staff-gate';
import { NewAccountForm } from './new-account-form';

export const metadata = { title: 'Propose a new staff account' };
export const dynamic = 'force-dynamic';

const TITLE = 'Propose a new staff account';

export default async function NewAccountPage() {
  const gate = await staffGate(TITLE, CreateStaff.access.roles, '/staff/accounts/new');
  if (!gate.ok) return gate.page;
  return (
    <>
      <h1>{TITLE}</h1>
      <p className="muted prose">
        Four eyes: the account exists only once a second admin approves it. The person then logs in with the temporary
        password, chooses their own and sets up an authenticator.
      </p>
      <NewAccountForm csrfToken={gate.me.csrfToken ?? ''} />
    </>
  );
}
