'use client';

import { useRouter } from 'next/navigation';
import type { MouseEvent } from 'react';

/**
 * A scrollable region holding markup built as text on the server (a long table: see
 * app/staff/requests/queue-table.tsx for why), whose links still move within the portal without reloading it, as
 * the Link component's would. Only a plain click on a link to this portal is taken over; a new tab or window, a
 * download, another site, or a page with JavaScript off behave as any link does.
 */
export function MarkupRegion({ html, labelledBy, className }: { html: string; labelledBy: string; className: string }) {
  const router = useRouter();
  function follow(event: MouseEvent<HTMLDivElement>) {
    if (event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!(link instanceof HTMLAnchorElement) || !event.currentTarget.contains(link)) return;
    if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return;
    const url = new URL(link.href);
    if (url.origin !== window.location.origin) return;
    event.preventDefault();
    router.push(`${url.pathname}${url.search}${url.hash}`);
  }
  return (
    // The click handler only speeds up the links inside; Enter on a link clicks it, so keys take the same path.
    <div
      className={className}
      tabIndex={0}
      role="region"
      aria-labelledby={labelledBy}
      onClick={follow}
      dangerouslySetInnerHTML={{ __html: html }}
    />
  );
}
