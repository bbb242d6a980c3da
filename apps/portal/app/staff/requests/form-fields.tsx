import { type ReactNode, type Ref } from 'react';
import { RequiredMark } from '@/components/required-mark';
import { words } from './request-text';

// The fields of the requests screens' forms (a new request, a correction): a label, what the field is needed for,
// the control, and its error beside it, tied to the control with aria-describedby; and the summary of errors that
// links to each field. One place, so both forms name, mark and explain a field alike.

export type Errors = Record<string, string>;

/** "targets.0.value" → the id of the input that holds it, so an error can sit next to its field and link to it. */
export function fieldId(path: string): string {
  return `f-${path.replaceAll('.', '-')}`;
}

export const LABELS: Record<string, string> = {
  authorityId: 'Authority',
  type: 'Type of request',
  legalProcess: 'Legal process',
  caseNumber: 'Case number',
  offenceCategory: 'Offence',
  offenceCategoryCode: 'Offence category (for the reports)',
  requesterContact: 'Contact at the authority',
  legalBasis: 'Legal basis',
  statementOfReasons: 'Statement of reasons',
  issuedAt: 'Issued',
  receivedAt: 'Received',
  dueAt: 'Answer due',
  expiresAt: 'Order expires',
  hasNdo: 'Gag order',
  ndoEndsAt: 'Gag order ends',
  targets: 'Targets',
  categories: 'Data asked for',
};
const TARGET_FIELDS: Record<string, string> = {
  selectorType: 'kind',
  value: 'identifier',
  role: 'role',
  windowStart: 'data from (UTC)',
  windowEnd: 'data until (UTC)',
};

/** The error summary names fields as their labels do, not as the API's paths. */
export function labelOf(path: string): string {
  const target = /^targets\.(\d+)\.(\w+)$/.exec(path);
  if (target) return `Target ${Number(target[1]) + 1}: ${TARGET_FIELDS[target[2]!] ?? target[2]}`;
  const category = /^categories\.(\d+)/.exec(path);
  if (category) return 'Data asked for';
  return LABELS[path] ?? path;
}

/**
 * The API's cross-field rules (a date before another) name the other field as its body does ("receivedAt"); beside
 * a field in the portal they name it by its label instead, as the person sees it.
 */
export function inLabels(message: string): string {
  return message
    .replace(/\s*\((?:hasNdo|ndoEndsAt): [^)]*\)/g, '')
    .replace(/\b(\w+At)\b/g, (name) => (LABELS[name] ? `“${LABELS[name]}”` : name));
}

/**
 * Where the contract speaks of values (a UUID, true or false) and the form offers a choice, the person only has not
 * chosen yet.
 */
const PICK: Record<string, string> = {
  authorityId: 'choose the authority that sent the request',
  hasNdo: 'choose Yes or No',
};

/** The first message per field, in the field's words: the contract's own, or the API's for its cross-field rules. */
export function issuesToErrors(issues: readonly { path: readonly PropertyKey[]; message: string }[]): Errors {
  const errors: Errors = {};
  for (const issue of issues) {
    const path = issue.path.map(String).join('.') || 'form';
    errors[path] ??= PICK[path] ?? inLabels(issue.message);
  }
  return errors;
}

/**
 * The errors once a field has been edited: its own goes, so a value put right is not left beside a message about the
 * old one (the next send checks everything again).
 */
export function withoutErrorOf(errors: Errors, edited: EventTarget): Errors {
  const id = (edited as Partial<HTMLElement>).id;
  const path = Object.keys(errors).find((key) => fieldId(key) === id);
  if (path === undefined) return errors;
  const rest = { ...errors };
  delete rest[path];
  return rest;
}

export function FieldError({ path, errors }: { path: string; errors: Errors }) {
  const message = errors[path];
  return message ? (
    <p className="field-error" id={`${fieldId(path)}-error`} data-testid={`error-${path}`}>
      {message}
    </p>
  ) : null;
}

