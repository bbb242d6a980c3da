'use client';

import {
  type Authority,
  CreateRequest,
  CreateRequestRoute,
  DataCategory,
  IDEMPOTENCY_KEY_HEADER,
  LegalProcess,
  RequestDetail,
  RequestType,
  SelectorType,
  TargetRole,
} from '@writ/contracts';
import Link from '@/components/link';
import { type FormEvent, useRef, useState } from 'react';
import { apiFailure, refusalText } from '@/lib/api-failure';
import { csrfFor, renewCsrfToken } from '@/lib/browser-api';
import { DocumentUpload } from '../document-upload';
import { CATEGORY_WORDS, words } from '../request-text';
import { instant, text } from '../form-values';
import { RequiredMark } from '@/components/required-mark';
import {
  Choice,
  described,
  type Errors,
  ErrorSummary,
  Field,
  FieldError,
  fieldId,
  issuesToErrors,
  withNote,
} from '../form-fields';

interface TargetRow {
  key: number;
}

/** No answer, or the API out of reach: the Idempotency-Key makes a second send log nothing twice. */
const SEND_AGAIN =
  'Writ cannot be reached right now. Send again in a moment: the same request will not be logged twice.';

/** The form as the API's body: what a person left empty is left out, so the contract's defaults apply. */
function readBody(form: FormData, rows: readonly TargetRow[]): Record<string, unknown> {
  const hasNdo = form.get('hasNdo');
  const body: Record<string, unknown> = {
    type: form.get('type'),
    legalProcess: form.get('legalProcess'),
    authorityId: form.get('authorityId'),
    caseNumber: text(form.get('caseNumber')),
    legalBasis: text(form.get('legalBasis')),
    offenceCategory: text(form.get('offenceCategory')),
    requesterContact: text(form.get('requesterContact')),
    statementOfReasons: text(form.get('statementOfReasons')),
    issuedAt: instant(form.get('issuedAt')),
    receivedAt: instant(form.get('receivedAt')),
    dueAt: instant(form.get('dueAt')),
    expiresAt: instant(form.get('expiresAt')),
    hasNdo: hasNdo === null ? undefined : hasNdo === 'yes',
    ndoEndsAt: hasNdo === 'yes' ? instant(form.get('ndoEndsAt')) : undefined,
    targets: rows.map((row) => {
      const target: Record<string, unknown> = {
        selectorType: form.get(`targets.${row.key}.selectorType`),
        value: String(form.get(`targets.${row.key}.value`) ?? ''),
        role: form.get(`targets.${row.key}.role`),
        windowStart: instant(form.get(`targets.${row.key}.windowStart`)),
        windowEnd: instant(form.get(`targets.${row.key}.windowEnd`)),
      };
      for (const key of Object.keys(target)) if (target[key] === undefined) delete target[key];
      return target;
    }),
    categories: form.getAll('categories').map((category) => ({ category })),
  };
  for (const key of Object.keys(body)) if (body[key] === undefined) delete body[key];
  return body;
}

