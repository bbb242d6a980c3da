import type { Metadata } from 'next';
import Link from '@/components/link';
import { connection } from 'next/server';
import type { ReactNode } from 'react';
import { MainNav } from '@/components/main-nav';
import './globals.css';

export const metadata: Metadata = {
  title: { default: 'Writ — transparency', template: '%s · Writ' },
  description: 'How this platform answers government demands for user data, in public view.',
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  // Every page renders per request: its scripts carry the nonce of that response's Content-Security-Policy
  // (proxy.ts); a page prerendered at build time would have none, and its scripts would be refused.
  await connection();
  return (
    <html lang="en">
      <body>
        <a className="skip" href="#main">
          Skip to content
        </a>
        <header className="site-header">
          <div className="site-header-inner">
            <Link href="/" className="brand">
              Writ
            </Link>
            <MainNav />
          </div>
        </header>
        <main id="main" tabIndex={-1}>
          {children}
        </main>
        <footer className="site-footer">
          <p>
            Writ discloses only IP addresses and phone numbers, only of suspects named in a verified court order, and
            never message content.
          </p>
        </footer>
      </body>
    </html>
  );
}
