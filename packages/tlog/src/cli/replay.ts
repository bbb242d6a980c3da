/**
 * The requests as the log tells them (`writ-verify report`): replays the public leaves of request and delivery
 * events in log order. Pure: no I/O.
 */

interface Leaf {
  at: string;
  action: string;
  subject?: { type?: string; id?: string | null };
  details?: Record<string, unknown>;
}

/** The report figures one delivered package adds to its request's row, as its delivery leaf states them. */
export const DISCLOSURE_FIELDS = ['accountsDisclosed', 'ipAddressDisclosures', 'phoneNumberDisclosures'] as const;
export type DisclosureField = (typeof DISCLOSURE_FIELDS)[number];

export interface Replayed {
  receivedAt: number;
  country: string;
  legalProcess: string;
  type: string;
  category: string | null;
  outcome: string;
  targets: Set<string>;
  hasNdo: boolean;
  ndoEndsAt: number | null;
  /**
   * Whether the log says when the gag order ends. Leaves logged before request.created carried `ndoEndsAt` do not,
   * until a later change names the end: "gag orders in force" then cannot be recounted for that request.
   */
  ndoEndKnown: boolean;
  notifiedAt: number | null;
  acknowledgedAt: number | null;
  respondedAt: number | null;
  /** What the request's delivered packages released, from their delivery leaves. */
  released: Record<DisclosureField, number>;
  /** Deliveries whose leaf carries no counts (logged before deliveries carried them): the figures are unknown. */
  uncountedDeliveries: number;
}

/** The actions that hand a package over: only a delivery discloses anything (docs/DOMAIN.md). */
const DELIVERIES = new Set(['disclosure.downloaded', 'disclosure.exported']);

const time = (iso: unknown): number | null => (typeof iso === 'string' ? Date.parse(iso) : null);
const isCount = (value: unknown): value is number => Number.isSafeInteger(value) && (value as number) >= 0;

/** The requests as they stood at `countedAt`, from the leaves in log order. Leaves that are not JSON are skipped. */
export function replay(leaves: readonly Uint8Array[], countedAt: number): Map<string, Replayed> {
  const requests = new Map<string, Replayed>();
  const decoder = new TextDecoder();
  for (const bytes of leaves) {
    let leaf: Leaf;
    try {
      leaf = JSON.parse(decoder.decode(bytes)) as Leaf;
    } catch {
      continue;
    }
    const action = leaf.action;
    if (typeof action !== 'string' || !(action.startsWith('request.') || DELIVERIES.has(action))) continue;
    if ((time(leaf.at) ?? Infinity) > countedAt) continue;
    const id = leaf.subject?.id ?? '';
    const d = leaf.details ?? {};
    if (action === 'request.created') {
      requests.set(id, {
        receivedAt: time(d.receivedAt)!,
        country: String(d.country),
        legalProcess: String(d.legalProcess),
        type: String(d.type),
        category: (d.offenceCategoryCode as string | null | undefined) ?? null,
        outcome: 'PENDING',
        targets: new Set(((d.targets as { id: string }[] | undefined) ?? []).map((t) => t.id)),
        hasNdo: d.hasNdo === true,
        ndoEndsAt: time(d.ndoEndsAt),
        ndoEndKnown: d.hasNdo !== true || 'ndoEndsAt' in d,
        notifiedAt: null,
        acknowledgedAt: null,
        respondedAt: null,
        released: { accountsDisclosed: 0, ipAddressDisclosures: 0, phoneNumberDisclosures: 0 },
        uncountedDeliveries: 0,
      });
      continue;
    }
    const request = requests.get(id);
    if (!request) continue;
    if (DELIVERIES.has(action)) {
      // A request has one package in play at a time, so its deliveries' counts add up without counting an account
      // twice. A leaf without all three counts is not read as zeros: its request's cells are reported as unknown.
      if (DISCLOSURE_FIELDS.every((field) => isCount(d[field]))) {
        for (const field of DISCLOSURE_FIELDS) request.released[field] += d[field] as number;
      } else {
        request.uncountedDeliveries += 1;
      }
      continue;
    }
    switch (action) {
      case 'request.updated': {
        const changes = (d.changes ?? {}) as Record<string, { to: unknown }>;
        if (changes.legalProcess) request.legalProcess = String(changes.legalProcess.to);
        if (changes.type) request.type = String(changes.type.to);
        if (changes.country) request.country = String(changes.country.to);
        if (changes.receivedAt) request.receivedAt = time(changes.receivedAt.to)!;
        if (changes.offenceCategoryCode) request.category = (changes.offenceCategoryCode.to as string | null) ?? null;
        // A correction at intake can add, lift or date the gag order, as request.ndo.changed does later.
        if (changes.hasNdo) request.hasNdo = changes.hasNdo.to === true;
        if (changes.ndoEndsAt) {
          request.ndoEndsAt = time(changes.ndoEndsAt.to);
          request.ndoEndKnown = true;
        }
        break;
      }
      case 'request.targets.added':
        for (const target of (d.targets as { id: string }[] | undefined) ?? []) request.targets.add(target.id);
        break;
      case 'request.target.removed':
        request.targets.delete(String(d.targetId));
        break;
      case 'request.transitioned':
        if (typeof d.outcome === 'string') request.outcome = d.outcome;
        // The transition that started work acknowledged receipt, the one that answered gave effect (DSA Art. 10).
        if (typeof d.acknowledgedAt === 'string') request.acknowledgedAt = time(d.acknowledgedAt);
        if (typeof d.respondedAt === 'string') request.respondedAt = time(d.respondedAt);
        break;
      case 'request.acknowledged':
        request.acknowledgedAt = time(d.acknowledgedAt);
        break;
      case 'request.ndo.changed': {
        const hasNdo = d.hasNdo as { to: boolean } | undefined;
        const endsAt = d.ndoEndsAt as { to: string | null } | undefined;
        if (hasNdo) request.hasNdo = hasNdo.to;
        if (endsAt) {
          request.ndoEndsAt = time(endsAt.to);
          request.ndoEndKnown = true;
        }
        break;
      }
      case 'request.user_notified':
        request.notifiedAt = time(d.userNotifiedAt);
        break;
    }
  }
  return requests;
}
