import { LoginForm } from './login-form';

export const metadata = { title: 'Staff login' };

export default function StaffLoginPage() {
  return (
    <>
      <h1>Staff login</h1>
      <p className="muted">Every account uses a password and an authenticator app (TOTP). Both are needed each time.</p>
      <LoginForm />
    </>
  );
}
