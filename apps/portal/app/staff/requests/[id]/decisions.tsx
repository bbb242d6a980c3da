'use client';

import { type DecisionList, type DecisionPreview, RecordDecisionsRoute, type StaffRole } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import type { StaffResult } from '@/lib/staff-api';
import { refusalText } from '@/lib/api-failure';
import { callFromBrowser } from '@/lib/browser-api';
import { CATEGORY_WORDS, when } from '../request-text';

type Row = Pick<DecisionPreview['decisions'][number], 'target' | 'category' | 'outcome' | 'reasons'>;

function DecisionTable({ rows, caption }: { rows: readonly Row[]; caption: string }) {
  return (
    <div className="table-scroll" tabIndex={0} role="region" aria-label={caption}>
      <table className="stack" data-testid="decision-table">
        <caption className="small muted" style={{ textAlign: 'left' }}>
          {caption}
        </caption>
        <thead>
          <tr>
            <th scope="col">Target</th>
            <th scope="col">Data</th>
            <th scope="col">Decision</th>
            <th scope="col">Why</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={`${row.target.id}-${row.category}`} data-testid="decision-row">
              <td data-label="Target" className="mono nowrap">
                {row.target.value}
              </td>
              <td data-label="Data">{CATEGORY_WORDS[row.category]}</td>
              <td data-label="Decision">
                <span className={`badge ${row.outcome === 'RELEASE' ? 'release' : 'deny'}`}>{row.outcome}</span>
              </td>
              <td data-label="Why">
                <ul className="reasons">
                  {row.reasons.map((reason, index) => (
                    <li key={`${index}-${reason.code}`}>{reason.message}</li>
                  ))}
                </ul>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/**
 * Before the decisions are recorded: what the policy in force would decide now (stores nothing). After: the
 * decisions as stored, each with the hash of the policy that made it. Recording is one step for a reviewer once
 * the order is verified; the API runs the policy again itself rather than taking this preview's word.
 */
export function Decisions({
  requestId,
  status,
  preview,
  stored,
  roles,
  csrfToken,
}: {
  requestId: string;
  status: string;
  preview: StaffResult<DecisionPreview> | null;
  stored: StaffResult<DecisionList> | null;
  roles: readonly StaffRole[];
  csrfToken: string;
}) {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const canRecord = status === 'VERIFIED' && RecordDecisionsRoute.access.roles.some((role) => roles.includes(role));

  async function record(): Promise<void> {
    setBusy(true);
    setError(null);
    const result = await callFromBrowser(RecordDecisionsRoute, { params: { id: requestId } }, { csrfToken });
    setBusy(false);
    if (!result.ok) return setError(refusalText(result));
    router.refresh();
  }

  if (preview === null && stored === null) return null;
  return (
    <section className="card" aria-labelledby="decisions" data-testid="decisions">
      <h2 id="decisions">Decisions</h2>
      {stored?.ok && stored.data.items.length > 0 ? (
        <>
          <p>
            Recorded: {stored.data.summary.released} to release, {stored.data.summary.denied} denied. Policy{' '}
            <span className="sha">{stored.data.items[0]!.policyHash}</span>, {when(stored.data.items[0]!.decidedAt)}.
          </p>
          <DecisionTable rows={stored.data.items} caption="Decisions as recorded" />
        </>
      ) : preview?.ok ? (
        <>
          <p data-testid="decision-preview-note">
            Preview only, nothing is stored: what the policy in force (version {preview.data.policyVersion}, SHA-256{' '}
            <span className="sha" data-testid="policy-hash">
              {preview.data.policyHash}
            </span>
            ) decides now. {preview.data.summary.released} to release, {preview.data.summary.denied} denied.
          </p>
          <DecisionTable rows={preview.data.decisions} caption="Preview of the decisions" />
          {canRecord ? (
            <button type="button" onClick={() => void record()} disabled={busy} aria-busy={busy}>
              Record these decisions
            </button>
          ) : null}
        </>
      ) : (
        <p role="alert" className="status-bad">
          The decisions could not be shown:{' '}
          {(preview && !preview.ok ? preview : stored && !stored.ok ? stored : null)?.message}
        </p>
      )}
      {error ? (
        <p role="alert" className="status-bad">
          {error}
        </p>
      ) : null}
    </section>
  );
}
