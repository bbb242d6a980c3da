/**
 * The only way disclosure reads the platform's subscriber data (docs/POLICY.md, "Defence in depth", layer 2): the phone
 * number registered to an account, and the connections (time, IP address) an account made inside a window. There
 * is no method for anything else, and no type for message content, contacts, media or location to travel in, so
 * a bug elsewhere cannot fetch them through this interface.
 *
 * Writ ships a PostgreSQL implementation (postgres-subscriber-data.ts); a platform provides its own under the
 * SUBSCRIBER_DATA token (see subscriber-data.module.ts).
 */
export interface SubscriberDataSource {
  /** The phone number registered to the account, or null when it has none or the account does not exist. */
  phoneNumber(accountId: string): Promise<string | null>;
  /**
   * Connections of the account with start <= at <= end, oldest first, in pages of any size the source finds
   * convenient (a database cursor's batch, an upstream API's page). A stream, not an array: an account may have
   * millions, and a package is written as they arrive (memory stays flat). Pages rather than single connections
   * because a package of 100,000 spent a noticeable part of its time handing them over one promise at a time.
   */
  connections(accountId: string, window: ConnectionWindow): AsyncIterable<readonly Connection[]>;
}

export interface ConnectionWindow {
  readonly start: Date;
  readonly end: Date;
}

export interface Connection {
  readonly at: Date;
  readonly ip: string;
}

export const SUBSCRIBER_DATA = Symbol('writ:subscriber-data');

// Compile-time proof that the interface exposes exactly the two reads docs/POLICY.md allows: adding a method fails tsc.
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const exactlyTwoReads: Equal<keyof SubscriberDataSource, 'phoneNumber' | 'connections'> = true;
const connectionsHoldOnlyTimeAndAddress: Equal<keyof Connection, 'at' | 'ip'> = true;
void exactlyTwoReads;
void connectionsHoldOnlyTimeAndAddress;
