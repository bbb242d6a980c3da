'use client';

import { AddTargets, AddTargetsRoute, type RequestDetail, SelectorType, TargetRole } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { callFromBrowser } from '@/lib/browser-api';
import { described, type Errors, Field, fieldId, issuesToErrors, withoutErrorOf } from '../../form-fields';
import { instant } from '../../form-values';
import { words } from '../../request-text';
import { correctionRefusal } from './correction-refusal';
import { noteSaved, useSavedNote } from './saved-note';
import { useReload } from './use-reload';
import { VersionConflict } from './version-conflict';

/** Where the targets' corrections say what they came to: a removed target's row is gone after the refresh. */
export const targetsNote = (requestId: string) => `${requestId}:targets`;

const FIELDS = ['selectorType', 'value', 'role', 'windowStart', 'windowEnd'] as const;
const path = (field: string) => `targets.0.${field}`;

/**
 * "Add a target…" under the targets, and what the last correction of the targets came to. A target added after
 * intake usually comes from later correspondence, not from the order that was verified, so it counts as named in
 * the order only when the clerk ticks that it is (the API's default is no), and the form says what that means.
 */
export function AddTarget({ request, csrfToken }: { request: RequestDetail; csrfToken: string }) {
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [errors, setErrors] = useState<Errors>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [conflict, setConflict] = useState(false);
  const [busy, setBusy] = useState(false);
  const [reloaded, setReloaded] = useState(false);
  const note = useSavedNote(targetsNote(request.id), request.version);
  const { reloading, landed, reload } = useReload(request.version);
  const [seenReload, setSeenReload] = useState(landed);
  if (landed !== seenReload) {
    // The targets above are now as they stand: sending again adds to them, it overwrites nothing.
    setSeenReload(landed);
    setConflict(false);
    setReloaded(true);
  }
  const opener = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (open) heading.current?.focus();
    else if (wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  async function submit(event: FormEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const target: Record<string, unknown> = {
      selectorType: form.get('selectorType'),
      value: String(form.get('value') ?? ''),
      role: form.get('role'),
      namedInOrder: form.get('namedInOrder') === 'yes',
      windowStart: instant(form.get('windowStart')),
      windowEnd: instant(form.get('windowEnd')),
    };
    setFailure(null);
    setConflict(false);
    setReloaded(false);
    const checked = AddTargets.safeParse({ version: request.version, targets: [target] });
    if (!checked.success) return showErrors(issuesToErrors(checked.error.issues));
    setErrors({});
    setBusy(true);
    const result = await callFromBrowser(
      AddTargetsRoute,
      { params: { id: request.id }, body: checked.data },
      { csrfToken },
    );
    setBusy(false);
    if (result.ok) {
      const added = checked.data.targets[0]!;
      noteSaved(targetsNote(request.id), result.data.version, `Target added: ${added.value}.`);
      setOpen(false);
      return router.refresh();
    }
    if (result.code === 'VERSION_CONFLICT') return setConflict(true);
    if (result.issues) return showErrors(issuesToErrors(result.issues));
    setFailure(correctionRefusal(result));
  }

  function showErrors(found: Errors): void {
    setErrors(found);
    // What no field stands for (too many targets in all) is said below the form instead of nowhere.
    const unplaced = Object.entries(found).filter(([key]) => !FIELDS.some((field) => path(field) === key));
    if (unplaced.length) setFailure(`Nothing was added: ${unplaced.map(([, message]) => message).join('; ')}.`);
    // The first field to put right gets the focus; its message is tied to it (aria-describedby).
    const first = FIELDS.find((field) => found[path(field)]);
    requestAnimationFrame(() => document.getElementById(fieldId(path(first ?? 'value')))?.focus());
  }

  const form = (
    <form
      onSubmit={submit}
      onInput={(event) => setErrors((shown) => withoutErrorOf(shown, event.target))}
      noValidate
      className="card"
      aria-labelledby="add-target-heading"
      data-testid="add-target"
    >
      <h3 id="add-target-heading" ref={heading} tabIndex={-1}>
        Add a target
      </h3>
      <div className="row">
        <Field path={path('selectorType')} label="Kind" errors={errors}>
          <select id={fieldId(path('selectorType'))} name="selectorType" {...described(path('selectorType'), errors)}>
            {SelectorType.options.map((option) => (
              <option key={option} value={option}>
                {words(option)}
              </option>
            ))}
          </select>
        </Field>
        <Field path={path('value')} label="Identifier" required errors={errors}>
          <input
            id={fieldId(path('value'))}
            name="value"
            type="text"
            required
            autoComplete="off"
            {...described(path('value'), errors)}
          />
        </Field>
        <Field path={path('role')} label="Role" errors={errors}>
          <select id={fieldId(path('role'))} name="role" defaultValue="SUSPECT" {...described(path('role'), errors)}>
            {TargetRole.options.map((option) => (
              <option key={option} value={option}>
                {words(option)}
              </option>
            ))}
          </select>
        </Field>
        {/* The period the order covers for this target: a package holds only data from inside it. */}
        <Field path={path('windowStart')} label="Data from (UTC)" errors={errors}>
          <input
            id={fieldId(path('windowStart'))}
            name="windowStart"
            type="datetime-local"
            {...described(path('windowStart'), errors)}
          />
        </Field>
        <Field path={path('windowEnd')} label="Data until (UTC)" errors={errors}>
          <input
            id={fieldId(path('windowEnd'))}
            name="windowEnd"
            type="datetime-local"
            {...described(path('windowEnd'), errors)}
          />
        </Field>
      </div>
      <div className="field">
        <label className="check-label">
          <input type="checkbox" name="namedInOrder" value="yes" aria-describedby="add-target-named-help" /> Named in
          the order
        </label>
        <p className="field-help" id="add-target-named-help">
          Tick only if the court order itself names this identifier. A target not named in the order gets nothing
          released: the policy releases data only for identifiers the order names.
        </p>
      </div>
      {conflict ? <VersionConflict onReload={reload} busy={reloading} /> : null}
      {reloaded ? (
        <p role="status" className="status-ok" data-testid="add-target-reloaded">
          Reloaded: the targets above are as they stand now. Add this one if it is still missing.
        </p>
      ) : null}
      {failure ? (
        <p role="alert" className="status-bad" data-testid="add-target-error">
          {failure}
        </p>
      ) : null}
      <div className="actions">
        <button type="submit" disabled={busy || conflict} aria-busy={busy}>
          Add this target
        </button>
        <button
          type="button"
          className="secondary"
          onClick={() => {
            setErrors({});
            setFailure(null);
            setConflict(false);
            setReloaded(false);
            setOpen(false);
          }}
        >
          Cancel
        </button>
      </div>
    </form>
  );

  return (
    <div className="add-target">
      {open ? (
        form
      ) : (
        <button ref={opener} type="button" className="secondary" onClick={() => setOpen(true)}>
          Add a target…
        </button>
      )}
      {/* Always there, so a screen reader announces what a correction of the targets came to. */}
      <p role="status" className="status-ok" data-testid="targets-note">
        {note}
      </p>
    </div>
  );
}
