import { RequestStatus } from '../domain.js';
import {
  EDITABLE_STATUSES,
  FINAL_STATUSES,
  findTransition,
  isOverdue,
  OPEN_STATUSES,
  TRANSITION_ROLES,
  TRANSITIONS,
  transitionsFrom,
} from './lifecycle.js';

describe('the lifecycle table', () => {
  it('has one entry per (from, to), each with roles, and none out of a final status', () => {
    const keys = TRANSITIONS.map((t) => `${t.from}→${t.to}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const t of TRANSITIONS) expect(t.roles.length).toBeGreaterThan(0);
    for (const status of FINAL_STATUSES) expect(transitionsFrom(status)).toEqual([]);
  });

  it('reaches every status from RECEIVED, and a final status from every status', () => {
    const reached = (from: RequestStatus): Set<string> => {
      const seen = new Set<string>([from]);
      const queue: RequestStatus[] = [from];
      for (let next = queue.shift(); next; next = queue.shift()) {
        for (const t of transitionsFrom(next)) {
          if (seen.has(t.to)) continue;
          seen.add(t.to);
          queue.push(t.to);
        }
      }
      return seen;
    };
    expect([...reached('RECEIVED')].sort()).toEqual([...RequestStatus.options].sort());
    for (const status of RequestStatus.options) {
      const seen = reached(status);
      expect(FINAL_STATUSES.some((final) => seen.has(final))).toBe(true);
    }
  });

  it('follows docs/DOMAIN.md: reject needs a reason, withdrawal from every open status, edits only before verification', () => {
    expect(findTransition('IN_REVIEW', 'REJECTED')?.requires).toEqual(['reason', 'reasonCode']);
    for (const status of OPEN_STATUSES)
      expect(findTransition(status, 'WITHDRAWN')?.roles).toEqual(['INTAKE', 'REVIEWER']);
    expect(findTransition('DELIVERED', 'WITHDRAWN')).toBeUndefined();
    expect(findTransition('RECEIVED', 'VERIFIED')).toBeUndefined();
    expect(EDITABLE_STATUSES).toEqual(['RECEIVED', 'IN_REVIEW']);
    expect(findTransition('DISCLOSURE_PREPARED', 'APPROVED')?.notSameActorAs).toBe('DISCLOSURE_PREPARED');
    expect([...TRANSITION_ROLES].sort()).toEqual(['APPROVER', 'INTAKE', 'REVIEWER']);
  });

  it('calls a request overdue only while the authority still waits for its answer', () => {
    const past = '2020-01-01T00:00:00Z';
    expect(isOverdue({ status: 'IN_REVIEW', dueAt: past })).toBe(true);
    expect(isOverdue({ status: 'IN_REVIEW', dueAt: '2999-01-01T00:00:00Z' })).toBe(false);
    expect(isOverdue({ status: 'IN_REVIEW', dueAt: null })).toBe(false);
    for (const status of ['DELIVERED', ...FINAL_STATUSES] as const)
      expect(isOverdue({ status, dueAt: past })).toBe(false);
  });
});
