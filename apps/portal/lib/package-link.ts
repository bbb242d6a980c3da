import 'server-only';
import { buildPath, DescribeDownloadRoute, PackageLinkInfo } from '@writ/contracts';
import { headers } from 'next/headers';
import { API_URL } from './api';
import { clientAddressHeaders } from './client-address';

export type LinkLookup =
  { kind: 'found'; info: PackageLinkInfo } | { kind: 'not-found' | 'rate-limited' | 'unavailable'; message: string };

/**
 * What a one-time package link is (GET: never uses it up). Asked with the visitor's address signed, so the API's
 * per-client limit on token guesses counts this visitor, not the portal everyone comes through.
 */
export async function lookUpPackageLink(token: string): Promise<LinkLookup> {
  const incoming = await headers();
  const client = clientAddressHeaders(incoming.get('x-forwarded-for'), process.env.PORTAL_PROXY_SECRET);
  try {
    const response = await fetch(`${API_URL}${buildPath(DescribeDownloadRoute.path, { token })}`, {
      cache: 'no-store',
      headers: client,
      signal: AbortSignal.timeout(5000),
    });
    const body: unknown = await response.json();
    const message = (body as { error?: { message?: string } })?.error?.message ?? `HTTP ${response.status}`;
    if (response.status === 404 || response.status === 400) return { kind: 'not-found', message };
    if (response.status === 429) return { kind: 'rate-limited', message };
    if (!response.ok) return { kind: 'unavailable', message };
    const parsed = PackageLinkInfo.safeParse(body);
    return parsed.success
      ? { kind: 'found', info: parsed.data }
      : { kind: 'unavailable', message: 'Unexpected answer from the API.' };
  } catch {
    return { kind: 'unavailable', message: 'The Writ API cannot be reached right now.' };
  }
}
