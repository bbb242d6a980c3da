import type { ApiTokenView } from '@writ/contracts';
import { when } from '../requests/request-text';
import { RevokeToken } from './revoke-token';

function state(token: ApiTokenView, now: string): string {
  if (token.revokedAt) return `Revoked ${when(token.revokedAt)}`;
  if (token.expiresAt <= now) return 'Expired';
  return 'Active';
}

/** The tokens, newest first as the API lists them; never their secrets (only a hash is stored). */
export function TokenTable({ tokens, now, csrfToken }: { tokens: ApiTokenView[]; now: string; csrfToken: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="token-list">
      <table className="stack" data-testid="tokens">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Roles</th>
            <th scope="col">Made</th>
            <th scope="col">Expires</th>
            <th scope="col">Last used</th>
            <th scope="col">State</th>
            <th scope="col">Revoke</th>
          </tr>
        </thead>
        <tbody>
          {tokens.map((token) => {
            const active = !token.revokedAt && token.expiresAt > now;
            return (
              <tr key={token.id} data-testid="token-row">
                <td data-label="Name">{token.name}</td>
                <td data-label="Roles">{token.roles.join(', ')}</td>
                <td data-label="Made">{when(token.createdAt)}</td>
                <td data-label="Expires">{when(token.expiresAt)}</td>
                <td data-label="Last used">{token.lastUsedAt ? when(token.lastUsedAt) : 'Never'}</td>
                <td data-label="State">
                  <span className={`badge ${active ? 'release' : 'deny'}`}>{state(token, now)}</span>
                </td>
                <td data-label="Revoke">
                  {active ? <RevokeToken id={token.id} name={token.name} csrfToken={csrfToken} /> : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
