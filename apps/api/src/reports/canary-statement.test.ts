import { canaryExpiry, parsePeriod } from '@writ/contracts';
import { canaryView } from './read-canary.js';

describe('canary expiry', () => {
  it('lasts through the next period plus 30 days, then reads as expired', () => {
    const expiresAt = canaryExpiry(parsePeriod('2026-H1')!);
    expect(expiresAt.toISOString()).toBe('2027-01-31T00:00:00.000Z');
    expect(canaryExpiry(parsePeriod('2026-Q4')!).toISOString()).toBe('2027-05-01T00:00:00.000Z');
    const row = {
      id: '00000000-0000-4000-8000-000000000000',
      period: '2026-H1',
      status: 'PUBLISHED' as const,
      statement: 'x\n',
      signedNote: 'x\n',
      publishedAt: new Date('2026-07-02T00:00:00Z'),
      expiresAt,
    };
    expect(canaryView(row, new Date('2027-01-30T23:59:59Z')).expired).toBe(false);
    expect(canaryView(row, new Date('2027-01-31T00:00:00Z')).expired).toBe(true);
  });
});
