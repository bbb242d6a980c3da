'use client';

import { ActivateAuthority, AuthorityDetail, buildPath, RegistryChange, SuspendAuthority } from '@writ/contracts';
import { ConfirmAction } from '../../admin/confirm-action';
import { send } from '../../admin/send';

/** Suspending takes trust away, at once; activating adds it, so it is proposed to a second admin. */
export function AuthorityStatusActions({ authority, csrfToken }: { authority: AuthorityDetail; csrfToken: string }) {
  const path = (template: string) => buildPath(template, { id: authority.id });
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
          run={(reason) => send('POST', path(SuspendAuthority.path), AuthorityDetail, csrfToken, { reason })}
        />
      ) : (
        <ConfirmAction
          label="Propose activation…"
          warning={`Propose activating ${authority.name}? It becomes active when another admin approves.`}
          confirmLabel="Propose activation"
          doneText="Proposed: another admin approves it on Registry changes."
          danger={false}
          run={() => send('POST', path(ActivateAuthority.path), RegistryChange, csrfToken, {})}
        />
      )}
    </section>
  );
}
