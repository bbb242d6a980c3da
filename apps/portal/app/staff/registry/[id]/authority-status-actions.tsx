'use client';

import { ActivateAuthority, type AuthorityDetail, SuspendAuthority } from '@writ/contracts';
import { ConfirmAction } from '../../admin/confirm-action';
import { callFromBrowser } from '@/lib/browser-api';

/** Suspending takes trust away, at once; activating adds it, so it is proposed to a second admin. */
export function AuthorityStatusActions({ authority, csrfToken }: { authority: AuthorityDetail; csrfToken: string }) {
  return (
    <section className="card" aria-labelledby="status-heading">
      <h3 id="status-heading">{authority.status === 'ACTIVE' ? 'Suspend' : 'Activate'}</h3>
      {authority.status === 'ACTIVE' ? (
        <ConfirmAction
          label="Suspend…"
          warning={`Suspend ${authority.name} now? Intake and verification stop relying on it; activating it again needs a second admin.`}
          confirmLabel="Yes, suspend it"
          reasonLabel="Why (kept in the audit log)"
          doneText="Suspended."
          run={(reason) =>
            callFromBrowser(SuspendAuthority, { params: { id: authority.id }, body: { reason } }, { csrfToken })
          }
        />
      ) : (
        <ConfirmAction
          label="Propose activation…"
          warning={`Propose activating ${authority.name}? It becomes active when another admin approves.`}
          confirmLabel="Propose activation"
          doneText="Proposed: another admin approves it on Registry changes."
          danger={false}
          run={() => callFromBrowser(ActivateAuthority, { params: { id: authority.id }, body: {} }, { csrfToken })}
        />
      )}
    </section>
  );
}
