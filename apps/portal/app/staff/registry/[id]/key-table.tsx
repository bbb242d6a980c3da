import { type AuthorityDetail, type AuthorityKey } from '@writ/contracts';
import { formatTime, keyAge } from '../../admin/words';
import { CertificateFacts, ValidWindow } from '../certificate-facts';
import { RevokeKey } from './revoke-key';

function keyState(key: AuthorityKey, now: Date): { label: string; tone: 'ok' | 'bad' | 'warn' } {
  if (key.revokedAt) return { label: `Revoked ${formatTime(key.revokedAt)}`, tone: 'bad' };
  if (Date.parse(key.validTo) < now.getTime()) return { label: 'Expired', tone: 'bad' };
  if (Date.parse(key.validFrom) > now.getTime()) return { label: 'Not yet valid', tone: 'warn' };
  return { label: 'In use', tone: 'ok' };
}

/** Every key the authority has had, revoked ones included: old orders were checked against them. */
export function KeyTable({
  authority,
  admin,
  csrfToken,
}: {
  authority: AuthorityDetail;
  admin: boolean;
  csrfToken: string;
}) {
  const now = new Date();
  if (authority.keys.length === 0) {
    return (
      <p className="card" data-testid="keys-empty">
        No key or certificate is registered: signatures on this authority’s orders cannot be checked yet.
        {admin ? ' Add one below; a second admin approves it.' : ''}
      </p>
    );
  }
  return (
    <ul className="plain-list" data-testid="keys">
      {authority.keys.map((key) => {
        const state = keyState(key, now);
        return (
          <li key={key.id} className="card" data-testid="key" data-fingerprint={key.fingerprint}>
            <dl className="facts">
              <dt>Kind</dt>
              <dd>{key.kind === 'X509' ? 'X.509 certificate' : 'Ed25519 public key'}</dd>
              <dt>State</dt>
              <dd className={`status-${state.tone}`}>{state.label}</dd>
              <dt>Fingerprint (SHA-256)</dt>
              <dd>
                <code className="fingerprint">{key.fingerprint}</code>
              </dd>
              <dt>Valid</dt>
              <dd>
                <ValidWindow from={key.validFrom} to={key.validTo} />
              </dd>
              {/* Counted from its registration here, as the decision preview counts a verification's key age,
                  not from the key's own valid-from, which can be years before anyone in Writ trusted it. */}
              <dt>Key age</dt>
              <dd data-testid="key-age">
                {keyAge(key.createdAt, now)} in Writ (registered {formatTime(key.createdAt)})
              </dd>
              <CertificateFacts certificate={key.certificate} />
            </dl>
            {admin && !key.revokedAt ? (
              <RevokeKey params={{ id: authority.id, keyId: key.id }} csrfToken={csrfToken} />
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}
