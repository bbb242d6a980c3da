'use client';

import Link from '@/components/link';
import { usePathname } from 'next/navigation';

const LINKS = [
  { href: '/', label: 'Transparency' },
  { href: '/countries', label: 'Countries' },
  { href: '/canary', label: 'Canary' },
  { href: '/policy', label: 'Policy' },
  { href: '/audit', label: 'Audit log' },
  { href: '/staff', label: 'Staff' },
] as const;

function isCurrent(pathname: string, href: string): boolean {
  return href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`);
}

/**
 * The site's main navigation; the current area is marked for screen readers (aria-current) and by sight.
 */
export function MainNav() {
  const pathname = usePathname() ?? '/';
  return (
    <nav aria-label="Main">
      <ul>
        {LINKS.map((link) => (
          <li key={link.href}>
            <Link href={link.href} aria-current={isCurrent(pathname, link.href) ? 'page' : undefined}>
              {link.label}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
