import {
  GetAuthority,
  GetRequestRoute,
  isAnswered,
  ListAuthorities,
  ListDecisionsRoute,
  ListDisclosuresRoute,
  ListRequestDocuments,
  ListVerificationsRoute,
  PreviewDecisionsRoute,
  type RequestDetail,
  RequestHistoryRoute,
  RequestIdParams,
  type TargetView,
} from '@writ/contracts';
import type { ReactNode } from 'react';
import type { Metadata } from 'next';
import Link from '@/components/link';
import { cache, Fragment } from 'react';
import { getAsStaff } from '@/lib/staff-api';
import { staffGate } from '@/lib/staff-gate';
import { CATEGORY_WORDS, DueBadge, dueState, StatusBadge, when, words } from '../request-text';
import { AcknowledgeReceipt, AddTarget, canCorrect, CorrectRequest, mayAcknowledge, RemoveTarget } from './correction';
import { Decisions } from './decisions';
import { DisclosurePackage } from './disclosure-package';
import { Documents } from './documents';
import { GagOrder } from './gag-order';
import { LifecycleActions } from './lifecycle-actions';
import { HISTORY_PAGE, historyView, Timeline } from './timeline';
import { Verification } from './verification';

export const dynamic = 'force-dynamic';

/**
 * The request, asked of the API once per render however many parts want it: the tab title (generateMetadata) and
 * the page share one call. Reading a request is audited (request.read), so a second call would log a second read
 * that nobody made. React's cache() lasts one server request, which generateMetadata and the page share.
 */
const readRequest = cache((id: string) => getAsStaff(GetRequestRoute, { params: { id } }));

/** The tab says which request it is, so a clerk with several open finds the right one. */
export async function generateMetadata({ params }: PageProps<'/staff/requests/[id]'>): Promise<Metadata> {
  const { id } = await params;
  if (!RequestIdParams.safeParse({ id }).success) return { title: 'Request not found' };
  const request = await readRequest(id);
  return { title: request.ok ? `Request ${request.data.reference}` : 'Request' };
}

/**
 * A reference (WR-2026-000123) as a heading shows it: it may break after a hyphen on a narrow screen, never inside
 * the year or the number (`.mono` alone breaks anywhere, which split the number on a phone).
 */
function Reference({ reference }: { reference: string }) {
  const parts = reference.split('-');
  return (
    <span className="mono reference">
      {parts.map((part, index) => (
        <Fragment key={index}>
          {part}
          {index < parts.length - 1 ? (
            <>
              -<wbr />
            </>
          ) : null}
        </Fragment>
      ))}
    </span>
  );
}

/** `children`: what this person may correct here (correction/), below the facts it corrects. */
function Summary({ request, children }: { request: RequestDetail; children?: ReactNode }) {
  return (
    <section className="card" aria-labelledby="summary">
      <h2 id="summary">Summary</h2>
      <dl className="facts">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={request.status} /> {request.statusReason ? `— ${request.statusReason}` : null}
        </dd>
        <dt>Outcome</dt>
        <dd>{words(request.outcome)}</dd>
        <dt>Authority</dt>
        <dd>
          {request.authorityName} ({request.country}) ·{' '}
          <Link href={`/staff/requests?${new URLSearchParams({ authorityId: request.authorityId })}`}>
            other requests from this authority
          </Link>
        </dd>
        <dt>Type</dt>
        <dd>{words(request.type)}</dd>
        <dt>Legal process</dt>
        <dd>{words(request.legalProcess)}</dd>
        <dt>Case number</dt>
        <dd>{request.caseNumber ?? '—'}</dd>
        <dt>Offence</dt>
        <dd>{request.offenceCategory ?? '—'}</dd>
        <dt>Legal basis</dt>
        <dd>{request.legalBasis ?? '—'}</dd>
        <dt>Requester contact</dt>
        <dd>{request.requesterContact ?? '—'}</dd>
        <dt>Issued</dt>
        <dd>{when(request.issuedAt)}</dd>
        <dt>Received</dt>
        <dd>{when(request.receivedAt)}</dd>
        <dt>Acknowledged</dt>
        <dd>{when(request.acknowledgedAt)}</dd>
        <dt>Due</dt>
        <dd>
          {when(request.dueAt)} <DueBadge state={dueState(request, new Date())} />
        </dd>
        <dt>Order expires</dt>
        <dd>{when(request.expiresAt)}</dd>
        <dt>Answered</dt>
        <dd>{isAnswered(request.status) ? when(request.respondedAt) : 'not yet'}</dd>
      </dl>
      {request.statementOfReasons ? (
        <details>
          <summary>Statement of reasons</summary>
          <p className="prose">{request.statementOfReasons}</p>
        </details>
      ) : null}
      {children}
    </section>
  );
}

