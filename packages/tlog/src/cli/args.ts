import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from './exit-codes.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/** Flags every command accepts. */
export const COMMON_OPTIONS = {
  key: { type: 'string', multiple: true },
  origin: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const satisfies Options;

type Parsed<T extends Options> = ReturnType<
  typeof parseArgs<{ args: string[]; options: T; strict: true; allowPositionals: true }>
>;

/** node:util parseArgs in strict mode, with its errors turned into usage errors (exit 2). */
export function parse<T extends Options>(args: string[], options: T): Parsed<T> {
  try {
    return parseArgs({ args, options, strict: true, allowPositionals: true });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
}

export function expectPositionals(positionals: string[], names: readonly string[]): void {
  if (positionals.length < names.length) {
    throw new UsageError(`missing ${names.slice(positionals.length).join(' and ')}`);
  }
  if (positionals.length > names.length) {
    throw new UsageError(`unexpected argument ${JSON.stringify(positionals[names.length])}`);
  }
}

/** Origin pin from --origin, in the shape openCheckpoint takes. */
export function originOption(origin: string | undefined): { origin?: string } {
  return origin === undefined ? {} : { origin };
}
