import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { RouteContract } from '@writ/contracts';
import { map, type Observable } from 'rxjs';
import { AppError } from './app-error.js';
import { ROUTE_CONTRACT } from './route.decorator.js';

/**
 * Responses are parsed with their contract before they leave (docs/STYLE.md, "Documenso"). Parsing also strips
 * fields the contract does not name, so a column added to a table cannot leak through an endpoint by accident.
 */
@Injectable()
export class ResponseValidationInterceptor implements NestInterceptor {
  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const contract = this.reflector.get<RouteContract | undefined>(ROUTE_CONTRACT, context.getHandler());
    // Routes with two success answers (`accepted`: 200 applied or 202 proposed) send and check theirs with
    // common/reply.ts, since the status depends on the outcome.
    const schema = contract?.produces || contract?.accepted ? undefined : contract?.response;
    if (!schema) return next.handle();
    return next.handle().pipe(
      map((value: unknown) => {
        const result = schema.safeParse(value);
        if (!result.success) {
          throw new AppError('INTERNAL', 'The response did not match its contract.', undefined);
        }
        return result.data;
      }),
    );
  }
}