export function NewRequestForm({
  authorities,
  someSuspended,
  csrfToken,
}: {
  authorities: readonly Authority[];
  /** At least one authority in the registry is suspended, so not in `authorities`: the form says why. */
  someSuspended: boolean;
  csrfToken: string;
}) {
  // One key per request being logged: a double click or a retry after a lost answer sends the same key, and the
  // API answers the first result again instead of logging the request twice.
  const [idempotencyKey, setIdempotencyKey] = useState(() => crypto.randomUUID());
  const [rows, setRows] = useState<TargetRow[]>([{ key: 0 }]);
  const nextRow = useRef(1);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<RequestDetail | null>(null);
  const summary = useRef<HTMLDivElement>(null);

  function showErrors(found: Errors): void {
    setErrors(found);
    // Focus the summary, so a screen reader hears what to fix and a keyboard user can jump to each field.
    requestAnimationFrame(() => summary.current?.focus());
  }

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setFailure(null);
    // Rows are keyed by a counter, not their position; the contract numbers targets by position.
    const body = readBody(new FormData(event.currentTarget), rows);
    const checked = CreateRequest.safeParse(body);
    if (!checked.success) return showErrors(issuesToErrors(checked.error.issues));
    setErrors({});
    setBusy(true);
    const post = (token: string) =>
      fetch(`/api${CreateRequestRoute.path}`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: {
          'content-type': 'application/json',
          'x-csrf-token': token,
          [IDEMPOTENCY_KEY_HEADER]: idempotencyKey,
        },
        body: JSON.stringify(body),
      });
    try {
      let response = await post(csrfFor(csrfToken));
      let answer: unknown = await response.json().catch(() => null);
      // Logged in again in another tab since this page was opened: sent once more with that session's token.
      if (apiFailure(response.status, answer).code === 'CSRF_TOKEN_INVALID') {
        const current = await renewCsrfToken(csrfToken);
        if (current) {
          response = await post(current);
          answer = await response.json().catch(() => null);
        }
      }
      if (!response.ok) {
        const refused = apiFailure(response.status, answer);
        const issues = (answer as { error?: { details?: { issues?: { path: string[]; message: string }[] } } })?.error
          ?.details?.issues;
        if (refused.code === 'VALIDATION_FAILED' && issues?.length) return showErrors(issuesToErrors(issues));
        // Reloading would lose what was typed, and the Idempotency-Key makes sending again safe: say that instead
        // of the general advice for an unreachable API.
        if (response.status === 503) return setFailure(SEND_AGAIN);
        return setFailure(refusalText(refused));
      }
      const parsed = RequestDetail.safeParse(answer);
      if (!parsed.success)
        return setFailure('The request was logged, but the answer was unexpected. Find it in the queue.');
      setCreated(parsed.data);
    } catch {
      setFailure(SEND_AGAIN);
    } finally {
      setBusy(false);
    }
  }

  if (created) {
    return (
      <section className="card" aria-labelledby="created" data-testid="request-created">
        <h2 id="created" tabIndex={-1} ref={(node) => node?.focus()}>
          Logged as <span className="mono">{created.reference}</span>
        </h2>
        <p>Now attach the order and any other documents that came with it.</p>
        <DocumentUpload requestId={created.id} csrfToken={csrfToken} />
        <p className="actions">
          <Link href={`/staff/requests/${created.id}`} data-testid="open-created">
            Open request {created.reference}
          </Link>
          <button
            type="button"
            className="secondary"
            onClick={() => {
              setCreated(null);
              setIdempotencyKey(crypto.randomUUID());
            }}
          >
            Log another request
          </button>
        </p>
      </section>
    );
  }

  return (
    <form onSubmit={submit} noValidate aria-label="New request" data-testid="new-request-form">
      <ErrorSummary ref={summary} errors={errors} />

      <fieldset>
        <legend>Who asks, and how</legend>
        <div className="row">
          <Field
            path="authorityId"
            label="Authority"
            wide
            required
            errors={errors}
            note={
              someSuspended ? (
                <span data-testid="suspended-authorities">
                  Suspended authorities are not listed: they cannot send new requests. An admin can re-activate one in
                  the <Link href="/staff/registry?status=SUSPENDED">registry</Link> (a second admin approves).
                </span>
              ) : undefined
            }
          >
            <select
              id={fieldId('authorityId')}
              name="authorityId"
              required
              defaultValue=""
              {...withNote(described('authorityId', errors), someSuspended ? `${fieldId('authorityId')}-note` : null)}
            >
              <option value="">Choose…</option>
              {authorities.map((authority) => (
                <option key={authority.id} value={authority.id}>
                  {authority.name} ({authority.country})
                </option>
              ))}
            </select>
          </Field>
          <Field path="type" label="Type of request" errors={errors}>
            <Choice path="type" options={RequestType.options} errors={errors} />
          </Field>
          <Field path="legalProcess" label="Legal process" errors={errors}>
            <Choice path="legalProcess" options={LegalProcess.options} errors={errors} />
          </Field>
          <Field path="caseNumber" label="Case number" errors={errors}>
            <input id={fieldId('caseNumber')} name="caseNumber" type="text" {...described('caseNumber', errors)} />
          </Field>
          <Field path="offenceCategory" label="Offence" errors={errors}>
            <input
              id={fieldId('offenceCategory')}
              name="offenceCategory"
              type="text"
              {...described('offenceCategory', errors)}
            />
          </Field>
          <Field path="requesterContact" label="Contact at the authority" errors={errors}>
            <input
              id={fieldId('requesterContact')}
              name="requesterContact"
              type="text"
              {...described('requesterContact', errors)}
            />
          </Field>
        </div>
        <Field path="legalBasis" label="Legal basis" errors={errors}>
          <input
            id={fieldId('legalBasis')}
            name="legalBasis"
            type="text"
            style={{ width: '100%' }}
            {...described('legalBasis', errors)}
          />
        </Field>
        <Field path="statementOfReasons" label="Statement of reasons" errors={errors}>
          <textarea
            className="plain"
            id={fieldId('statementOfReasons')}
            name="statementOfReasons"
            rows={3}
            {...described('statementOfReasons', errors)}
          />
        </Field>
      </fieldset>

      <fieldset>
        <legend>Dates (UTC)</legend>
        <div className="row">
          <Field path="issuedAt" label="Issued" errors={errors}>
            <input id={fieldId('issuedAt')} name="issuedAt" type="datetime-local" {...described('issuedAt', errors)} />
          </Field>
          <Field path="receivedAt" label="Received" help="Empty: now." errors={errors}>
            <input
              id={fieldId('receivedAt')}
              name="receivedAt"
              type="datetime-local"
              {...described('receivedAt', errors)}
            />
          </Field>
          <Field path="dueAt" label="Answer due" errors={errors}>
            <input id={fieldId('dueAt')} name="dueAt" type="datetime-local" {...described('dueAt', errors)} />
          </Field>
          <Field path="expiresAt" label="Order expires" errors={errors}>
            <input
              id={fieldId('expiresAt')}
              name="expiresAt"
              type="datetime-local"
              {...described('expiresAt', errors)}
            />
          </Field>
        </div>
      </fieldset>

      <fieldset aria-describedby={errors.hasNdo ? `${fieldId('hasNdo')}-error` : undefined}>
        <legend>
          Gag order: does the order forbid telling the user?
          <RequiredMark />
        </legend>
        <label className="check-label">
          <input type="radio" name="hasNdo" value="no" id={fieldId('hasNdo')} required /> No
        </label>{' '}
        <label className="check-label">
          <input type="radio" name="hasNdo" value="yes" required /> Yes
        </label>
        <FieldError path="hasNdo" errors={errors} />
        <Field path="ndoEndsAt" label="Gag order ends" help="Only if it says yes; empty: no end date." errors={errors}>
          <input id={fieldId('ndoEndsAt')} name="ndoEndsAt" type="datetime-local" {...described('ndoEndsAt', errors)} />
        </Field>
      </fieldset>

      <fieldset>
        <legend>Targets named in the order</legend>
        <FieldError path="targets" errors={errors} />
        {rows.map((row, index) => (
          <div key={row.key} className="row" data-testid="target-row">
            <Field path={`targets.${index}.selectorType`} label={`Target ${index + 1}: kind`} errors={errors}>
              <select id={fieldId(`targets.${index}.selectorType`)} name={`targets.${row.key}.selectorType`}>
                {SelectorType.options.map((option) => (
                  <option key={option} value={option}>
                    {words(option)}
                  </option>
                ))}
              </select>
            </Field>
            <Field path={`targets.${index}.value`} label={`Target ${index + 1}: identifier`} required errors={errors}>
              <input
                id={fieldId(`targets.${index}.value`)}
                name={`targets.${row.key}.value`}
                type="text"
                required
                {...described(`targets.${index}.value`, errors)}
              />
            </Field>
            <Field path={`targets.${index}.role`} label={`Target ${index + 1}: role`} errors={errors}>
              <select id={fieldId(`targets.${index}.role`)} name={`targets.${row.key}.role`} defaultValue="SUSPECT">
                {TargetRole.options.map((option) => (
                  <option key={option} value={option}>
                    {words(option)}
                  </option>
                ))}
              </select>
            </Field>
            {/* The period the order covers for this target: a package holds only data from inside it. */}
            <Field path={`targets.${index}.windowStart`} label={`Target ${index + 1}: data from (UTC)`} errors={errors}>
              <input
                id={fieldId(`targets.${index}.windowStart`)}
                name={`targets.${row.key}.windowStart`}
                type="datetime-local"
                {...described(`targets.${index}.windowStart`, errors)}
              />
            </Field>
            <Field path={`targets.${index}.windowEnd`} label={`Target ${index + 1}: data until (UTC)`} errors={errors}>
              <input
                id={fieldId(`targets.${index}.windowEnd`)}
                name={`targets.${row.key}.windowEnd`}
                type="datetime-local"
                {...described(`targets.${index}.windowEnd`, errors)}
              />
            </Field>
            {rows.length > 1 ? (
              <div className="field">
                <button
                  type="button"
                  className="secondary"
                  onClick={() => setRows(rows.filter((other) => other.key !== row.key))}
                >
                  Remove target {index + 1}
                </button>
              </div>
            ) : null}
          </div>
        ))}
        <button type="button" className="secondary" onClick={() => setRows([...rows, { key: nextRow.current++ }])}>
          Add a target
        </button>
      </fieldset>

      <fieldset aria-describedby={errors.categories ? `${fieldId('categories')}-error` : undefined}>
        <legend>Data asked for (at least one)</legend>
        <p className="field-help">
          Tick everything the order asks for, even what Writ never releases: the reports count what was asked.
        </p>
        <ul className="categories" id={fieldId('categories')} tabIndex={-1}>
          {DataCategory.options.map((category) => (
            <li key={category}>
              <label className="check-label">
                <input type="checkbox" name="categories" value={category} /> {CATEGORY_WORDS[category]}
              </label>
            </li>
          ))}
        </ul>
        <FieldError path="categories" errors={errors} />
      </fieldset>

      {failure ? (
        <p role="alert" className="status-bad" data-testid="create-error">
          {failure}
        </p>
      ) : null}
      <button type="submit" disabled={busy} aria-busy={busy}>
        Log the request
      </button>
    </form>
  );
}
