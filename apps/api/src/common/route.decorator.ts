import { applyDecorators, Delete, Get, HttpCode, Patch, Post, Put, SetMetadata } from '@nestjs/common';
import { expressPath, type RouteContract } from '@writ/contracts';

export const ROUTE_CONTRACT = Symbol('writ:route-contract');

const METHOD = { get: Get, post: Post, put: Put, patch: Patch, delete: Delete } as const;

/**
 * Binds a handler to its contract: method, path, status, and — read by AccessGuard — who may call it. The guard
 * refuses any handler without a contract, so forgetting this decorator fails closed.
 */
export function Route(contract: RouteContract): MethodDecorator {
  return applyDecorators(
    METHOD[contract.method](expressPath(contract.path)),
    HttpCode(contract.status ?? 200),
    SetMetadata(ROUTE_CONTRACT, contract),
  );
}
