// API processes keep token identities in memory and forget them when the database announces a change
// (apps/api/src/auth/identity-cache.ts). A test that changes a token or an account with SQL, around the API, waits
// here until the API has heard of it, as any later caller would in practice; a missing notification fails the test.
import { IdentityCache } from '../../apps/api/src/auth/identity-cache';
import type { TestApp } from './test-app';
import { untilTrue } from './wait';

export async function changeIdentities<T>(t: Pick<TestApp, 'app'>, write: () => Promise<T>): Promise<T> {
  const cache = t.app.get(IdentityCache);
  const before = cache.ticket();
  const result = await write();
  await untilTrue(() => cache.ticket() !== before, 'the writ_identity notification of an identity change');
  return result;
}
