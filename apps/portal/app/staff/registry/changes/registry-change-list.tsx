'use client';

import type { RegistryChange } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { RegistryChangeCard } from './registry-change-card';

interface Props {
  changes: RegistryChange[];
  authorities: Record<string, string>;
  people: Record<string, string>;
  me: string;
  csrfToken: string;
  emptyText: string;
}

/** The changes and the outcome of the last decision, which stays while the list re-renders without the change. */
export function RegistryChangeList({ changes, authorities, people, me, csrfToken, emptyText }: Props) {
  const router = useRouter();
  const [notice, setNotice] = useState<{ tone: 'ok' | 'bad'; text: string } | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  return (
    <>
      {notice ? (
        <p
          ref={noticeRef}
          tabIndex={-1}
          role={notice.tone === 'ok' ? 'status' : 'alert'}
          className={`status-${notice.tone}`}
          data-testid="registry-change-notice"
        >
          {notice.text}
        </p>
      ) : null}
      {changes.length === 0 ? (
        <p className="card" data-testid="no-registry-changes">
          {emptyText}
        </p>
      ) : (
        <ol className="change-list">
          {changes.map((change) => (
            <li key={change.id}>
              <RegistryChangeCard
                change={change}
                authority={authorities[change.authorityId] ?? change.authorityId}
                people={people}
                me={me}
                csrfToken={csrfToken}
                onSettled={(next) => {
                  setNotice(next);
                  router.refresh();
                }}
              />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
