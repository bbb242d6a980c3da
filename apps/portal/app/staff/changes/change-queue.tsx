'use client';

import type { StaffChange } from '@writ/contracts';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, useState } from 'react';
import { ChangeCard } from './change-card';
import type { People } from './change-text';
import { type Notice, NoticePanel } from './notice';

interface Props {
  changes: StaffChange[];
  people: People;
  me: string;
  csrfToken: string;
  /** Shown when `changes` is empty. */
  emptyText: string;
}

/**
 * The list of changes and the outcome of the last decision. It stays mounted while the server re-renders the list
 * (router.refresh after each decision), also when the list becomes empty, so a temporary password shown in the
 * notice survives the change leaving the list, and is lost only when the admin hides it or leaves the page.
 */
export function ChangeQueue({ changes, people, me, csrfToken, emptyText }: Props) {
  const router = useRouter();
  const [notice, setNotice] = useState<Notice | null>(null);
  const noticeRef = useRef<HTMLDivElement>(null);

  // The card whose button was pressed goes away: move focus to what happened instead of losing it to <body>.
  useEffect(() => {
    if (notice) noticeRef.current?.focus();
  }, [notice]);

  function settled(next: Notice): void {
    setNotice(next);
    router.refresh();
  }

  return (
    <>
      {notice ? (
        <div ref={noticeRef} tabIndex={-1}>
          <NoticePanel notice={notice} onDismiss={() => setNotice(null)} />
        </div>
      ) : null}
      {changes.length === 0 ? (
        <p className="card" data-testid="no-changes">
          {emptyText}
        </p>
      ) : (
        <ol className="change-list">
          {changes.map((change) => (
            <li key={change.id}>
              <ChangeCard change={change} people={people} me={me} csrfToken={csrfToken} onSettled={settled} />
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
