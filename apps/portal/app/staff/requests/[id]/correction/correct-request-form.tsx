'use client';

import {
  type Authority,
  DataCategory,
  LegalProcess,
  OffenceCategoryCode,
  type RequestDetail,
  RequestType,
  UpdateRequest,
  UpdateRequestRoute,
} from '@writ/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { callFromBrowser } from '@/lib/browser-api';
import {
  Choice,
  described,
  type Errors,
  ErrorSummary,
  Field,
  FieldError,
  fieldId,
  issuesToErrors,
  labelOf,
  withoutErrorOf,
} from '../../form-fields';
import { CATEGORY_WORDS, words } from '../../request-text';
import { correctionRefusal } from './correction-refusal';
import { changes, enteredValues, sameValues, valuesOf } from './correction-values';
import { VersionConflict } from './version-conflict';

/** What the contract says in its terms, said for this form: "Received" can be corrected, not emptied. */
const WORDS: Record<string, string> = {
  receivedAt: 'give the date and time it was received (it can be corrected, not cleared)',
};

/** The error summary's names: a category's "as written" by the category, the rest as on the new-request form. */
function label(path: string): string {
  const asWritten = /^categories\.(\w+)\.asWritten$/.exec(path);
  return asWritten ? `${CATEGORY_WORDS[asWritten[1] as DataCategory] ?? asWritten[1]}, as written` : labelOf(path);
}

/**
 * Issues as this form's fields are named: a category's "as written" by the category, not by its place in the list
 * sent (the form lists every category; the body only the ticked ones).
 */
function errorsOf(
  issues: readonly { path: readonly PropertyKey[]; message: string }[],
  sent: readonly DataCategory[],
): Errors {
  const errors = issuesToErrors(
    issues.map((issue) => {
      const [head, index, field] = issue.path;
      return head === 'categories' && typeof index === 'number' && field === 'asWritten' && sent[index]
        ? { ...issue, path: ['categories', sent[index], 'asWritten'] }
        : issue;
    }),
  );
  for (const path of Object.keys(errors)) if (WORDS[path]) errors[path] = WORDS[path];
  return errors;
}

interface Props {
  /** The request as it was when the form was opened: what it shows, and what "changed" is measured against. */
  read: RequestDetail;
  /** The request as the page has it now (a refresh may have brought another change). */
  current: RequestDetail;
  authorities: readonly Authority[] | null;
  csrfToken: string;
  /** Said once at the top: the form was filled anew after a reload. */
  reloaded: boolean;
  onSaved: (saved: RequestDetail) => void;
  onCancel: () => void;
  onReload: () => void;
  reloading: boolean;
}

/**
 * Corrects what was entered wrongly at intake: every field a correction may change, filled with what the request
 * says now, checked with the shared contract before anything is sent, and only what differs is sent, against the
 * version read, so a change someone else made meanwhile is refused rather than overwritten.
 */
