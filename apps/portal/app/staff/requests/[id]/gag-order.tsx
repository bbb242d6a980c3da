'use client';

import {
  isAnswered,
  RecordUserNotifiedRoute,
  type RequestDetail,
  SetGagOrderRoute,
  type StaffRole,
} from '@writ/contracts';
import { useEffect, useRef, useState } from 'react';
import { callFromBrowser } from '@/lib/browser-api';
import { ConfirmAction } from '../../admin/confirm-action';
import { when } from '../request-text';
import { GagOrderForm } from './gag-order-form';

/** A gag order is in force while it has no end date, or its end date has not passed. */
function gagInForce(request: RequestDetail, now: number): boolean {
  return request.hasNdo && (request.ndoEndsAt === null || Date.parse(request.ndoEndsAt) > now);
}

function gagText(request: RequestDetail, now: number): string {
  if (!request.hasNdo) return 'None: the user may be told about this request.';
  if (request.ndoEndsAt === null) return 'In force, with no end date: the user must not be told.';
  return gagInForce(request, now)
    ? `In force until ${when(request.ndoEndsAt)}: the user must not be told before then.`
    : `Lapsed on ${when(request.ndoEndsAt)}: the user may now be told.`;
}

export function GagOrder({
  request,
  roles,
  csrfToken,
  renderedAt,
}: {
  request: RequestDetail;
  roles: readonly StaffRole[];
  csrfToken: string;
  /** When the page was rendered on the server (ISO 8601). */
  renderedAt: string;
}) {
  const [justTold, setJustTold] = useState(false);
  const toldRef = useRef<HTMLElement>(null);
  // The step's button leaves with the refresh that follows it: the focus goes to the date now recorded, not <body>.
  useEffect(() => {
    if (justTold && request.userNotifiedAt) toldRef.current?.focus();
  }, [justTold, request.userNotifiedAt]);
  // The server's moment, not the browser's: both render the same state, even in the second a gag order lapses.
  const now = Date.parse(renderedAt);
  // Offered only when the API would take it; it checks again (the gag order may have changed meanwhile).
  const canRecord =
    RecordUserNotifiedRoute.access.roles.some((role) => roles.includes(role)) &&
    request.userNotifiedAt === null &&
    isAnswered(request.status) &&
    request.targets.length > 0 &&
    !gagInForce(request, now);

  return (
    <section className="card" aria-labelledby="gag-order">
      <h2 id="gag-order">Gag order and telling the user</h2>
      <dl className="facts">
        <dt>Gag order</dt>
        <dd data-testid="gag-order-state">{gagText(request, now)}</dd>
        <dt>User told</dt>
        <dd data-testid="user-notified" ref={toldRef} tabIndex={-1}>
          {request.userNotifiedAt
            ? when(request.userNotifiedAt)
            : isAnswered(request.status)
              ? 'Not yet'
              : 'Not yet — users are told once the request is answered'}
        </dd>
      </dl>
      {canRecord ? (
        // Asked first, as on the list of users to notify: the step is final and a stray tap must not record it.
        <ConfirmAction
          label="Record that the user was told…"
          warning={`Record that the user of ${request.reference} has been told about this request? This cannot be undone.`}
          confirmLabel="Yes, record it"
          cancelLabel="Cancel"
          doneText="Recorded"
          danger={false}
          onDone={() => setJustTold(true)}
          run={() => callFromBrowser(RecordUserNotifiedRoute, { params: { id: request.id }, body: {} }, { csrfToken })}
        />
      ) : null}
      {SetGagOrderRoute.access.roles.some((role) => roles.includes(role)) ? (
        <GagOrderForm request={request} csrfToken={csrfToken} />
      ) : null}
    </section>
  );
}
