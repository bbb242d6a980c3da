// The login rate limit behind the portal: every browser call reaches the API from the portal's address, so the
// portal names the client in a header signed with PORTAL_PROXY_SECRET (apps/portal/lib/client-address.ts). The API
// counts by that address when, and only when, the signature holds: one client's bogus logins do not shut out
// another, and nobody else can pick the bucket they are counted in.
import { randomUUID } from 'node:crypto';
import { ErrorBody } from '@writ/contracts';
import {
  CLIENT_IP_HEADER,
  CLIENT_IP_SIGNATURE_HEADER,
  signClientAddress,
} from '../../apps/api/src/auth/client-address';
import { startTestApp, type TestApp } from '../support/test-app';

const SECRET = 'the portal and the API share this secret';
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ PORTAL_PROXY_SECRET: SECRET });
});
afterAll(async () => {
  await t.close();
});

/** A login with a fresh unknown email each time (so only the per-address limit can answer 429). */
const login = (headers: Record<string, string> = {}) =>
  fetch(`${t.url}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email: `guess-${randomUUID()}@test.example`, password: 'not the password' }),
  });
const viaPortal = (address: string, secret = SECRET) => ({
  [CLIENT_IP_HEADER]: address,
  [CLIENT_IP_SIGNATURE_HEADER]: signClientAddress(secret, address),
});

describe('login rate limit per client behind the portal', () => {
  it('holds back the client making bogus logins, not the next one through the same portal', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 21; i++) statuses.push((await login(viaPortal('198.51.100.7'))).status);
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    const refused = await login(viaPortal('198.51.100.7'));
    expect(refused.status).toBe(429);
    expect(ErrorBody.parse(await refused.json()).error.code).toBe('RATE_LIMITED');

    expect((await login(viaPortal('198.51.100.8'))).status).toBe(401);
    expect((await login(viaPortal('2001:db8::8'))).status).toBe(401);
  });

  it('counts a call whose address is not signed with the secret by its connection, whatever it claims', async () => {
    const statuses: number[] = [];
    // Each claims another address; unsigned, or signed with a guessed secret, all count against the connection.
    for (let i = 0; i < 21; i++) {
      const claimed = `203.0.113.${i + 1}`;
      const headers =
        i % 2 ? viaPortal(claimed, 'a guessed secret, also 32 characters') : { [CLIENT_IP_HEADER]: claimed };
      statuses.push((await login(headers)).status);
    }
    expect(statuses.slice(0, 20).every((status) => status === 401)).toBe(true);
    expect(statuses[20]).toBe(429);
  });
});
