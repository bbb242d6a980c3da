import { DataCategory, type RequestDetail } from '@writ/contracts';
import { instant, localValue, text } from '../../form-values';

// The correction form's values as its controls hold them (text, a datetime-local value in UTC, "yes"/"no"), both
// for the request as read and for what was entered, so "what changed" is a comparison of like with like: a date
// the form shows to the minute is not "changed" because the stored one has seconds.

export const TEXT_FIELDS = [
  'caseNumber',
  'offenceCategory',
  'requesterContact',
  'legalBasis',
  'statementOfReasons',
] as const;
export const DATE_FIELDS = ['issuedAt', 'receivedAt', 'dueAt', 'expiresAt'] as const;
const CHOICE_FIELDS = ['type', 'legalProcess', 'authorityId'] as const;

type Simple =
  | (typeof TEXT_FIELDS)[number]
  | (typeof DATE_FIELDS)[number]
  | (typeof CHOICE_FIELDS)[number]
  | 'offenceCategoryCode'
  | 'hasNdo'
  | 'ndoEndsAt';

export interface CorrectionValues {
  fields: Record<Simple, string>;
  /** The categories asked for, in the contract's order, each with its words as the order wrote them ('' for none). */
  categories: [DataCategory, string][];
}

/** Line breaks as one character: a textarea may hand back "\r\n" for what was stored as "\n". */
const plain = (value: string) => value.replace(/\r\n?/g, '\n').trim();

export function valuesOf(request: RequestDetail): CorrectionValues {
  const byCategory = new Map(request.categories.map((entry) => [entry.category, entry.asWritten ?? '']));
  return {
    fields: {
      type: request.type,
      legalProcess: request.legalProcess,
      authorityId: request.authorityId,
      offenceCategoryCode: request.offenceCategoryCode ?? '',
      caseNumber: plain(request.caseNumber ?? ''),
      offenceCategory: plain(request.offenceCategory ?? ''),
      requesterContact: plain(request.requesterContact ?? ''),
      legalBasis: plain(request.legalBasis ?? ''),
      statementOfReasons: plain(request.statementOfReasons ?? ''),
      issuedAt: localValue(request.issuedAt),
      receivedAt: localValue(request.receivedAt),
      dueAt: localValue(request.dueAt),
      expiresAt: localValue(request.expiresAt),
      hasNdo: request.hasNdo ? 'yes' : 'no',
      ndoEndsAt: request.hasNdo ? localValue(request.ndoEndsAt) : '',
    },
    categories: DataCategory.options.flatMap((category) =>
      byCategory.has(category) ? [[category, plain(byCategory.get(category)!)] as [DataCategory, string]] : [],
    ),
  };
}

export function enteredValues(form: FormData, checked: ReadonlySet<DataCategory>): CorrectionValues {
  const get = (name: string) => plain(String(form.get(name) ?? ''));
  const hasNdo = get('hasNdo');
  return {
    fields: {
      type: get('type'),
      legalProcess: get('legalProcess'),
      authorityId: get('authorityId'),
      offenceCategoryCode: get('offenceCategoryCode'),
      caseNumber: get('caseNumber'),
      offenceCategory: get('offenceCategory'),
      requesterContact: get('requesterContact'),
      legalBasis: get('legalBasis'),
      statementOfReasons: get('statementOfReasons'),
      issuedAt: get('issuedAt'),
      receivedAt: get('receivedAt'),
      dueAt: get('dueAt'),
      expiresAt: get('expiresAt'),
      hasNdo,
      // No gag order, no end date: the API refuses an end date without an order.
      ndoEndsAt: hasNdo === 'yes' ? get('ndoEndsAt') : '',
    },
    categories: DataCategory.options.flatMap((category) =>
      checked.has(category) ? [[category, get(`asWritten.${category}`)] as [DataCategory, string]] : [],
    ),
  };
}

export function sameValues(a: CorrectionValues, b: CorrectionValues): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/**
 * Only what differs from the request as read, as UpdateRequest has it: an emptied field is null (cleared), a date is
 * an instant in UTC, the categories the whole list. An emptied "Received" stays '' for the contract to refuse: it
 * cannot be cleared.
 */
export function changes(read: CorrectionValues, entered: CorrectionValues): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  const differs = (field: Simple) => read.fields[field] !== entered.fields[field];
  for (const field of CHOICE_FIELDS) {
    if (differs(field)) body[field] = entered.fields[field];
  }
  if (differs('offenceCategoryCode')) body.offenceCategoryCode = entered.fields.offenceCategoryCode || null;
  for (const field of TEXT_FIELDS) if (differs(field)) body[field] = text(entered.fields[field]) ?? null;
  for (const field of [...DATE_FIELDS, 'ndoEndsAt'] as const) {
    if (!differs(field)) continue;
    body[field] =
      field === 'receivedAt' ? (instant(entered.fields[field]) ?? '') : (instant(entered.fields[field]) ?? null);
  }
  if (differs('hasNdo')) body.hasNdo = entered.fields.hasNdo === 'yes';
  if (JSON.stringify(read.categories) !== JSON.stringify(entered.categories)) {
    body.categories = entered.categories.map(([category, asWritten]) =>
      asWritten ? { category, asWritten } : { category },
    );
  }
  return body;
}
