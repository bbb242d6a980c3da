import Link from '@/components/link';

export const metadata = { title: 'Page not found' };

/** Any address the portal has no page for, and any page that calls notFound() (a malformed period, say). */
export default function NotFound() {
  return (
    <>
      <h1>Page not found</h1>
      <p data-testid="not-found">
        There is no page at this address. It may be mistyped, or a link pointed at something that no longer exists.
      </p>
      <ul>
        <li>
          <Link href="/">Transparency reports</Link>: what was asked for, and what was disclosed
        </li>
        <li>
          <Link href="/audit">Audit log</Link>: check the log yourself
        </li>
        <li>
          <Link href="/staff">Staff area</Link>: for the platform&apos;s legal staff
        </li>
      </ul>
    </>
  );
}
