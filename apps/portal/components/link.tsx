import NextLink from 'next/link';
import type { ComponentProps } from 'react';

/**
 * Next.js's Link, without prefetching unless a caller asks for it. By default Next.js fetches the payload of every
 * link that scrolls into view: a queue page of 50 requests and its status chips made some 30 requests to the portal
 * per view, each a server render (and an API call for the session) that nobody might follow; on public pages those
 * payloads also bypass the page cache. A staff page is per person and changes under one's feet, so a prefetched copy
 * would be stale anyway. ESLint sends every import of next/link here.
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
