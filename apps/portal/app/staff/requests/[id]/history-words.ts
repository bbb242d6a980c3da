import {
  type AuditAction,
  type AuditDetails,
  type AuditSubject,
  DATA_CATEGORY_WORDS,
  type DataCategory,
  type RequestHistoryEvent,
} from '@writ/contracts';
import { counted } from '@/lib/group-digits';
import { when, words } from '../request-text';

/** The actions a request's history can hold: those about a request, one of its documents or one of its decisions. */
export type HistoryAction = {
  [A in AuditAction]: AuditSubject<A> extends 'request' | 'document' | 'decision' ? A : never;
}[AuditAction];

/** What the page knows beside the event: the names it may show (the log keeps them only as commitments). */
export interface HistoryContext {
  /** Document id → file name, from the request's documents. */
  fileNames: ReadonlyMap<string, string>;
  /** Target id → how the page names it ("username @alice"), from the request's targets. */
  targetNames: ReadonlyMap<string, string>;
}

/** Mid-sentence: "phone numbers", but "IP addresses" keeps its capitals. */
const midSentence = (text: string) => (/^[A-Z][a-z]/.test(text) ? text.charAt(0).toLowerCase() + text.slice(1) : text);
const category = (value: string) => midSentence(DATA_CATEGORY_WORDS[value as DataCategory] ?? words(value));
const lower = (value: string) => words(value).toLowerCase();
/** A correction's fields as the request page labels them (UpdateRequest's fields). */
const FIELD_WORDS: Record<string, string> = {
  type: 'type of request',
  legalProcess: 'legal process',
  authorityId: 'authority',
  requesterContact: 'contact at the authority',
  caseNumber: 'case number',
  legalBasis: 'legal basis',
  statementOfReasons: 'statement of reasons',
  offenceCategory: 'offence',
  offenceCategoryCode: 'offence category',
  issuedAt: 'date of issue',
  receivedAt: 'date received',
  dueAt: 'answer due',
  expiresAt: 'order expiry',
  hasNdo: 'gag order',
  ndoEndsAt: 'end of the gag order',
  categories: 'data asked for',
};
/** A field the list above lacks still reads as words: caseNumber → case number. */
const field = (name: string) => FIELD_WORDS[name] ?? name.replace(/([A-Z])/g, ' $1').toLowerCase();
const counts = (d: { released: number; denied: number }) =>
  `${counted(d.released, 'release')}, ${counted(d.denied, 'denial')}`;
const target = (ctx: HistoryContext, id: string) => ctx.targetNames.get(id) ?? 'a target since removed';

type Say<A extends HistoryAction> = (
  details: AuditDetails<A>,
  ctx: HistoryContext,
  event: RequestHistoryEvent,
) => string;

/**
 * Each action in words, from its public details. Typed over every action a history can hold: a new action about a
 * request does not compile until it is worded here.
 */
const SAY: { [A in HistoryAction]: Say<A> } = {
  'request.created': (d) => `Logged as received (received ${when(d.receivedAt)})`,
  'request.read': () => 'Opened the request',
  'request.updated': (d) => `Corrected: ${d.changed.map(field).join(', ')}`,
  'request.targets.added': (d) => `Added ${counted(d.targets.length, 'target')}`,
  'request.target.removed': (d) => `Removed a target (${lower(d.selectorType)}, ${lower(d.role)})`,
  'request.acknowledged': (d) => `Recorded that receipt was acknowledged to the authority (${when(d.acknowledgedAt)})`,
  // The reason typed with a step is personal: the page adds it from the request's own list of transitions.
  'request.transitioned': (d) => `${words(d.from)} → ${words(d.to)}`,
  'request.ndo.changed': (d) =>
    `Gag order ${lower(d.change)}${d.ndoEndsAt.to ? `, now until ${when(d.ndoEndsAt.to)}` : d.hasNdo.to ? ', until lifted' : ''}`,
  'request.user_notified': () => 'Recorded that the user was told',
  'document.uploaded': (d, ctx, event) =>
    `Uploaded ${ctx.fileNames.get(event.subjectId ?? '') ?? 'a document'} (${lower(d.kind)}${d.signatureFormat ? `, with a detached ${d.signatureFormat} signature` : ''})`,
  'document.read': (d, ctx, event) =>
    `${d.part === 'signature' ? 'Read the signature of' : 'Read'} ${ctx.fileNames.get(event.subjectId ?? '') ?? 'a document'}${d.purpose === 'verification' ? ' to check it' : ''}`,
  'verification.recorded': (d) =>
    d.method === 'SIGNATURE'
      ? `Checked the order’s signature: ${lower(d.result)}${d.matchesIntakeHash ? '' : ' (the file differs from the one logged at intake)'}`
      : `Recorded a call-back to the authority by ${lower(d.channelKind)}: ${lower(d.result)}`,
  'verification.confirmed': (d) =>
    `Confirmed the ${d.method === 'SIGNATURE' ? 'signature check' : 'call-back'} as a second person (${lower(d.result)})`,
  'verifications.read': () => 'Read the verification evidence',
  'target.looked_up': (d, ctx) =>
    `Looked up ${target(ctx, d.targetId)} in the subscriber data: ${lower(d.lookupResult)}`,
  'decision.previewed': (d) => `Previewed the policy’s decisions: ${counts(d)}`,
  'decision.recorded': (d, ctx) => `Decision on ${category(d.category)} of ${target(ctx, d.targetId)}: ${d.outcome}`,
  'decisions.recorded': (d) => `Recorded the decisions: ${counts(d)}`,
  'decisions.read': () => 'Read the recorded decisions',
  'disclosure.prepared': (d) =>
    `Prepared a disclosure package (${counted(d.items.IP_ADDRESS, 'IP address', 'IP addresses')}, ${counted(d.items.PHONE_NUMBER, 'phone number')})`,
  'disclosure.approved': () => 'Approved the disclosure package as a second person',
  'disclosure.rejected': () => 'Rejected the disclosure package; its files were deleted',
  'disclosure.link_created': (d) =>
    `${d.replacesLink ? 'Made a new one-time link (the old one stopped working)' : 'Made a one-time download link'}, valid until ${when(d.expiresAt)}`,
  'disclosure.downloaded': () => 'The authority downloaded the package; its files were then deleted',
  'disclosure.exported': () => 'Exported the package to send by a registered channel; its files were then deleted',
  'disclosure.link_expired': () => 'The download link expired unused; the files were deleted',
  'disclosure.expired': () => 'The package expired unused; its files were deleted and a new one can be prepared',
  'disclosure.download_refused': (d) =>
    `A download was refused: the person who made the link is ${d.why === 'DISABLED' ? 'disabled' : 'no longer allowed to deliver'}`,
  'disclosures.read': () => 'Read the disclosure packages',
};

export function isHistoryAction(action: AuditAction): action is HistoryAction {
  return Object.hasOwn(SAY, action);
}

/** One event in words. An action outside the history's kinds cannot reach here (the API filters by subject). */
export function historyText(event: RequestHistoryEvent, ctx: HistoryContext): string {
  if (!isHistoryAction(event.action)) return words(event.action);
  const say = SAY[event.action] as Say<HistoryAction>;
  return say(event.details as AuditDetails<HistoryAction>, ctx, event);
}

/** Who acted, for people: the authority's download is "public" in the log. */
export function actorWords(label: string): string {
  if (label === 'public') return 'the authority, by its link';
  if (label.startsWith('system:')) return 'Writ (automatic)';
  return label;
}
