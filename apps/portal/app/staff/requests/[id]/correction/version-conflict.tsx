import { VERSION_CONFLICT_TEXT } from './correction-refusal';

/** The refusal for a stale version, with the way out beside it: reload, never send again over someone's change. */
export function VersionConflict({ onReload, busy }: { onReload: () => void; busy: boolean }) {
  return (
    <div role="alert" className="confirm" data-testid="version-conflict">
      <p>{VERSION_CONFLICT_TEXT}</p>
      <button type="button" onClick={onReload} disabled={busy} aria-busy={busy}>
        Reload the request
      </button>
    </div>
  );
}