export function CorrectRequestForm({
  read,
  current,
  authorities,
  csrfToken,
  reloaded,
  onSaved,
  onCancel,
  onReload,
  reloading,
}: Props) {
  const values = valuesOf(read);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [gag, setGag] = useState(values.fields.hasNdo);
  const [checked, setChecked] = useState<ReadonlySet<DataCategory>>(
    () => new Set(values.categories.map(([category]) => category)),
  );
  const heading = useRef<HTMLHeadingElement>(null);
  const summary = useRef<HTMLDivElement>(null);
  // Opened (or filled anew after a reload): the focus goes into the form, to its heading, which says what it is.
  useEffect(() => heading.current?.focus(), []);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setFailure(null);
    setConflict(false);
    const entered = enteredValues(new FormData(event.currentTarget), checked);
    const body = changes(values, entered);
    if (Object.keys(body).length === 0) {
      setErrors({});
      return setFailure('Nothing was changed: correct a field first.');
    }
    const sentCategories = entered.categories.map(([category]) => category);
    const parsed = UpdateRequest.safeParse({ version: current.version, ...body });
    if (!parsed.success) {
      setErrors(errorsOf(parsed.error.issues, sentCategories));
      return void requestAnimationFrame(() => summary.current?.focus());
    }
    setErrors({});
    // The page was refreshed since the form was opened and a field it shows changed meanwhile: sending what was
    // typed over it would overwrite that change unseen.
    if (!sameValues(valuesOf(current), values)) return setConflict(true);
    setBusy(true);
    const result = await callFromBrowser(
      UpdateRequestRoute,
      { params: { id: current.id }, body: parsed.data },
      { csrfToken },
    );
    setBusy(false);
    if (result.ok) return onSaved(result.data);
    if (result.code === 'VERSION_CONFLICT') return setConflict(true);
    if (result.issues) {
      setErrors(errorsOf(result.issues, sentCategories));
      return void requestAnimationFrame(() => summary.current?.focus());
    }
    setFailure(correctionRefusal(result));
  }

  const text = (path: string, options: { wide?: boolean } = {}) => (
    <input
      id={fieldId(path)}
      name={path}
      type="text"
      defaultValue={values.fields[path as keyof typeof values.fields]}
      style={options.wide ? { width: '100%' } : undefined}
      {...described(path, errors)}
    />
  );
  const date = (path: string, required = false) => (
    <input
      id={fieldId(path)}
      name={path}
      type="datetime-local"
      required={required}
      defaultValue={values.fields[path as keyof typeof values.fields]}
      {...described(path, errors)}
    />
  );
  const listed = authorities ?? [];
  return (
    <form
      onSubmit={submit}
      onInput={(event) => setErrors((shown) => withoutErrorOf(shown, event.target))}
      noValidate
      className="card correction"
      aria-labelledby="correct-heading"
      data-testid="correct-request-form"
    >
      <h3 id="correct-heading" ref={heading} tabIndex={-1}>
        Correct this request
      </h3>
      {reloaded ? (
        <p role="status" className="status-ok" data-testid="correct-reloaded">
          Reloaded: the form now shows the request as it stands, with the other change. Make your correction again.
        </p>
      ) : null}
      <p className="field-help">
        Put right what was entered wrongly; only the fields you change are saved, and the change is logged. Targets are
        corrected under “Targets” below.
      </p>
      <ErrorSummary ref={summary} errors={errors} label={label} />

      <fieldset>
        <legend>Who asks, and how</legend>
        <div className="row">
          <Field path="authorityId" label="Authority" wide errors={errors}>
            <select
              id={fieldId('authorityId')}
              name="authorityId"
              defaultValue={values.fields.authorityId}
              {...described('authorityId', errors)}
            >
              {listed.some((authority) => authority.id === read.authorityId) ? null : (
                <option value={read.authorityId}>
                  {read.authorityName} ({read.country})
                </option>
              )}
              {listed.map((authority) => (
                <option key={authority.id} value={authority.id}>
                  {authority.name} ({authority.country})
                </option>
              ))}
            </select>
            {authorities ? null : (
              <p className="field-help">The other authorities could not be loaded: reload the page to choose one.</p>
            )}
          </Field>
          <Field path="type" label="Type of request" errors={errors}>
            <Choice path="type" options={RequestType.options} errors={errors} defaultValue={values.fields.type} />
          </Field>
          <Field path="legalProcess" label="Legal process" errors={errors}>
            <Choice
              path="legalProcess"
              options={LegalProcess.options}
              errors={errors}
              defaultValue={values.fields.legalProcess}
            />
          </Field>
          <Field path="caseNumber" label="Case number" errors={errors}>
            {text('caseNumber')}
          </Field>
          <Field path="offenceCategory" label="Offence" errors={errors}>
            {text('offenceCategory')}
          </Field>
          <Field path="offenceCategoryCode" label="Offence category (for the reports)" errors={errors}>
            <select
              id={fieldId('offenceCategoryCode')}
              name="offenceCategoryCode"
              defaultValue={values.fields.offenceCategoryCode}
              {...described('offenceCategoryCode', errors)}
            >
              <option value="">Not given</option>
              {OffenceCategoryCode.options.map((code) => (
                <option key={code} value={code}>
                  {words(code)}
                </option>
              ))}
            </select>
          </Field>
          <Field path="requesterContact" label="Contact at the authority" errors={errors}>
            {text('requesterContact')}
          </Field>
        </div>
        <Field path="legalBasis" label="Legal basis" errors={errors}>
          {text('legalBasis', { wide: true })}
        </Field>
        <Field path="statementOfReasons" label="Statement of reasons" errors={errors}>
          <textarea
            className="plain"
            id={fieldId('statementOfReasons')}
            name="statementOfReasons"
            rows={3}
            defaultValue={values.fields.statementOfReasons}
            {...described('statementOfReasons', errors)}
          />
        </Field>
        <p className="field-help">Emptying a field clears it in the request.</p>
      </fieldset>

      <fieldset>
        <legend>Dates (UTC)</legend>
        <div className="row">
          <Field path="issuedAt" label="Issued" errors={errors}>
            {date('issuedAt')}
          </Field>
          <Field path="receivedAt" label="Received" required errors={errors}>
            {date('receivedAt', true)}
          </Field>
          <Field path="dueAt" label="Answer due" errors={errors}>
            {date('dueAt')}
          </Field>
          <Field path="expiresAt" label="Order expires" errors={errors}>
            {date('expiresAt')}
          </Field>
        </div>
      </fieldset>

      <fieldset aria-describedby="correct-gag-help">
        <legend>Gag order, as the order had it when it arrived</legend>
        <p className="field-help" id="correct-gag-help">
          Only to put right what was entered at intake. A court&apos;s later decision (imposed, extended, lifted) goes
          under “Gag order and telling the user” below, with its reasons.
        </p>
        {(
          [
            ['no', 'No gag order'],
            ['yes', 'A gag order forbids telling the user'],
          ] as const
        ).map(([value, text]) => (
          <label key={value} className="check-label choice">
            <input
              type="radio"
              name="hasNdo"
              value={value}
              id={value === 'no' ? fieldId('hasNdo') : undefined}
              checked={gag === value}
              onChange={() => setGag(value)}
            />{' '}
            {text}
          </label>
        ))}
        <FieldError path="hasNdo" errors={errors} />
        {gag === 'yes' ? (
          <Field path="ndoEndsAt" label="Gag order ends" help="Empty: no end date." errors={errors}>
            {date('ndoEndsAt')}
          </Field>
        ) : null}
      </fieldset>

      <fieldset aria-describedby={errors.categories ? `${fieldId('categories')}-error` : undefined}>
        <legend>Data asked for (at least one)</legend>
        <p className="field-help">
          Tick everything the order asks for, even what Writ never releases: the reports count what was asked.
        </p>
        <ul className="categories" id={fieldId('categories')} tabIndex={-1}>
          {DataCategory.options.map((category) => {
            const path = `categories.${category}.asWritten`;
            const asWritten = values.categories.find(([entry]) => entry === category)?.[1] ?? '';
            return (
              <li key={category}>
                <label className="check-label" id={`${fieldId(path)}-category`}>
                  <input
                    type="checkbox"
                    name="categories"
                    value={category}
                    checked={checked.has(category)}
                    onChange={(event) => {
                      const next = new Set(checked);
                      if (event.target.checked) next.add(category);
                      else next.delete(category);
                      setChecked(next);
                    }}
                  />{' '}
                  {CATEGORY_WORDS[category]}
                </label>
                {checked.has(category) ? (
                  <div className="as-written">
                    <span className="small muted" id={`${fieldId(path)}-label`}>
                      as the order words it (optional)
                    </span>
                    <input
                      id={fieldId(path)}
                      name={`asWritten.${category}`}
                      type="text"
                      defaultValue={asWritten}
                      aria-labelledby={`${fieldId(path)}-category ${fieldId(path)}-label`}
                      {...described(path, errors)}
                    />
                    <FieldError path={path} errors={errors} />
                  </div>
                ) : null}
              </li>
            );
          })}
        </ul>
        <FieldError path="categories" errors={errors} />
      </fieldset>

      {conflict ? <VersionConflict onReload={onReload} busy={reloading} /> : null}
      {failure ? (
        <p role="alert" className="status-bad" data-testid="correct-error">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy || conflict} aria-busy={busy}>
          Save the correction
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          Cancel
        </button>
      </div>
    </form>
  );
}
