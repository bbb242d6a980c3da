'use client';

import { usePathname, useSearchParams } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';

/** A navigation that answers within this long needs no word; a slower one says it is on its way. */
const QUIET_MS = 200;
/**
 * Past this, waiting longer rarely helps: the connection dropped or the server is stuck. The status then says what
 * to do instead of only that something is on its way.
 */
const STALLED_MS = 6000;

/**
 * "Loading the page…" while a link within the portal is on its way. Within the portal a link loads only the new
 * page's content and keeps the old page on screen meanwhile, which on a slow connection looks like a click that
 * did nothing. Spoken politely to screen readers; cleared when the new page arrives.
 */
export function NavigationStatus() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const [pending, setPending] = useState<'idle' | 'loading' | 'stalled'>('idle');
  const timers = useRef<number[]>([]);
  const clearTimers = () => {
    for (const id of timers.current) window.clearTimeout(id);
    timers.current = [];
  };

  useEffect(() => {
    clearTimers();
    // The page arrived (or the person went back): nothing is on its way any more.
    setPending('idle');
  }, [pathname, search]);

  useEffect(() => {
    function onClick(event: MouseEvent) {
      // Links call preventDefault to load within the portal, so that flag says nothing here; a modified click opens
      // a new tab or window instead, which this page does not wait for.
      if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
      const link = event.target instanceof Element ? event.target.closest('a[href]') : null;
      if (!(link instanceof HTMLAnchorElement)) return;
      if ((link.target && link.target !== '_self') || link.hasAttribute('download')) return;
      const url = new URL(link.href);
      if (url.origin !== window.location.origin) return;
      if (url.pathname === window.location.pathname && url.search === window.location.search) return;
      clearTimers();
      timers.current = [
        window.setTimeout(() => setPending('loading'), QUIET_MS),
        window.setTimeout(() => setPending('stalled'), STALLED_MS),
      ];
    }
    document.addEventListener('click', onClick);
    return () => {
      document.removeEventListener('click', onClick);
      clearTimers();
    };
  }, []);

  return (
    <p
      className="navigation-status"
      role="status"
      data-testid="navigation-status"
      data-pending={pending !== 'idle'}
      data-stalled={pending === 'stalled'}
    >
      {pending === 'loading' ? 'Loading the page…' : null}
      {pending === 'stalled'
        ? 'This is taking unusually long. Check your connection, then follow the link again.'
        : null}
    </p>
  );
}
