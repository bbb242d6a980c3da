import { safeReturnPath } from '@/lib/return-path';
import { LoginForm } from './login-form';

export const metadata = { title: 'Staff login' };

export default async function StaffLoginPage({ searchParams }: PageProps<'/staff/login'>) {
  const { next } = await searchParams;
  // After a session ran out, the page the person was on (only a staff page of this site).
  const returnTo = safeReturnPath(Array.isArray(next) ? next[0] : next);
  return (
    <>
      <h1>Staff login</h1>
      <p className="muted">Every account uses a password and an authenticator app (TOTP). Both are needed each time.</p>
      <LoginForm returnTo={returnTo ?? undefined} />
    </>
  );
}
