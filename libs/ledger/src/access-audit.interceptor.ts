import {
  applyDecorators,
  Injectable,
  UseInterceptors,
  type CallHandler,
  type ExecutionContext,
  type NestInterceptor,
} from '@nestjs/common';
import { type Request } from 'express';
import { concatMap, from, map, type Observable } from 'rxjs';
import { Role, type Actor } from '../../contracts/src/identity.js';
import { routeTemplate } from '../../platform/src/http/route-template.js';
import { DailyChainKind, DailyChainLedger } from './daily-chain.js';

export const CASE_READ_CASE_TYPE = 'case-read';

/** Whose reads of case details are themselves ledgered (docs/domain.md §3.6). */
export const AUDITED_READER_ROLES: readonly Role[] = [Role.Auditor];

/**
 * Ledgers an auditor's successful read on the day's access chain (`access/2026-11-28`) before the
 * answer leaves: route, path ids and query, never the body. Reads that fail are not reads.
 */
@Injectable()
export class AccessAuditInterceptor implements NestInterceptor {
  constructor(private readonly chains: DailyChainLedger) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<Request & { actor?: Actor; id?: unknown }>();
    const actor = request.actor;
    if (!actor || !AUDITED_READER_ROLES.includes(actor.role)) return next.handle();
    return next.handle().pipe(
      concatMap((body: unknown) =>
        from(
          this.chains.append(DailyChainKind.Access, CASE_READ_CASE_TYPE, {
            actor,
            method: request.method,
            route: routeTemplate(request),
            params: { ...(request.params as Record<string, string>) },
            requestId: typeof request.id === 'string' ? request.id : 'none',
            occurredAt: new Date().toISOString(),
            reason: null,
            details: { query: { ...(request.query as Record<string, unknown>) } },
          }),
        ).pipe(map(() => body)),
      ),
    );
  }
}

/** Put on a controller or route that shows case details: auditors' reads of it are ledgered. */
export const AuditedRead = () => applyDecorators(UseInterceptors(AccessAuditInterceptor));
