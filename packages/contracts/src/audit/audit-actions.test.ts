import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_ACTIONS, AuditAction, checkAuditEvent, READ_ACTIONS, renderAuditActionsDoc } from '../index.js';

const DOC = path.resolve(__dirname, '../../../../docs/AUDIT-ACTIONS.md');

describe('the declared audit vocabulary', () => {
  it('is what docs/AUDIT-ACTIONS.md lists (run `npm run docs:audit` after changing a declaration)', () => {
    expect(readFileSync(DOC, 'utf8')).toBe(renderAuditActionsDoc());
  });

  it('names every action as lower-case dotted words, each documented with a summary', () => {
    for (const [action, spec] of Object.entries(AUDIT_ACTIONS)) {
      expect(action).toMatch(/^[a-z_]+(\.[a-z_]+)+$/);
      expect(spec.summary.length).toBeGreaterThan(10);
    }
  });

  it('knows which actions only record a read (the explorer can leave them out): each is named and described so', () => {
    expect(READ_ACTIONS).toEqual(
      expect.arrayContaining(['request.read', 'document.read', 'audit.events.read', 'decision.previewed']),
    );
    for (const action of READ_ACTIONS)
      expect(AUDIT_ACTIONS[action].summary).toMatch(/\b(read|searched|listed|opened)\b/i);
    expect(READ_ACTIONS).not.toContain('request.created');
  });

  it('refuses an action that is not declared', () => {
    expect(() => checkAuditEvent('request.craeted', {}, {})).toThrow('"request.craeted" is not declared');
    expect(AuditAction.safeParse('request.craeted').success).toBe(false);
    expect(AuditAction.safeParse('request.created').success).toBe(true);
  });

  it('refuses a public detail the declaration does not list: it would be published by mistake', () => {
    const details = { acknowledgedAt: '2026-12-03T10:00:00.000Z', version: 2 };
    expect(() => checkAuditEvent('request.acknowledged', details, {})).not.toThrow();
    expect(() => checkAuditEvent('request.acknowledged', { ...details, caseNumber: 'AZ 1/26' }, {})).toThrow(
      /request.acknowledged: details do not match/,
    );
    expect(() => checkAuditEvent('request.acknowledged', { version: 2 }, {})).toThrow(/acknowledgedAt/);
  });

  it('refuses a personal identifier the declaration does not list', () => {
    const details = { targetId: '5b7b6c1e-58a4-4b9e-9a55-6f0b5f8f6a10', lookupResult: 'FOUND' };
    expect(() => checkAuditEvent('target.looked_up', details, { accountId: 'u-1' })).not.toThrow();
    expect(() => checkAuditEvent('target.looked_up', details, { phone: '+4915112345678' })).toThrow(
      /personal do not match/,
    );
  });
});
