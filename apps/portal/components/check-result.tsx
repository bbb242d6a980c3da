import type { ReactNode } from 'react';

/**
 * How a check's outcome is shown: `ok` is proven, `warn` means nothing was concluded (or a caveat), `bad` means
 * something does not verify, and `alarm` is the loud form for evidence of a rewritten or forked log.
 */
export type Tone = 'ok' | 'warn' | 'bad' | 'alarm' | 'pending';

const ICON: Record<Tone, string> = { ok: '✓', warn: '⚠', bad: '✗', alarm: '✗', pending: '…' };

export function CheckResult({
  tone,
  title,
  children,
  testId,
}: {
  tone: Tone;
  title: ReactNode;
  children?: ReactNode;
  testId?: string;
}) {
  const loud = tone === 'bad' || tone === 'alarm';
  return (
    <div className={`check ${tone}`} role={loud ? 'alert' : 'status'} data-testid={testId} data-tone={tone}>
      <p className="check-title">
        <span aria-hidden="true">{ICON[tone]}</span> {title}
      </p>
      {children}
    </div>
  );
}
