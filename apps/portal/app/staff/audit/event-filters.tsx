import { AUDIT_ACTIONS, AuditAction } from '@writ/contracts';
import Link from '@/components/link';
import type { EventQuery } from './event-query';

const SUBJECT_TYPES = [...new Set(Object.values(AUDIT_ACTIONS).map((spec) => spec.subject))].sort();

/** Actions grouped by what they act on, as the select's option groups: 80-odd actions read better in groups. */
const BY_SUBJECT = SUBJECT_TYPES.map((subject) => ({
  subject,
  actions: AuditAction.options.filter((action) => AUDIT_ACTIONS[action].subject === subject),
}));

/**
 * A plain GET form, like the request queue's: usable without JavaScript and by keyboard, and every search has an
 * address an auditor can keep in their notes. Times are UTC, said so, since the log's timestamps are. The actor is
 * typed as a person knows them (an email), since an auditor asked about a colleague has no staff id; `actorError`
 * is the API's word that no account has that email, shown at the field.
 */
export function EventFilters({ query, actorError }: { query: EventQuery; actorError?: string }) {
  return (
    <form method="get" action="/staff/audit" className="card filters" role="search" aria-label="Find audit events">
      <div className="wide">
        <label htmlFor="action">Action</label>
        <select id="action" name="action" defaultValue={query.action}>
          <option value="">Any action</option>
          {BY_SUBJECT.map(({ subject, actions }) => (
            <optgroup key={subject} label={subject.replaceAll('_', ' ')}>
              {actions.map((action) => (
                <option key={action} value={action}>
                  {action} — {AUDIT_ACTIONS[action].summary}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div className="wide actor-field">
        <label htmlFor="actor">Actor</label>
        <input
          id="actor"
          name="actor"
          type="text"
          inputMode="email"
          autoComplete="off"
          autoCapitalize="none"
          spellCheck={false}
          defaultValue={query.actor}
          maxLength={320}
          aria-invalid={actorError ? true : undefined}
          aria-describedby={actorError ? 'actor-error actor-hint' : 'actor-hint'}
        />
        {actorError ? (
          <p id="actor-error" className="field-error" data-testid="actor-error">
            {actorError}
          </p>
        ) : null}
        <span id="actor-hint" className="muted small">
          A colleague&apos;s email, or <span className="mono">system</span> or <span className="mono">public</span>; or
          choose a name in the results.
        </span>
      </div>
      <div>
        <label htmlFor="subjectType">Subject type</label>
        <select id="subjectType" name="subjectType" defaultValue={query.subjectType}>
          <option value="">Any subject</option>
          {SUBJECT_TYPES.map((subject) => (
            <option key={subject} value={subject}>
              {subject.replaceAll('_', ' ')}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="subjectId">Subject id</label>
        <input id="subjectId" name="subjectId" type="text" defaultValue={query.subjectId} maxLength={100} />
      </div>
      <div>
        <label htmlFor="from">From (UTC)</label>
        <input id="from" name="from" type="datetime-local" defaultValue={query.from} />
      </div>
      <div>
        <label htmlFor="to">Before (UTC)</label>
        <input id="to" name="to" type="datetime-local" defaultValue={query.to} />
      </div>
      <div className="wide">
        <label className="check-label">
          <input type="checkbox" name="withoutReads" value="true" defaultChecked={query.withoutReads === 'true'} />{' '}
          Leave out reads (someone only looked at a request, document or event)
        </label>
      </div>
      <div className="actions wide">
        <button type="submit">Find events</button>
        <Link href="/staff/audit">Clear filters</Link>
      </div>
    </form>
  );
}