/**
 * `remove`: a target's removal, in its row, for whoever may correct the request; `children`: adding one, below the
 * table. The heading takes the focus when a removed target's row, and its buttons, leave the table.
 */
function Targets({
  request,
  remove,
  children,
}: {
  request: RequestDetail;
  remove?: (target: TargetView) => ReactNode;
  children?: ReactNode;
}) {
  return (
    <section className="card" aria-labelledby="targets">
      <h2 id="targets" tabIndex={-1}>
        Targets ({request.targets.length})
      </h2>
      <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="targets">
        <table className="stack" data-testid="targets">
          <thead>
            <tr>
              <th scope="col">Identifier</th>
              <th scope="col">Kind</th>
              <th scope="col">Role</th>
              <th scope="col">Named in the order</th>
              <th scope="col">Time window</th>
              {remove ? (
                <th scope="col">
                  <span className="visually-hidden">Correct</span>
                </th>
              ) : null}
            </tr>
          </thead>
          <tbody>
            {request.targets.map((target) => (
              <tr key={target.id}>
                {/* Never broken across lines on a wide screen: "+493012345 678" reads as two numbers. */}
                <td data-label="Identifier" className="mono nowrap">
                  {target.value}
                </td>
                <td data-label="Kind">{words(target.selectorType)}</td>
                <td data-label="Role">{words(target.role)}</td>
                <td data-label="Named in the order">
                  {target.namedInOrder ? 'Yes' : 'No — nothing can be released for it'}
                </td>
                <td data-label="Time window">
                  {target.windowStart || target.windowEnd
                    ? `${when(target.windowStart)} – ${when(target.windowEnd)}`
                    : 'Not limited'}
                </td>
                {remove ? (
                  <td data-label="" className="row-action">
                    {remove(target)}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {children}
      <h3>Data asked for</h3>
      <ul data-testid="categories">
        {request.categories.map((entry) => (
          <li key={entry.category}>
            {CATEGORY_WORDS[entry.category]}
            {entry.asWritten ? <span className="muted"> — as written: “{entry.asWritten}”</span> : null}
          </li>
        ))}
      </ul>
      <p className="small muted">
        Whatever was asked for, Writ can only ever release IP addresses and phone numbers, of suspects named in a
        verified court order.
      </p>
    </section>
  );
}

export default async function RequestPageView({ params, searchParams }: PageProps<'/staff/requests/[id]'>) {
  const { id } = await params;
  const query = await searchParams;
  const refused = query.exportRefused;
  const view = historyView(query);
  // Only a code (export/[disclosureId]/route.ts puts it there); anything else in the address is ignored.
  const exportRefused = typeof refused === 'string' && /^[A-Z0-9_]{1,64}$/.test(refused) ? refused : undefined;
  const validId = RequestIdParams.safeParse({ id }).success;
  // The request and its documents are asked for beside the session check, not after it: the API refuses them to
  // anyone the gate turns away (their answers are then dropped), and on a cold load each round trip less shows.
  const first = validId
    ? Promise.all([
        readRequest(id),
        getAsStaff(ListRequestDocuments, { params: { id } }),
        getAsStaff(RequestHistoryRoute, {
          params: { id },
          query: {
            limit: HISTORY_PAGE,
            ...(view.withReads ? {} : { withoutReads: 'true' as const }),
            ...(view.cursor ? { cursor: view.cursor } : {}),
          },
        }),
      ])
    : null;
  const gate = await staffGate('Request', GetRequestRoute.access.roles, `/staff/requests/${encodeURIComponent(id)}`);
  if (!gate.ok) return gate.page;
  if (!first) {
    return (
      <>
        <h1>Request not found</h1>
        <p className="status-bad">“{id}” is not the address of a request. Find it in the queue instead.</p>
        <p>
          <Link href="/staff/requests">All requests</Link>
        </p>
      </>
    );
  }
  const roles = gate.me.staff.roles;
  const [request, documents, history] = await first;
  if (!request.ok) {
    return (
      <>
        <h1>{request.status === 404 ? 'Request not found' : 'Request'}</h1>
        <p role="alert" className="status-bad" data-testid="request-error">
          {request.message}
        </p>
        <p>
          <Link href="/staff/requests">All requests</Link>
        </p>
      </>
    );
  }
  const detail = request.data;
  // The policy's preview until the decisions are recorded, then the decisions as stored.
  const readsDecisions = PreviewDecisionsRoute.access.roles.some((role) => roles.includes(role));
  const before = detail.status === 'IN_REVIEW' || detail.status === 'VERIFIED';
  const decided = !before && !['RECEIVED', 'WITHDRAWN'].includes(detail.status);
  const readsEvidence =
    detail.status !== 'RECEIVED' && ListVerificationsRoute.access.roles.some((role) => roles.includes(role));
  const readsPackages =
    ['DECIDED', 'DISCLOSURE_PREPARED', 'APPROVED', 'DELIVERED', 'CLOSED'].includes(detail.status) &&
    ListDisclosuresRoute.access.roles.some((role) => roles.includes(role));
  const corrects = canCorrect(detail, roles);
  const [preview, stored, verifications, authority, packages, authorities] = await Promise.all([
    readsDecisions && before ? getAsStaff(PreviewDecisionsRoute, { params: { id } }) : Promise.resolve(null),
    readsDecisions && decided ? getAsStaff(ListDecisionsRoute, { params: { id } }) : Promise.resolve(null),
    readsEvidence ? getAsStaff(ListVerificationsRoute, { params: { id } }) : Promise.resolve(null),
    // The call-back channels come from the registry, never from the order: a forged order prints its own number.
    readsEvidence && detail.status === 'IN_REVIEW'
      ? getAsStaff(GetAuthority, { params: { id: detail.authorityId } })
      : Promise.resolve(null),
    readsPackages ? getAsStaff(ListDisclosuresRoute, { params: { id } }) : Promise.resolve(null),
    // A correction may name another authority; as at intake, only active ones (the current one is always offered).
    corrects ? getAsStaff(ListAuthorities, { query: { status: 'ACTIVE', limit: 200 } }) : Promise.resolve(null),
  ]);
  // Evidence vouches for the order as recorded, so the API refuses to correct it once there is any: not offered then.
  const frozen = verifications?.ok === true && verifications.data.items.length > 0;
  const csrfToken = gate.me.csrfToken ?? '';
  return (
    <>
      <p className="small">
        <Link href="/staff/requests">← All requests</Link>
      </p>
      <h1>
        Request <Reference reference={detail.reference} />
      </h1>
      <LifecycleActions
        request={detail}
        roles={roles}
        csrfToken={csrfToken}
        also={
          corrects && !frozen ? [{ action: 'Correct this request', anchor: '#correct-request', name: 'Summary' }] : []
        }
      />
      <Summary request={detail}>
        {corrects && frozen ? (
          <p className="muted" data-testid="correct-frozen">
            Evidence verifying this order has been recorded, so what it says can no longer be corrected. If the order
            itself was wrong, reject or withdraw the request and log the corrected order as a new one.
          </p>
        ) : null}
        {corrects && !frozen ? (
          <CorrectRequest
            request={detail}
            authorities={authorities?.ok ? authorities.data.items : null}
            csrfToken={csrfToken}
          />
        ) : null}
        {mayAcknowledge(roles) ? <AcknowledgeReceipt request={detail} csrfToken={csrfToken} /> : null}
      </Summary>
      <Targets
        request={detail}
        remove={
          corrects && !frozen && detail.targets.length > 1
            ? (target) => <RemoveTarget request={detail} target={target} csrfToken={csrfToken} />
            : undefined
        }
      >
        {corrects && !frozen ? (
          <>
            {detail.targets.length > 1 ? null : (
              <p className="small muted" data-testid="last-target">
                A request names at least one target: to replace this one, add the right one first, then remove it.
              </p>
            )}
            <AddTarget request={detail} csrfToken={csrfToken} />
          </>
        ) : null}
      </Targets>
      <Documents
        requestId={detail.id}
        status={detail.status}
        documents={documents}
        canUpload={roles.some((role) => role === 'INTAKE' || role === 'REVIEWER')}
        csrfToken={gate.me.csrfToken ?? ''}
      />
      {verifications ? (
        <Verification
          requestId={detail.id}
          status={detail.status}
          verifications={verifications}
          channels={authority?.ok ? authority.data.channels : []}
          signedOrders={
            documents.ok ? documents.data.items.filter((doc) => doc.kind === 'ORDER' && doc.signature !== null) : []
          }
          roles={roles}
          me={gate.me.staff.id}
          csrfToken={gate.me.csrfToken ?? ''}
        />
      ) : null}
      <Decisions
        requestId={detail.id}
        status={detail.status}
        preview={preview}
        stored={stored}
        roles={roles}
        csrfToken={gate.me.csrfToken ?? ''}
      />
      <DisclosurePackage
        requestId={detail.id}
        status={detail.status}
        packages={packages}
        roles={roles}
        me={gate.me.staff.id}
        csrfToken={gate.me.csrfToken ?? ''}
        exportRefused={exportRefused}
      />
      <GagOrder
        request={detail}
        roles={roles}
        csrfToken={gate.me.csrfToken ?? ''}
        renderedAt={new Date().toISOString()}
      />
      <Timeline
        request={detail}
        history={history}
        documents={documents}
        view={view}
        auditor={roles.includes('AUDITOR')}
      />
    </>
  );
}
