import type { RouteContract } from '@writ/contracts';
import type { Response } from 'express';
import { AppError } from './app-error.js';

/** A change that was not made but proposed: it waits for another admin's approval (four eyes). */
export class Proposed<T> {
  constructor(readonly change: T) {}
}

/**
 * For routes whose contract has two success answers: 200 (`response`) when the change took effect, 202
 * (`accepted`) when it was proposed. Nest sends every handler's answer with the one status its decorator names,
 * so these handlers take the response object and send it here, parsed by the contract like any other answer.
 */
export function replyWithOutcome(res: Response, contract: RouteContract, outcome: unknown): void {
  const [status, schema] =
    outcome instanceof Proposed ? [202, contract.accepted] : [contract.status ?? 200, contract.response];
  const value = outcome instanceof Proposed ? (outcome.change as unknown) : outcome;
  const parsed = schema?.safeParse(value);
  if (!parsed?.success) throw new AppError('INTERNAL', 'The response did not match its contract.');
  res.status(status).json(parsed.data);
}
