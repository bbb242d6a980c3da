import { SELECTOR_RULES, type SelectorType } from '@writ/contracts';
import type { PrismaService } from '../database/index.js';
import type { Lookup, SubscriberLookup } from './subscriber-lookup.js';

/** SubscriberLookup over subscriber_account: exact matches on the normalised identifier, nothing fuzzy. */
export class PostgresSubscriberLookup implements SubscriberLookup {
  constructor(private readonly prisma: PrismaService) {}

  async resolve(selector: { type: SelectorType; value: string }): Promise<Lookup> {
    const rule = SELECTOR_RULES[selector.type];
    // Intake stores normalised values; one that is not (or no longer) well-formed names no account.
    if (rule === undefined || rule.normalise(selector.value) !== selector.value || !rule.pattern.test(selector.value)) {
      return { result: 'INVALID', accountId: null };
    }
    const where =
      selector.type === 'ACCOUNT_ID'
        ? { accountId: selector.value }
        : selector.type === 'USERNAME'
          ? { username: selector.value }
          : { phoneNumber: selector.value };
    const row = await this.prisma.subscriberAccount.findFirst({ where, select: { accountId: true } });
    return row === null ? { result: 'NOT_FOUND', accountId: null } : { result: 'FOUND', accountId: row.accountId };
  }
}