/**
 * Optional at intake (a request is logged as it arrived, however incomplete), but the policy refuses a release
 * without them (docs/POLICY.md, "Verification": completeness). Said beside each, so a missing one is not first
 * noticed in the decisions.
 */
const NEEDED_FOR_RELEASE: Record<string, string> = {
  caseNumber: 'Needed for any release.',
  legalBasis: 'Needed for any release.',
  issuedAt: 'Needed for any release.',
  statementOfReasons: 'Needed for any release, unless the order names an offence (a criminal investigation).',
};

/** aria attributes tying a field to its error, and to what it is needed for. */
export function described(path: string, errors: Errors) {
  const ids = [
    ...(NEEDED_FOR_RELEASE[path] ? [`${fieldId(path)}-needed`] : []),
    ...(errors[path] ? [`${fieldId(path)}-error`] : []),
  ];
  return {
    'aria-invalid': errors[path] ? (true as const) : undefined,
    ...(ids.length ? { 'aria-describedby': ids.join(' ') } : {}),
  };
}

/** `described`'s attributes with a note below the control added to what describes it. */
export function withNote(attributes: ReturnType<typeof described>, noteId: string | null) {
  if (!noteId) return attributes;
  const ids = 'aria-describedby' in attributes ? `${attributes['aria-describedby']} ${noteId}` : noteId;
  return { ...attributes, 'aria-describedby': ids };
}

export function Field({
  path,
  label,
  required = false,
  help,
  note,
  wide = false,
  errors,
  children,
}: {
  path: string;
  label: string;
  /** Said below the control; describe the control by `${fieldId(path)}-note` (withNote). */
  note?: ReactNode;
  /** A whole line of its row: an authority's full name must not be cut off in a narrow column. */
  wide?: boolean;
  /** Marked beside the label; the control itself carries `required`. */
  required?: boolean;
  help?: string;
  errors: Errors;
  children: ReactNode;
}) {
  return (
    <div className={wide ? 'field wide' : 'field'}>
      <label htmlFor={fieldId(path)}>{label}</label>
      {required ? <RequiredMark /> : null}
      {help ? <p className="field-help">{help}</p> : null}
      {NEEDED_FOR_RELEASE[path] ? (
        <p className="field-help" id={`${fieldId(path)}-needed`}>
          {NEEDED_FOR_RELEASE[path]}
        </p>
      ) : null}
      {children}
      {note ? (
        <p className="field-help" id={`${fieldId(path)}-note`}>
          {note}
        </p>
      ) : null}
      <FieldError path={path} errors={errors} />
    </div>
  );
}

/** A closed list as a select, each value in words; `defaultValue` pre-selects the value a request has now. */
export function Choice({
  path,
  options,
  errors,
  defaultValue,
}: {
  path: string;
  options: readonly string[];
  errors: Errors;
  defaultValue?: string;
}) {
  return (
    <select id={fieldId(path)} name={path} defaultValue={defaultValue} {...described(path, errors)}>
      {options.map((option) => (
        <option key={option} value={option}>
          {words(option)}
        </option>
      ))}
    </select>
  );
}

/**
 * What to put right, each a link to its field. It holds the focus after a failed send, so a screen reader hears it
 * and a keyboard user can jump to each field.
 */
export function ErrorSummary({
  errors,
  ref,
  label = labelOf,
}: {
  errors: Errors;
  ref: Ref<HTMLDivElement>;
  /** The field's name for a path, when a form names some of its fields otherwise. */
  label?: (path: string) => string;
}) {
  const list = Object.entries(errors);
  return (
    <div ref={ref} tabIndex={-1} aria-live="assertive">
      {list.length > 0 ? (
        <div role="alert" className="card check bad" data-testid="error-summary">
          <p className="check-title">Correct these before sending:</p>
          <ul>
            {list.map(([path, message]) => (
              <li key={path}>
                <a href={`#${fieldId(path)}`}>
                  {label(path)}: {message}
                </a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
