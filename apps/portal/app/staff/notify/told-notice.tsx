'use client';

import { createContext, type ReactNode, useContext, useEffect, useRef, useState } from 'react';

/** Tells the list which request was just recorded as told. */
const Recorded = createContext<(reference: string) => void>(() => {});

export function useToldNotice(): (reference: string) => void {
  return useContext(Recorded);
}

/**
 * What was recorded last, said above the list rather than in its row: the row leaves the list when the page
 * refreshes, and would take the message and the focus with it. The message takes the focus (so it is read out, and
 * the next Tab leads on into the list), and stays after the refresh: a client component keeps its state when the
 * server renders the list again around it.
 */
export function ToldNotice({ children }: { children: ReactNode }) {
  const [told, setTold] = useState<string | null>(null);
  const message = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (told) message.current?.focus();
  }, [told]);
  return (
    <Recorded value={setTold}>
      <div role="status" data-testid="notify-recorded">
        {told ? (
          <p ref={message} tabIndex={-1} className="status-ok">
            Recorded that the user of request <span className="mono">{told}</span> was told. It has left this list.
          </p>
        ) : null}
      </div>
      {children}
    </Recorded>
  );
}
